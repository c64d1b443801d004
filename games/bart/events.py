"""Payload models of the balloon risk game's events (namespace "bart."), registered with the event log.

Money is in integer cents; durations in integer ns. The event's `trial` column is the 0-based balloon
index for balloon events and empty for bart.game_started / bart.game_resumed / bart.game_ended.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.core import GameResumedFields

__all__ = [
    "BalloonEnded",
    "BalloonStarted",
    "BartGameEnded",
    "BartGameResumed",
    "BartGameStarted",
    "Burst",
    "Collected",
    "ColourCapacity",
    "Pump",
]


class ColourCapacity(Payload):
    """One balloon colour of a game and its capacity (most pumps a balloon of it can take)."""

    colour: str = Field(min_length=1)
    capacity: int = Field(ge=1)


@register_kind("bart.game_started")
class BartGameStarted(Payload):
    """The game begins: its parameters and seed."""

    balloons: int = Field(ge=1)
    colours: list[ColourCapacity] = Field(min_length=1)
    cents_per_pump: int = Field(ge=1)
    seed: int


@register_kind("bart.balloon_started")
class BalloonStarted(Payload):
    """A new balloon is shown, empty."""

    balloon: int = Field(ge=0)
    colour: str = Field(min_length=1)
    capacity: int = Field(ge=1)
    requested_t_ns: int | None = Field(None, ge=0)  # when the view asked for the balloon; t_ns is when it was painted


@register_kind("bart.pump")
class Pump(Payload):
    """One pump (Space or the Pump button). A bursting pump earns nothing and is followed by bart.burst."""

    balloon: int = Field(ge=0)
    pump: int = Field(ge=1)  # pumps so far on this balloon, this one included
    since_prev_ns: int | None = Field(ge=0)  # from the previous pump of this balloon; None on its first pump
    size: float = Field(ge=0.0, le=1.0)  # relative radius: pumps / largest capacity of the game
    temp_cents: int = Field(ge=0)
    total_cents: int = Field(ge=0)
    new_max: bool  # more pumps than any earlier balloon reached
    rapid: bool  # since_prev_ns below params.rapid_pump_ms
    qt_event_ms: int | None
    input: Literal["key", "mouse"]


@register_kind("bart.collected")
class Collected(Payload):
    """The temporary bank moves to the total (Enter or the Collect button)."""

    balloon: int = Field(ge=0)
    pumps: int = Field(ge=0)
    amount_cents: int = Field(ge=0)
    total_cents: int = Field(ge=0)


@register_kind("bart.burst")
class Burst(Payload):
    """The balloon burst on pump `pumps`; the temporary bank is lost."""

    balloon: int = Field(ge=0)
    pumps: int = Field(ge=1)
    lost_cents: int = Field(ge=0)


@register_kind("bart.balloon_ended")
class BalloonEnded(Payload):
    """A balloon is over, with the pump at which it would have burst."""

    balloon: int = Field(ge=0)
    outcome: Literal["collected", "burst"]
    pumps: int = Field(ge=0)
    burst_point: int = Field(ge=1)
    colour: str = Field(min_length=1)


@register_kind("bart.game_ended")
class BartGameEnded(Payload):
    """The game is over: its totals."""

    balloons: int = Field(ge=0)
    total_cents: int = Field(ge=0)
    bursts: int = Field(ge=0)
    collects: int = Field(ge=0)


@register_kind("bart.game_resumed")
class BartGameResumed(GameResumedFields):
    """The game continues after a crash at balloon `trial` with the bank of the balloons that had ended."""

    total_cents: int = Field(ge=0)  # banked before the crash: the candidate's total carries on from it
    bursts: int = Field(ge=0)
    collects: int = Field(ge=0)
