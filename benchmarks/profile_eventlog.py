"""Where sustained record() + commit spends its time: the caller's record() parts and the writer thread's phases.

Run from a checkout (`.venv/bin/python benchmarks/profile_eventlog.py`); it profiles the `eventlog` it imports. CPU
time is per thread (time.thread_time), so it holds up on a loaded machine; wall time is what bench_eventlog.py
measures. The writer's phases are timed by wrapping its methods and its connection (a few hundred ns per batch or
statement, not per event).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_eventlog import raw_sqlite

import eventlog.kinds as kinds
import eventlog.writer as writer_module
from eventlog import EventLog
from eventlog.canonical import canonical_json
from eventlog.kinds import validate_payload

PHASES = ("collect", "chain + rows", "insert", "commit", "release")


class Clock:
    """Wall and writer-thread CPU seconds per phase."""

    def __init__(self) -> None:
        self.wall = dict.fromkeys(PHASES, 0.0)
        self.cpu = dict.fromkeys(PHASES, 0.0)

    def timed(self, phase: str, call: Callable[..., Any], *args: Any) -> Any:
        """Run call(*args), adding its wall and thread CPU time to phase."""
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return call(*args)
        finally:
            self.wall[phase] += time.perf_counter() - wall
            self.cpu[phase] += time.thread_time() - cpu


class TimedConnection:
    """The writer's connection, with event inserts and commits timed."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock) -> None:
        self._conn, self._clock = conn, clock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, sql: str, *args: Any) -> Any:
        phase = "commit" if sql == "COMMIT" else "insert" if sql.startswith("INSERT INTO events") else None
        return self._clock.timed(phase, self._conn.execute, sql, *args) if phase else self._conn.execute(sql, *args)

    def executemany(self, sql: str, rows: Any) -> Any:
        return self._clock.timed("insert", self._conn.executemany, sql, rows)


def instrument(clock: Clock) -> None:
    """Wrap the writer's phases (whatever version of eventlog.writer is imported)."""
    cls: Any = writer_module.Writer
    collect, write, release = cls._collect, cls._write, cls._release

    def timed_collect(self: Any, first: Any) -> Any:
        return clock.timed("collect", collect, self, first)

    def timed_write(self: Any, batch: Any, heads: Any, seqs: Any) -> None:
        if not isinstance(self._conn, TimedConnection):
            self._conn = TimedConnection(self._conn, clock)
        wall, cpu = clock.wall["insert"], clock.cpu["insert"]
        clock.timed("chain + rows", write, self, batch, heads, seqs)
        clock.wall["chain + rows"] -= clock.wall["insert"] - wall  # the inserts inside _write are their own phase
        clock.cpu["chain + rows"] -= clock.cpu["insert"] - cpu

    def timed_release(batch: Any) -> Any:
        return clock.timed("release", release, batch)

    cls._collect, cls._write, cls._release = timed_collect, timed_write, staticmethod(timed_release)


def per_call_ns(statement: Callable[[], Any], number: int = 20_000) -> float:
    """Best-of-5 thread CPU ns of one call."""
    return min(timeit.repeat(statement, number=number, repeat=5, timer=time.thread_time)) / number * 1e9


def main() -> None:
    """Profile one sustained run and print the split."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    count = args.events
    clock = Clock()
    instrument(clock)
    with tempfile.TemporaryDirectory() as tmp:
        log = EventLog.in_dir(tmp)
        session = log.open_session("bench", "profile")
        log.flush()
        sid, t0, record, now = session.session_id, session.t0_perf_ns, log.record, time.perf_counter_ns
        for table in (clock.wall, clock.cpu):
            table.update(dict.fromkeys(PHASES, 0.0))
        start, caller_cpu = time.perf_counter(), time.thread_time()
        for n in range(count):
            record(sid, "bench.tick", now() - t0, {"n": n, "key": "space"})
        loop_wall, caller_cpu = time.perf_counter() - start, time.thread_time() - caller_cpu
        log.flush()
        total = time.perf_counter() - start
        rows = list(log.store.iter_rows(sid))
        log.close()
        raw = raw_sqlite(Path(tmp), rows)
    payload = {"n": 5, "key": "space"}
    data = validate_payload("bench.tick", payload)
    parts = {"validate_payload": per_call_ns(lambda: validate_payload("bench.tick", payload)),
             "canonical_json": per_call_ns(lambda: canonical_json(data))}
    encoder = getattr(kinds, "payload_encoder", None)  # what record() calls since issue 19
    if encoder is not None:
        encode = encoder("bench.tick")
        parts["payload_encoder"] = per_call_ns(lambda: encode(payload))
    us = 1e6 / count
    print(f"eventlog from {Path(writer_module.__file__).parent}; python {sys.version.split()[0]}")
    print(f"{count:,} events: {total * us:.2f} us/event wall ({count / total:,.0f}/s); raw executemany of the same "
          f"rows {1e6 / raw:.2f} us/row; ratio {raw and (count / total) / raw:.2f}")
    print(f"caller record() loop: {loop_wall * us:.2f} us/event wall, {caller_cpu * us:.2f} us/event CPU "
          f"(alone: {', '.join(f'{name} {ns / 1e3:.2f}' for name, ns in parts.items())} us)")
    writer_cpu = sum(clock.cpu.values())
    print(f"writer thread: {writer_cpu * us:.2f} us/event CPU")
    everything = caller_cpu + writer_cpu
    print(f"{'part':28s} {'us/event CPU':>12s} {'% of CPU':>9s} {'us/event wall':>14s}")
    print(f"{'caller record()':28s} {caller_cpu * us:12.2f} {100 * caller_cpu / everything:8.1f}% "
          f"{loop_wall * us:14.2f}")
    for phase in PHASES:
        print(f"{'writer ' + phase:28s} {clock.cpu[phase] * us:12.2f} {100 * clock.cpu[phase] / everything:8.1f}% "
              f"{clock.wall[phase] * us:14.2f}")


if __name__ == "__main__":
    main()
