"""Slow clients against a real uvicorn receiver on loopback, with real sockets: half-sent headers and a body sent
a byte at a time are cut off at the configured deadlines, and connections still sending beyond the caps are
closed at once while other clients are served.

No timing thresholds: every wait is bounded by NOT_FOREVER, far above the configured limits, to prove "not held
forever" (before the guard, uvicorn held such connections until the client left).
"""

from __future__ import annotations

import selectors
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync.receiver import ServerThread, SqliteStorage, create_app

NOT_FOREVER = 40.0
HALF_HEAD = b"POST /api/v1/bundles HTTP/1.1\r\nHost: receiver\r\nContent-Type: application/zip\r\n"

pytestmark = pytest.mark.slow


def _limits(**values: float) -> Any:
    from sync.receiver.limits import Limits  # imported here so the default-limits test also runs on older code

    return Limits(**values)


def _serve(tmp_path: Path, limits: Any = None) -> Iterator[ServerThread]:
    storage = SqliteStorage(tmp_path / "rx.sqlite3")
    app = create_app(storage) if limits is None else create_app(storage, limits=limits)
    server = ServerThread(app) if limits is None else ServerThread(app, limits=limits)
    with server:
        yield server
    storage.close()


@pytest.fixture
def default_server(tmp_path: Path) -> Iterator[ServerThread]:
    """A receiver with the default limits."""
    yield from _serve(tmp_path)


@pytest.fixture
def quick_server(tmp_path: Path) -> Iterator[ServerThread]:
    """A receiver with one-second head and body deadlines."""
    yield from _serve(tmp_path, _limits(header_timeout_s=1.0, body_timeout_s=1.0, keep_alive_s=1.0))


def _connect(server: ServerThread, source: str = "127.0.0.1", timeout: float = NOT_FOREVER) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((source, 0))
    sock.settimeout(timeout)
    sock.connect((server.host, server.port))
    return sock


def _until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (socket.timeout, a failure, if it never does)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def _healthy(server: ServerThread) -> bool:
    return httpx.get(server.url + "/healthz", timeout=NOT_FOREVER).status_code == 200


def test_half_sent_headers_are_dropped_at_the_header_deadline(default_server: ServerThread) -> None:
    with _connect(default_server) as sock:
        sock.sendall(HALF_HEAD)
        started = time.monotonic()
        _until_closed(sock)
    assert time.monotonic() - started < NOT_FOREVER
    assert _healthy(default_server)


def _readable(sock: socket.socket, timeout: float) -> bool:
    """Whether sock has data (or EOF) within timeout; poll-based, so any descriptor number works."""
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_READ)
        return bool(selector.select(timeout))


def test_a_body_sent_a_byte_at_a_time_gets_408_and_the_connection_is_closed(quick_server: ServerThread) -> None:
    received = b""
    closed = False
    with _connect(quick_server) as sock:
        sock.sendall(HALF_HEAD + b"Content-Length: 100000\r\n\r\n")
        deadline = time.monotonic() + NOT_FOREVER
        while not closed and time.monotonic() < deadline:
            ready = _readable(sock, 0.2)
            try:
                if ready:
                    chunk = sock.recv(65536)
                    closed = not chunk
                    received += chunk
                else:
                    sock.send(b"x")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
    assert closed, "the server kept a body that arrives a byte at a time"
    assert received.startswith(b"HTTP/1.1 408 "), received[:200]
    assert b'"check":"timeout"' in received and b"connection: close" in received.lower()
    assert quick_server.pending.total == 0


def test_a_kept_alive_connection_that_starts_a_second_request_slowly_is_dropped(quick_server: ServerThread) -> None:
    with _connect(quick_server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: receiver\r\n\r\n")
        response = b""
        while b'{"status":"ok"}' not in response:
            response += sock.recv(4096)
        assert response.startswith(b"HTTP/1.1 200 ")
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: rec")
        assert _until_closed(sock) == b""


def _closed_among(socks: list[socket.socket], expected: int) -> set[socket.socket]:
    """The sockets the server closes, waiting until `expected` are (or NOT_FOREVER passes), then 0.5 s more."""
    closed: set[socket.socket] = set()
    with selectors.DefaultSelector() as selector:
        for sock in socks:
            selector.register(sock, selectors.EVENT_READ)
        deadline = time.monotonic() + NOT_FOREVER
        while time.monotonic() < deadline:
            events = selector.select(0.5)
            if not events and len(closed) >= expected:
                break
            for key, _ in events:
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    gone = sock.recv(1) == b""
                except ConnectionResetError:
                    gone = True
                if gone:
                    closed.add(sock)
                    selector.unregister(sock)
    return closed


def test_slow_connections_past_the_caps_are_closed_at_once_while_others_are_served(tmp_path: Path) -> None:
    limits = _limits(header_timeout_s=NOT_FOREVER * 2, max_pending_per_peer=8, max_pending=12)
    for server in _serve(tmp_path, limits):
        attackers = [_connect(server, "127.0.0.2") for _ in range(200)]
        for sock in attackers:
            sock.sendall(HALF_HEAD)
        refused = _closed_among(attackers, 192)
        assert len(refused) == 192  # the per-peer cap: 8 pending from one address
        assert server.pending.total == 8 and server.pending.refused == 192
        others = [_connect(server, "127.0.0.3") for _ in range(8)]
        for sock in others:
            sock.sendall(HALF_HEAD)
        # the server-wide cap of 12: the 5th and 6th of the second peer each push out the first peer's oldest,
        # the 7th and 8th would leave the second peer holding as many as the first, so they are closed
        assert len(_closed_among(others, 2)) == 2
        held = [sock for sock in attackers if sock not in refused]
        assert _closed_among(held, 2) == set(held[:2])
        assert server.pending.total == 12 and server.pending.evicted == 2
        assert _healthy(server)  # a third peer is still served: it pushes out a pending connection of the others
        for sock in attackers + others:
            sock.close()
        deadline = time.monotonic() + NOT_FOREVER
        while server.pending.total and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.pending.total == 0
