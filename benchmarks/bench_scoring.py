"""Benchmark scoring: write simulated sessions into a real log, read back and score them; check linear growth.

Prints figures only (no thresholds): sessions/s for scoring N sessions read from a station log, as a ratio to
a plain sqlite3 fetch of the same rows and beside the row-by-row read of before issue 19, all in the same run;
and the time per event for sessions of about 100, 1,000 and 10,000 events, as ratios to the smallest size.
Then the same sessions scored by sync.score_many (what `hiremate score --all --jobs N` runs) with 1 and with N
worker processes, in wall time (the workers' CPU time is not this process's), as ratios to the baseline's wall
time: on a machine whose cores are busy with other work the parallel figure says so, it cannot be more than the
free cores allow.
Run: .venv/bin/python benchmarks/bench_scoring.py [--sessions 1000] [--rounds 3] [--jobs N]
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventlog import EventLog, EventRecord
from scoring import score_session
from sync.score_many import default_jobs, score_many
from tests.scoring.helpers import StreamBuilder
from tests.scoring.logged import write_session
from tests.scoring.simulate import play_bart, play_rt


def session(seed: int, balloons: int, stop_at: int = 8, rt: bool = True) -> list:
    """A simulated session: BART (plus a short simple RT game when rt)."""
    b = StreamBuilder(f"bench-{seed}")
    play_bart(b, stop_at, seed=seed, balloons=balloons)
    if rt:
        play_rt(b, "simple_rt", 300, seed=seed, trials=20)
    return b.close()


def bench_log(n: int, rounds: int, jobs: int) -> None:
    """Write n sessions into a real station log, then in each round read every one back and score it (with
    Store.events, and with the row-by-row read it had before issue 19) and fetch the same rows with plain sqlite3;
    the best round of each is reported."""
    with tempfile.TemporaryDirectory() as tmp:
        log = EventLog.in_dir(Path(tmp) / "station", window_ms=20.0)
        t0 = time.perf_counter()
        ids = [write_session(log, session(i, balloons=30), participant=f"P-{i:04d}") for i in range(n)]
        log.flush()
        written = time.perf_counter() - t0
        best = {"fast": (math.inf, 0.0), "row": (math.inf, 0.0), "raw": (math.inf, 0.0)}
        cpu = dict.fromkeys(best, math.inf)
        for _ in range(rounds):
            for key, measure in (("raw", lambda: raw_read(log.store.path, ids)),
                                 ("fast", lambda: read_and_score(log.store.events, ids)),
                                 ("row", lambda: read_and_score(log.store.events_row_by_row, ids))):
                c0 = time.process_time()
                best[key] = min(best[key], measure())
                cpu[key] = min(cpu[key], time.process_time() - c0)
        events = sum(log.store.event_count(sid) for sid in ids)
        log.close()
        parallel = bench_parallel(log.store.path, ids, rounds, jobs)
    (total, read_s), (row_total, row_read), (raw, _) = best["fast"], best["row"], best["raw"]
    print(f"log: wrote {n} sessions ({events} events, {events / n:.0f} per session) in {written:.2f} s")
    print(f"read+score {n} sessions from the log (best of {rounds} rounds): {total:.2f} s = {n / total:.0f} "
          f"sessions/s (target >= 1,000) ({events / total:.0f} events/s; reading {read_s / total:.0%} of the time)")
    print(f"baseline, same run: plain sqlite3 fetchall of the same rows (no checks, no JSON) {n / raw:.0f} "
          f"sessions/s; read+score / baseline ratio {raw / total:.3f}")
    print(f"reference, same run: read+score with the row-by-row read (Store.events before issue 19) "
          f"{n / row_total:.0f} sessions/s (ratio {raw / row_total:.3f}; reading {row_read / row_total:.0%})")
    print(f"CPU time of the same rounds (less moved by other work on the machine): read+score {n / cpu['fast']:.0f} "
          f"sessions/s, baseline {n / cpu['raw']:.0f}, ratio {cpu['raw'] / cpu['fast']:.3f}; row-by-row read "
          f"{n / cpu['row']:.0f} sessions/s, ratio {cpu['raw'] / cpu['row']:.3f}")
    one, many, base = parallel["1"], parallel["n"], parallel["raw"]
    print(f"score_many, wall time (best of {rounds}): 1 process {n / one:.0f} sessions/s (ratio {base / one:.3f}); "
          f"{jobs} processes {n / many:.0f} sessions/s (ratio {base / many:.3f}), {one / many:.2f}x one process; "
          f"baseline wall {n / base:.0f} sessions/s")


def bench_parallel(path: Path, ids: list[str], rounds: int, jobs: int) -> dict[str, float]:
    """Best wall seconds of score_many with 1 and with `jobs` processes (start-up included), and of the baseline
    fetch, over the closed log (no writer running)."""
    best = {"raw": math.inf, "1": math.inf, "n": math.inf}
    for _ in range(rounds):
        best["raw"] = min(best["raw"], raw_read(path, ids)[0])
        for key, count in (("1", 1), ("n", jobs)):
            t0 = time.perf_counter()
            done = score_many(path, ids, count)
            best[key] = min(best[key], time.perf_counter() - t0)
            assert all(s.canonical_json is not None for s in done), [s.error for s in done if s.error][:1]
    return best


def read_and_score(read: Callable[[str], list[EventRecord]], ids: list[str]) -> tuple[float, float]:
    """Seconds to read every session with `read` and score it to canonical JSON, and the seconds spent reading."""
    read_s = 0.0
    t0 = time.perf_counter()
    for sid in ids:
        r0 = time.perf_counter()
        records = read(sid)
        read_s += time.perf_counter() - r0
        score_session(records).canonical_json()
    return time.perf_counter() - t0, read_s


def raw_read(path: Path, ids: list[str]) -> tuple[float, float]:
    """Seconds to fetch every session's rows with plain sqlite3: the floor any reader of the log stands on."""
    conn = sqlite3.connect(path)
    t0 = time.perf_counter()
    for sid in ids:
        conn.execute("SELECT session_id, seq, t_ns, kind, game, trial, payload, prev_hash, hash FROM events"
                     " WHERE session_id = ? ORDER BY seq", (sid,)).fetchall()
    seconds = time.perf_counter() - t0
    conn.close()
    return seconds, 0.0


def bench_scaling() -> None:
    """Time per event for growing sessions (BART only), relative to the smallest."""
    base = None
    print("events/session   sessions   s/session     us/event   ratio to smallest")
    for balloons, stop_at, reps in ((3, 30, 300), (30, 30, 40), (300, 30, 4)):
        records = session(balloons, balloons, stop_at=stop_at, rt=False)
        score_session(records)  # warm
        t0 = time.perf_counter()
        for _ in range(reps):
            score_session(records).canonical_json()
        per_session = (time.perf_counter() - t0) / reps
        per_event = per_session / len(records) * 1e6
        base = base or per_event
        print(f"{len(records):>14}   {reps:>8}   {per_session:>9.5f}   {per_event:>10.2f}   {per_event / base:>6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of reading (the best is reported)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: the CPUs)")
    args = parser.parse_args()
    bench_log(args.sessions, args.rounds, args.jobs)
    bench_scaling()


if __name__ == "__main__":
    main()
