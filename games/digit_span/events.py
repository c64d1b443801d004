"""Payload models of the digit span game's events (namespace "digit_span."), registered with the event log.

Durations are integer ns. The event's `trial` column is the 0-based sequence index over the whole game (forward
and backward together) for sequence events, and empty for game and block events.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.core import GameResumedFields

__all__ = [
    "BlockStarted",
    "DigitShown",
    "DigitSpanGameEnded",
    "DigitSpanGameResumed",
    "DigitSpanGameStarted",
    "KeyTyped",
    "ResponseStarted",
    "SequenceStarted",
    "Submitted",
]

Direction = Literal["forward", "backward"]
InputKind = Literal["key", "mouse"]


@register_kind("digit_span.game_started")
class DigitSpanGameStarted(Payload):
    """The game begins: its blocks, lengths, timing and seed."""

    directions: list[Direction] = Field(min_length=1)
    forward_start: int = Field(ge=1)
    forward_max: int = Field(ge=1)
    backward_start: int = Field(ge=1)
    backward_max: int = Field(ge=1)
    sequences_per_length: int = Field(ge=1)
    digit_ms: int = Field(ge=1)
    digit_on_ms: int = Field(ge=1)
    seed: int


@register_kind("digit_span.block_started")
class BlockStarted(Payload):
    """The candidate starts a block (forward or backward) after reading what it asks."""

    block: int = Field(ge=0)
    direction: Direction
    start_length: int = Field(ge=1)


@register_kind("digit_span.trial_started")
class SequenceStarted(Payload):
    """A sequence begins: its digits in the order shown (the answer is them reversed in a backward block)."""

    trial: int = Field(ge=0)
    block: int = Field(ge=0)
    direction: Direction
    length: int = Field(ge=1)
    sequence: int = Field(ge=1)  # 1st or 2nd sequence of this length
    digits: list[int] = Field(min_length=1)


@register_kind("digit_span.digit_shown")
class DigitShown(Payload):
    """One digit reached the screen; the event's t_ns is presented_t_ns."""

    trial: int = Field(ge=0)
    position: int = Field(ge=0)
    digit: int = Field(ge=0, le=9)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)


@register_kind("digit_span.response_started")
class ResponseStarted(Payload):
    """The last digit's time is over and the answer boxes are shown; the event's t_ns is presented_t_ns."""

    trial: int = Field(ge=0)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)


@register_kind("digit_span.key_typed")
class KeyTyped(Payload):
    """A digit typed or a correction (Backspace) made, on the keyboard or the on-screen keypad."""

    trial: int = Field(ge=0)
    key: Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "Backspace"]
    entry: str  # the answer after this key
    since_prev_ns: int = Field(ge=0)  # from the previous key of this answer, or from response_started
    input: InputKind
    qt_event_ms: int | None = None


@register_kind("digit_span.submitted")
class Submitted(Payload):
    """The answer was submitted (Enter or the OK key): the sequence is over."""

    trial: int = Field(ge=0)
    direction: Direction
    length: int = Field(ge=1)
    target: str = Field(min_length=1)  # the digits in the order asked (reversed for backward)
    entry: str
    correct: bool
    position_errors: int = Field(ge=0)
    corrections: int = Field(ge=0)  # Backspace presses in this answer
    response_ns: int = Field(ge=0)  # from response_started to the submit
    input: InputKind
    block_over: bool  # the block ends here (both sequences of a length failed, or the longest length done)


@register_kind("digit_span.game_ended")
class DigitSpanGameEnded(Payload):
    """The game is over: sequences answered, correct ones, and the span of each block played."""

    trials: int = Field(ge=0)
    correct: int = Field(ge=0)
    forward_span: int | None = Field(None, ge=0)
    backward_span: int | None = Field(None, ge=0)


@register_kind("digit_span.game_resumed")
class DigitSpanGameResumed(GameResumedFields):
    """The game continues after a crash at sequence `trial` (a cut sequence is shown again from its first digit)."""

    block: int = Field(ge=0)
    length: int = Field(ge=1)
    correct: int = Field(ge=0)
