"""Payload models of the log's own event kinds: session lifecycle and clock diagnostics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind

__all__ = ["CLOSE_STATUS", "ClockWallJump", "SessionClosed", "SessionOpened", "SessionResumed"]

CloseReason = Literal["completed", "abandoned", "declined", "practice_done"]
CLOSE_STATUS = {  # session.closed's reason -> the session row's status
    "completed": "completed", "abandoned": "abandoned", "declined": "declined", "practice_done": "completed",
}


@register_kind("session.opened")
class SessionOpened(Payload):
    """First event of every session."""

    purpose: str = Field(min_length=1)
    participant: str = Field(min_length=1)
    battery: str | None = None
    app_version: str
    platform: str
    time_zone: str
    anchor_wall_utc: str


@register_kind("session.closed")
class SessionClosed(Payload):
    """Last event of every session; its hash is the chain head."""

    reason: CloseReason
    event_count: int = Field(ge=1)


@register_kind("session.resumed")
class SessionResumed(Payload):
    """A session interrupted by a crash continues in a new process."""

    last_seq_before: int = Field(ge=0)
    wall_utc: str
    gap_ns_estimate: int = Field(ge=0)
    resume_game: str | None = None
    resume_trial: int | None = None


@register_kind("clock.wall_jump")
class ClockWallJump(Payload):
    """The wall clock moved against the monotonic clock (NTP step, manual change, suspend)."""

    jump_ns: int
    wall_utc: str
