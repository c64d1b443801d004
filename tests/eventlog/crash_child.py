"""Child process for the crash test: records events forever, printing each flush it saw acknowledged."""

from __future__ import annotations

import sys
import time

from eventlog import EventLog
from tests.eventlog import helpers  # noqa: F401  (registers test.* kinds)


def main(data_dir: str, batch: int) -> None:
    """Record batches of ticks; after each flush() returns print 'ACK session seq'."""
    log = EventLog.in_dir(data_dir, window_ms=5)
    session = log.open_session("assessment", "crash-child")
    print(f"READY {session.session_id}", flush=True)
    n = 0
    while True:
        for _ in range(batch):
            seq = log.record(session.session_id, "test.tick", time.perf_counter_ns() - session.t0_perf_ns,
                             {"n": n, "label": "x" * (n % 50)})
            n += 1
        log.flush()
        print(f"ACK {session.session_id} {seq}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
