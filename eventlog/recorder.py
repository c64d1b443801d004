"""SessionRecorder: what a game view records through, bound to one open session and game."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from pydantic import BaseModel

from eventlog.log import EventLog, OpenSession
from eventlog.writer import FlushOp

__all__ = ["Recorder", "SessionRecorder"]


class Recorder(Protocol):
    """The recording interface game views depend on."""

    game: str

    def record(self, kind: str, t_ns: int, payload: Mapping[str, Any] | BaseModel, trial: int | None = None) -> int:
        """Validate and enqueue one event of this game; return its sequence number."""
        ...

    def since_start(self, perf_ns: int) -> int:
        """Convert a time.perf_counter_ns() stamp to the session's t_ns."""
        ...

    def checkpoint(self) -> None:
        """Ask for everything recorded so far to be made durable, without waiting for it."""
        ...


class SessionRecorder:
    """Records one game's events into an open session of an EventLog."""

    def __init__(self, log: EventLog, session: OpenSession, game: str) -> None:
        self.log = log
        self.session = session
        self.game = game

    def record(self, kind: str, t_ns: int, payload: Mapping[str, Any] | BaseModel, trial: int | None = None) -> int:
        """Validate and enqueue one event of this game; return its sequence number."""
        return self.log.record(self.session.session_id, kind, t_ns, payload, game=self.game, trial=trial)

    def since_start(self, perf_ns: int) -> int:
        """Convert a time.perf_counter_ns() stamp to the session's t_ns."""
        return self.session.since_start(perf_ns)

    def checkpoint(self) -> None:
        """A trial boundary: queue a durability marker (the writer commits at once instead of waiting out its
        window) that also has the session's chain head signed when the log has the station key."""
        self.log.checkpoint(self.session.session_id)

    def flush_op(self) -> FlushOp:
        """Queue a durability marker and return it, so a worker thread may wait on it."""
        return self.log.request_flush()
