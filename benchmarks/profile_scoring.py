"""Where scoring's time goes: each stage of reading and scoring sessions from a station log, timed on its own.

Writes N simulated sessions (bench_scoring.py's: BART and a short RT game, about 409 events) into a real log,
then times each stage over all of them in CPU time (best of R rounds, so other work on the machine counts less;
the sessions kept for the stages are frozen out of the garbage collector, as a reader that keeps nothing would
see it): the SQLite fetch, the payloads' JSON decoding, the rest of Store.events (row checks, records),
parse_stream, the rest of score_session, and Profile.canonical_json. Runs on trees from before issue 19 too
(there the payloads are decoded row by row, as Store.events did then), which is how docs/SCORING.md's
before/after figures were made.
Run: .venv/bin/python benchmarks/profile_scoring.py [--sessions 150] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pydantic_core import from_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scoring import session

from eventlog import EventLog
from eventlog.rows import strict_payload
from scoring import score_session
from scoring.stream import parse_stream
from tests.scoring.logged import write_session

try:
    from eventlog.columns import EVENT_COLUMNS

    DECODE_BY_COLUMN = True
except ImportError:  # a tree from before issue 19
    EVENT_COLUMNS = "session_id, seq, t_ns, kind, game, trial, payload, prev_hash, hash"
    DECODE_BY_COLUMN = False


def decode_all(session_id: str, texts: list[str]) -> None:
    """Decode a session's payloads as Store.events does (before issue 19: strict_payload, one by one)."""
    if DECODE_BY_COLUMN:
        list(map(partial(from_json, allow_inf_nan=False), texts))
        return
    for text in texts:
        strict_payload(session_id, 0, text)


def stages(store: Any, ids: list[str]) -> dict[str, Callable[[], None]]:
    """Each stage as a function over every session."""
    query = f"SELECT {EVENT_COLUMNS} FROM events WHERE session_id = ? ORDER BY seq"
    column = EVENT_COLUMNS.split(", ").index("payload")
    texts = {sid: [row[column] for row in store.conn.execute(query, (sid,))] for sid in ids}
    records = {sid: store.events(sid) for sid in ids}
    profiles = {sid: score_session(records[sid]) for sid in ids}
    return {
        "fetch": lambda: [store.conn.execute(query, (sid,)).fetchall() for sid in ids] and None,
        "decode": lambda: [decode_all(sid, texts[sid]) for sid in ids] and None,
        "read": lambda: [store.events(sid) for sid in ids] and None,
        "parse": lambda: [parse_stream(records[sid]) for sid in ids] and None,
        "score": lambda: [score_session(records[sid]) for sid in ids] and None,
        "output": lambda: [profiles[sid].canonical_json() for sid in ids] and None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = EventLog.in_dir(Path(tmp) / "station", window_ms=20.0)
        ids = [write_session(log, session(i, balloons=30), participant=f"P-{i:04d}") for i in range(args.sessions)]
        log.flush()
        timed = stages(log.store, ids)
        gc.collect()
        gc.freeze()  # the data kept for the stages is not the stages' own: the collector leaves it alone
        best = dict.fromkeys(timed, float("inf"))
        for _ in range(args.rounds):
            for name, stage in timed.items():
                t0 = time.process_time()
                stage()
                best[name] = min(best[name], time.process_time() - t0)
        log.close()
    ms = {name: seconds / len(ids) * 1e3 for name, seconds in best.items()}
    total = ms["read"] + ms["score"] + ms["output"]
    print(f"{len(ids)} sessions, CPU time per session, best of {args.rounds}: {total:.3f} ms = "
          f"{1000 / total:.0f} sessions/s of one core")
    for what, value in (("SQLite fetch", ms["fetch"]), ("JSON decode", ms["decode"]),
                        ("row checks and records", ms["read"] - ms["fetch"] - ms["decode"]),
                        ("parse_stream (stream checks, split)", ms["parse"]),
                        ("game scoring, traits, bands, flags", ms["score"] - ms["parse"]),
                        ("profile to canonical JSON", ms["output"])):
        print(f"  {what:38} {value:6.3f} ms  {value / total:6.1%}")


if __name__ == "__main__":
    main()
