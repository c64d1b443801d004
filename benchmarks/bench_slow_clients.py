"""How the receiver copes with slow clients: N connections that send half a request head and then nothing.

Opens --connections sockets from --peers loopback addresses (127.0.0.2, .3, ...) to a real uvicorn receiver
with the default limits, each sending half its headers; then prints how many the server closed at once, how
many it held, how long until it dropped the held ones (bounded by --wait), and whether a normal GET /healthz
from 127.0.0.1 was answered meanwhile. Figures only, no thresholds.
Run: .venv/bin/python benchmarks/bench_slow_clients.py [--connections 2000] [--peers 8] [--wait 60]
"""

from __future__ import annotations

import argparse
import selectors
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from sync.receiver import ServerThread, SqliteStorage, create_app

HALF_HEAD = b"POST /api/v1/bundles HTTP/1.1\r\nHost: receiver\r\nContent-Type: application/zip\r\n"


def open_slow(server: ServerThread, count: int, peers: int) -> list[socket.socket]:
    """count sockets spread over `peers` source addresses, each having sent half a request head."""
    socks = []
    for number in range(count):
        sock = socket.socket()
        sock.bind((f"127.0.0.{2 + number % peers}", 0))
        sock.connect((server.host, server.port))
        sock.sendall(HALF_HEAD)
        socks.append(sock)
    return socks


def closing_times(socks: list[socket.socket], wait: float) -> list[float]:
    """Seconds until the server closed each socket that it closed within `wait` seconds."""
    started = time.monotonic()
    times = []
    with selectors.DefaultSelector() as selector:
        for sock in socks:
            selector.register(sock, selectors.EVENT_READ)
        while len(times) < len(socks) and time.monotonic() - started < wait:
            for key, _ in selector.select(0.5):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    gone = sock.recv(1) == b""
                except ConnectionResetError:
                    gone = True
                if gone:
                    times.append(time.monotonic() - started)
                    selector.unregister(sock)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--peers", type=int, default=8)
    parser.add_argument("--wait", type=float, default=60.0, help="seconds to wait for the server to drop them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        storage = SqliteStorage(Path(tmp) / "rx.sqlite3")
        with ServerThread(create_app(storage)) as server:
            socks = open_slow(server, args.connections, args.peers)
            started = time.monotonic()
            health = httpx.get(server.url + "/healthz", timeout=30).status_code
            times = closing_times(socks, args.wait)
            at_once = sum(t < 1.0 for t in times)
            later = [t for t in times if t >= 1.0]
            held = len(socks) - len(times)
            print(f"{len(socks)} half-head connections from {args.peers} peers; GET /healthz meanwhile: HTTP {health}")
            print(f"  closed at once (< 1 s): {at_once}")
            print(f"  held, then dropped:     {len(later)}"
                  + (f" after {min(later):.1f}-{max(later):.1f} s" if later else ""))
            print(f"  still held after {time.monotonic() - started:.0f} s: {held}")
            for sock in socks:
                sock.close()
        storage.close()


if __name__ == "__main__":
    main()
