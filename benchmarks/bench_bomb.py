"""Peak memory (RSS) of `hiremate verify` and of the receiver on a zip bomb, next to the same on a normal bundle.

The bomb is a real bundle whose events.jsonl is replaced by deflated zeros that expand to --expand MiB while
its local header and the central directory still claim the original size. Prints figures only (no
thresholds): the peak RSS of a `hiremate verify` process on the normal bundle and on the bomb, and of a
`hiremate serve` process that received --uploads normal bundles, then (a fresh one) --uploads bombs at once.
Run: .venv/bin/python benchmarks/bench_bomb.py [--expand 1024] [--uploads 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from eventlog import Store
from sync.bundle import build_bundle
from sync.identity import key_paths, load_identity
from sync.receiver.server import free_port
from tests.sync.hostile import zip_bomb
from tests.sync.sessions import init_station, make_sessions

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _hiremate(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk.cli", *args]


def _peak_mib(process: subprocess.Popen[bytes]) -> float:
    """Wait for a child and return its peak resident set size (ru_maxrss, KiB on Linux) in MiB."""
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_maxrss / 1024


def verify_peak(path: Path) -> float:
    """Peak RSS of `hiremate verify PATH`."""
    child = subprocess.Popen(_hiremate("verify", str(path)), env=ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    return _peak_mib(child)


def _wait_up(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/healthz", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("receiver did not start")


def receiver_peak(tmp: Path, station: Path, body: bytes, uploads: int, label: str) -> tuple[float, list[int]]:
    """Peak RSS of a fresh `hiremate serve` that received `uploads` copies of body at once, and their statuses."""
    db = tmp / f"{label}.sqlite3"
    subprocess.run(_hiremate("--data-dir", str(tmp / "rx"), "serve", "enroll", str(key_paths(station)[1]),
                             "--db", str(db)), env=ENV, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(_hiremate("--data-dir", str(tmp / "rx"), "serve", "--db", str(db), "--port", str(port)),
                              env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url)

        def post(_: int) -> int:
            try:
                return httpx.post(url + "/api/v1/bundles", content=body, timeout=300,
                                  headers={"Content-Type": "application/zip"}).status_code
            except httpx.TransportError:
                return -1

        with ThreadPoolExecutor(uploads) as pool:
            statuses = list(pool.map(post, range(uploads)))
    finally:
        server.terminate()
    return _peak_mib(server), statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expand", type=int, default=1024, help="MiB the bomb member expands to")
    parser.add_argument("--uploads", type=int, default=3, help="bombs posted to the receiver at once")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        station = tmp / "station"
        init_station(station)
        sid = make_sessions(station, 1)[0]
        with Store.in_dir(station) as store:
            normal = build_bundle(store, sid, load_identity(station))
        bomb = zip_bomb(normal, expand_to=args.expand << 20)
        (tmp / "normal.zip").write_bytes(normal)
        (tmp / "bomb.zip").write_bytes(bomb)
        print(f"bomb: {len(bomb) / 2**20:.2f} MiB on disk, events.jsonl expands to {args.expand} MiB "
              f"(headers claim {len(normal)} bytes or less)")
        print(f"hiremate verify   normal bundle: peak RSS {verify_peak(tmp / 'normal.zip'):8.1f} MiB")
        print(f"hiremate verify   bomb:          peak RSS {verify_peak(tmp / 'bomb.zip'):8.1f} MiB")
        for label, body in (("normal", normal), ("bomb", bomb)):
            peak, statuses = receiver_peak(tmp, station, body, args.uploads, label)
            print(f"receiver {args.uploads} x {label + ':':<8} peak RSS {peak:8.1f} MiB  (HTTP {statuses})")


if __name__ == "__main__":
    main()
