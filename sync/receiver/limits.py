"""Bounding slow clients: a deadline for each request's head and body, and a cap on connections still sending.

uvicorn arms no timer until a first response is sent, so a client that sends half its headers, or a byte a
second, holds its connection (and a file descriptor) forever. GuardedH11Protocol is uvicorn's h11 protocol
with two deadlines: a request head must be complete `header_timeout_s` after the connection opens (or after a
kept-alive connection goes idle), and its body `body_timeout_s` (+ a grace, so the upload handler's own 408
answer normally comes first) after the head. A connection that is still sending a request counts as pending;
one that would take its peer past `max_pending_per_peer` is closed at once. When the server already has
`max_pending`, the oldest pending connection of the peer holding the most is closed to make room (so a few
addresses cannot lock everybody out), unless the newcomer's peer would then hold as many (it is closed instead).
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["BODY_GRACE_S", "DEFAULT_LIMITS", "GuardedH11Protocol", "Limits", "PendingRegistry", "guarded_protocol",
           "uvicorn_options"]

BODY_GRACE_S = 5.0
_RECEIVED = (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR, h11.SWITCHED_PROTOCOL)


@dataclass(frozen=True)
class Limits:
    """How long a client may take to send a request, and how many may be sending at once."""

    header_timeout_s: float = 10.0
    body_timeout_s: float = 120.0
    keep_alive_s: float = 5.0
    max_pending: int = 256
    max_pending_per_peer: int = 32
    limit_concurrency: int = 512


DEFAULT_LIMITS = Limits()


class PendingRegistry:
    """Connections of one server that are still sending a request, oldest first per peer address."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.by_peer: dict[str, deque[GuardedH11Protocol]] = {}
        self.refused = 0
        self.evicted = 0
        self.expired = 0

    @property
    def total(self) -> int:
        """How many connections are pending now."""
        return sum(len(queue) for queue in self.by_peer.values())

    def _count(self, peer: str) -> int:
        return len(self.by_peer.get(peer, ()))

    def admit(self, connection: GuardedH11Protocol) -> bool:
        """Count a connection as pending unless its peer is at its cap, or the server is full and no other peer
        holds more (then the heaviest peer's oldest pending connection is closed to make room)."""
        peer = connection.peer
        if self._count(peer) >= self.limits.max_pending_per_peer:
            self.refused += 1
            return False
        if self.total >= self.limits.max_pending:
            heaviest = max(self.by_peer, key=self._count)
            if self._count(heaviest) <= self._count(peer) + 1:
                self.refused += 1
                return False
            victim = self.by_peer[heaviest][0]
            self.release(victim)
            self.evicted += 1
            victim.drop()
        self.by_peer.setdefault(peer, deque()).append(connection)
        return True

    def release(self, connection: GuardedH11Protocol) -> None:
        """A connection is done sending its request, or gone (idempotent)."""
        queue = self.by_peer.get(connection.peer)
        if queue is not None and connection in queue:
            queue.remove(connection)
            if not queue:
                del self.by_peer[connection.peer]


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with head and body deadlines and a cap on pending connections (see the module)."""

    registry: PendingRegistry = PendingRegistry(DEFAULT_LIMITS)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # uvicorn's own narrowing (Transport)
        super().connection_made(transport)
        self._phase: str | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self.peer = self.client[0] if self.client else "?"
        self._enter("head")

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch(after_response=False)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch(after_response=True)

    def connection_lost(self, exc: Exception | None) -> None:
        self._settle()
        super().connection_lost(exc)

    def _watch(self, after_response: bool) -> None:
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state in _RECEIVED:
            self._settle()
        elif state is h11.SEND_BODY:
            self._enter("body")
        elif after_response and not self.conn.trailing_data[0]:
            self._settle()  # idle between requests: uvicorn's keep-alive timer is armed
        else:
            self._enter("head")

    def _enter(self, phase: str) -> None:
        if self._phase == phase:
            return
        limits = self.registry.limits
        if self._phase is None and not self.registry.admit(self):
            self.transport.close()
            return
        self._cancel()
        self._phase = phase
        seconds = limits.header_timeout_s if phase == "head" else limits.body_timeout_s + BODY_GRACE_S
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _settle(self) -> None:
        self._cancel()
        if self._phase is not None:
            self.registry.release(self)
            self._phase = None

    def drop(self) -> None:
        """Close this connection (evicted to make room for another peer's)."""
        self._cancel()
        self._phase = None
        if not self.transport.is_closing():
            self.transport.close()

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        self.registry.expired += 1
        if not self.transport.is_closing():
            self.transport.close()


def guarded_protocol(limits: Limits) -> type[GuardedH11Protocol]:
    """A protocol class with its own registry (one per server) enforcing `limits`."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"registry": PendingRegistry(limits)})


def uvicorn_options(limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """Keyword arguments for uvicorn.Config / uvicorn.run that enforce `limits`."""
    return {"http": guarded_protocol(limits), "ws": "none", "timeout_keep_alive": limits.keep_alive_s,
            "limit_concurrency": limits.limit_concurrency, "h11_max_incomplete_event_size": 16 * 1024}
