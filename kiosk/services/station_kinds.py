"""Payload models of the station's own event kinds (station.*): consent, focus, idle, pauses, game order."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind

__all__ = [
    "StationConsent",
    "StationFocusGained",
    "StationFocusLost",
    "StationGameWillStart",
    "StationIdleDetected",
    "StationPaused",
]


@register_kind("station.focus_lost")
class StationFocusLost(Payload):
    """The station window lost the keyboard focus (another window or the desktop took it)."""


@register_kind("station.focus_gained")
class StationFocusGained(Payload):
    """The station window has the focus again after being away for away_ns."""

    away_ns: int = Field(ge=0)


@register_kind("station.idle_detected")
class StationIdleDetected(Payload):
    """No key or mouse input for idle_ms (recorded once per idle stretch)."""

    idle_ms: int = Field(ge=0)


@register_kind("station.paused")
class StationPaused(Payload):
    """The station paused the candidate flow and asked for the proctor."""

    reason: str = Field(min_length=1)


@register_kind("station.game_suspended")
class StationGameSuspended(Payload):
    """The running game was frozen because a station page covered it (idle pause or the proctor's screens)."""

    reason: Literal["idle", "proctor", "storage"]


@register_kind("station.game_resumed")
class StationGameResumed(Payload):
    """The frozen game is in front again and running; suspended_ns is how long it was frozen."""

    suspended_ns: int = Field(ge=0)


@register_kind("station.consent")
class StationConsent(Payload):
    """The candidate accepted or declined the consent text whose SHA-256 is given."""

    accepted: bool
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


@register_kind("station.game_will_start")
class StationGameWillStart(Payload):
    """The battery's game at `index` (0-based) is about to start."""

    game: str = Field(min_length=1)
    index: int = Field(ge=0)
