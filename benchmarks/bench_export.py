"""Benchmark the researcher export: N sessions of every game from a real station log, in each format.

Prints figures only (no thresholds). Baseline, measured in the same run and the same kind of child process:
reading every exported session's events from the log (Store.iter_events, JSON parsed), nothing else. Each
export runs in a fresh child process that prints its peak RSS (VmHWM), so memory can be compared: the
export of N sessions against the raw read of N, and against the export of N/10 (bounded memory means the
peak does not grow with N).
Run: .venv/bin/python benchmarks/bench_export.py [--sessions 1000] [--formats csv,bids]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VARIANTS = 10  # distinct simulated sessions, recorded under different pseudonyms


def make_station(data_dir: Path, n: int) -> None:
    """Record n sessions of every game (simulated players), each scored and stored as the station does."""
    from eventlog import EventLog, Store
    from games.spec import load_event_kinds
    from sync.stored_results import score_and_store
    from tests.scoring.simulate import full_session
    from tests.sync.sessions import init_station

    load_event_kinds()
    init_station(data_dir)
    streams = [full_session(seed=v + 1, latency_ms=260.0 + 7 * v, session_id=f"v{v}") for v in range(VARIANTS)]
    ids = []
    with EventLog.in_dir(data_dir, window_ms=20.0) as log:
        for i in range(n):
            records = streams[i % VARIANTS]
            sid = log.open_session("assessment", f"P-{i:08x}", battery="default").session_id
            for rec in records[1:-1]:
                log.record(sid, rec.kind, rec.t_ns, rec.payload, game=rec.game, trial=rec.trial)
            log.close_session(sid, records[-1].t_ns)
            ids.append(sid)
    with Store.in_dir(data_dir) as store:
        for sid in ids:
            score_and_store(store, sid)


def child(mode: str, data_dir: Path, limit: int, fmt: str, out: Path) -> None:
    """Run one measured job and print {"seconds", "peak_kib", "events"} as JSON."""
    from datasets import export_sessions, select_sessions, station_sources
    from eventlog import Store
    from scoring import SUPPORTED_VERSIONS
    from sync.stored_results import first_stored_results

    with Store.in_dir(data_dir) as store:
        rows = select_sessions(store, [], all_=True)[:limit]
        events = 0
        t0 = time.perf_counter()
        if mode == "read":
            for row in rows:
                events += sum(1 for _ in store.iter_events(row.id))
        else:
            def stored(sid: str) -> bytes | None:
                found = first_stored_results(store, sid, SUPPORTED_VERSIONS)
                return None if found is None else found[1]

            summary = export_sessions(station_sources(store, rows, stored), fmt, out)
            events = sum(summary.rows.values())
        seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "peak_kib": peak_rss_kib(), "events": events}))


def peak_rss_kib() -> int:
    """This process's peak resident set (VmHWM). Not ru_maxrss: Linux carries that over from the forking
    parent across exec, so a child started by a large parent would report the parent's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(mode: str, data_dir: Path, limit: int, fmt: str, out: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(data_dir), str(limit), fmt, str(out)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--formats", default="csv,tsv,jsonl,bids")
    parser.add_argument("--child", nargs=5, metavar=("MODE", "DIR", "LIMIT", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, data_dir, limit, fmt, out = args.child
        child(mode, Path(data_dir), int(limit), fmt, Path(out))
        return
    n = args.sessions
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "station"
        t0 = time.perf_counter()
        make_station(data_dir, n)
        print(f"recorded and scored {n} sessions of every game in {time.perf_counter() - t0:.1f} s")
        base = measure("read", data_dir, n, "-", Path(tmp) / "unused")
        print(f"baseline (read every event of {n} sessions): {base['seconds']:.2f} s, {base['events']:.0f} events, "
              f"peak RSS {base['peak_kib'] / 1024:.1f} MiB")
        for fmt in args.formats.split(","):
            small = measure("export", data_dir, max(1, n // 10), fmt, Path(tmp) / f"{fmt}-small")
            full = measure("export", data_dir, n, fmt, Path(tmp) / fmt)
            print(f"export {fmt:5} {n} sessions: {full['seconds']:.2f} s ({full['seconds'] / base['seconds']:.1f}x "
                  f"the raw read; {full['seconds'] / n * 1000:.1f} ms/session); peak RSS {full['peak_kib'] / 1024:.1f} "
                  f"MiB ({full['peak_kib'] / base['peak_kib']:.2f}x the raw read; "
                  f"{full['peak_kib'] / small['peak_kib']:.2f}x the export of {max(1, n // 10)})")


if __name__ == "__main__":
    main()
