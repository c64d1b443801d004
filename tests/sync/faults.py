"""Fault injection for sync tests: an ASGI middleware that answers 500, and a TCP proxy that drops connections."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections import deque
from typing import Any

from sync.receiver.server import free_port

__all__ = ["FailingPosts", "FlakyProxy"]


class FailingPosts:
    """ASGI middleware: the next `fail` POSTs get a 500 after the body is read; others pass through."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.fail = 0
        self.failed = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and self.fail > 0:
            self.fail -= 1
            self.failed += 1
            more = True
            while more:
                message = await receive()
                more = message.get("more_body", False)
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b"injected failure"})
            return
        await self.app(scope, receive, send)


def _pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _hang_up(*sockets: socket.socket) -> None:
    """Shut down (waking any thread blocked in recv) and close."""
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


class FlakyProxy:
    """A loopback TCP proxy; each new connection follows the next plan (default "pass").

    Plans: "pass" forwards both ways; "cut_request" forwards only the first `cut_bytes` of the request,
    then closes both sides (connection dropped mid-upload); "lose_response" forwards the whole request,
    waits for the receiver's answer and closes the client side without passing it on (stored, no receipt).
    """

    def __init__(self, upstream_port: int, cut_bytes: int = 600) -> None:
        self.upstream_port = upstream_port
        self.cut_bytes = cut_bytes
        self.plans: deque[str] = deque()
        self.used: list[str] = []
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._closing = False
        self._sockets: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """Base URL clients should use."""
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            plan = self.plans.popleft() if self.plans else "pass"
            self.used.append(plan)
            threading.Thread(target=self._serve, args=(client, plan), daemon=True).start()

    def _serve(self, client: socket.socket, plan: str) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        self._sockets += [client, upstream]
        if plan == "pass":
            threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()
            _pump(client, upstream)
        elif plan == "cut_request":
            sent = 0
            while sent < self.cut_bytes and (data := client.recv(self.cut_bytes - sent)):
                upstream.sendall(data)
                sent += len(data)
            _hang_up(client, upstream)
        elif plan == "lose_response":
            threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
            upstream.recv(65536)
            _hang_up(client, upstream)

    def close(self) -> None:
        """Stop accepting and close every socket."""
        self._closing = True
        self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
