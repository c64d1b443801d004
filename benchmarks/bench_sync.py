"""Benchmark sync: export-and-sign, verify, and upload N bundles to a local receiver vs raw httpx POSTs.

Prints figures only (no thresholds): the cost per bundle of export-and-sign (build, score, sign, write to the
outbox) and of verify (all five checks); the sync client's bundles/s uploading to a real uvicorn receiver
on loopback, and the ratio to raw httpx POSTs of the same bytes to the same server in the same run (each
upload phase starts on an empty receiver database, so all pay the full verify-and-store on the server;
the raw baseline runs before and after the sync pass and is averaged).
Run: .venv/bin/python benchmarks/bench_sync.py [--sessions 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from eventlog import EventLog, Store
from kiosk.cli import main as hiremate
from sync.client import SyncClient
from sync.identity import load_identity
from sync.outbox import enqueue, items, read_item_bytes
from sync.receiver import ServerThread, SqliteStorage, create_app
from sync.verify import verify_bundle
from tests.scoring.helpers import StreamBuilder
from tests.scoring.logged import write_session
from tests.scoring.simulate import play_bart, play_rt


class Swappable:
    """A storage whose backing database can be replaced between phases, so one server serves both runs."""

    def __init__(self, inner: SqliteStorage) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def make_station(directory: Path, n: int) -> list[str]:
    """An initialised station with n simulated sessions (BART 30 balloons + 20 simple RT trials)."""
    hiremate(["--data-dir", str(directory), "init"])
    with EventLog.in_dir(directory) as log:
        ids = []
        for i in range(n):
            builder = StreamBuilder(f"bench-{i}")
            play_bart(builder, 8, seed=i, balloons=30)
            play_rt(builder, "simple_rt", 300, seed=i, trials=20)
            ids.append(write_session(log, builder.close(), participant=f"P-{i:04d}"))
    return ids


def timed(label: str, n: int, fn: Any) -> float:
    """Run fn, print the per-item cost, return seconds."""
    t0 = time.perf_counter()
    fn()
    seconds = time.perf_counter() - t0
    print(f"{label}: {seconds:.2f} s for {n} = {1000 * seconds / n:.2f} ms per bundle ({n / seconds:.0f}/s)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    n = parser.parse_args().sessions
    with tempfile.TemporaryDirectory() as tmp:
        station = Path(tmp) / "station"
        t0 = time.perf_counter()
        ids = make_station(station, n)
        print(f"setup: {n} simulated sessions recorded in {time.perf_counter() - t0:.1f} s")
        identity = load_identity(station)
        store = Store.in_dir(station)
        timed("export-and-sign (score, build, sign, write outbox file, record)", n,
              lambda: [enqueue(store, sid, identity) for sid in ids])
        blobs = [read_item_bytes(store, entry) for entry in items(store)]
        size = sum(map(len, blobs)) / n
        events = sum(store.session(sid).event_count or 0 for sid in ids) / n
        print(f"bundles: {size / 1024:.1f} KiB and {events:.0f} events on average")
        timed("verify (structure, signature, members, chain, re-score)", n, lambda: [verify_bundle(b) for b in blobs])
        storage = Swappable(SqliteStorage(Path(tmp) / "raw0.sqlite3"))
        storage.enroll(identity.public_raw, "bench")
        raw_runs: list[float] = []
        with ServerThread(create_app(storage)) as server:  # type: ignore[arg-type]

            def raw_phase(label: str) -> None:
                storage.inner = SqliteStorage(Path(tmp) / f"{label}.sqlite3")
                storage.enroll(identity.public_raw, "bench")
                with httpx.Client(base_url=server.url, timeout=60, headers={"Content-Type": "application/zip"}) as raw:
                    raw_runs.append(timed(f"raw httpx POST of the same bytes ({label})", n, lambda: [
                        raw.post("/api/v1/bundles", content=b).raise_for_status() for b in blobs]))

            raw_phase("raw-before")
            storage.inner = SqliteStorage(Path(tmp) / "sync.sqlite3")
            storage.enroll(identity.public_raw, "bench")
            with SyncClient(server.url) as client:
                report = None

                def run() -> None:
                    nonlocal report
                    report = client.run_pass(store, force=True)

                sync_s = timed("sync client pass (outbox -> receiver, receipts recorded)", n, run)
            raw_phase("raw-after")
        assert report is not None and report.delivered == n, report
        raw_s = sum(raw_runs) / len(raw_runs)
        print(f"upload: sync client {n / sync_s:.0f} bundles/s vs raw POSTs {n / raw_s:.0f} bundles/s (mean of the "
              f"runs before and after) = {raw_s / sync_s:.2f}x the raw rate")
        store.close()


if __name__ == "__main__":
    main()
