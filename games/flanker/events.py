"""Payload models of the flanker game's events (namespace "flanker."), registered with the event log.

Durations are integer ns. The event's `trial` column is the 0-based trial index over both blocks for trial
events, and empty for game and block events. A trial the station paused is started again under the same
index (a second flanker.trial_started).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.core import GameResumedFields

__all__ = [
    "FlankerBlockStarted",
    "FlankerGameEnded",
    "FlankerGameResumed",
    "FlankerGameStarted",
    "FlankerResponse",
    "FlankerStimulusOnset",
    "FlankerTrialEnded",
    "FlankerTrialStarted",
]

Side = Literal["left", "right"]
Key = Literal["Left", "Right"]
Block = Literal["conflict", "switch"]


@register_kind("flanker.game_started")
class FlankerGameStarted(Payload):
    """The game begins: its blocks, timing and seed."""

    conflict_trials: int = Field(ge=0)
    switch_trials: int = Field(ge=0)
    timeout_ms: int = Field(ge=1)
    keys: list[str] = Field(min_length=2, max_length=2)
    seed: int


@register_kind("flanker.block_started")
class FlankerBlockStarted(Payload):
    """A block begins (the switch block after the candidate read its rule)."""

    block: int = Field(ge=0)
    kind: Block
    trials: int = Field(ge=1)


@register_kind("flanker.trial_started")
class FlankerTrialStarted(Payload):
    """A trial's fixation begins; the display and the answer it asks for."""

    trial: int = Field(ge=0)
    block: Block
    condition: Literal["congruent", "incongruent", "neutral"]
    target: Side  # the middle arrow
    flankers: Side | None  # the outer arrows' direction (None: neutral lines)
    rule: Literal["centre", "flankers"]  # which arrows to answer (blue solid: centre; orange outlined: flankers)
    switch: bool | None  # the rule differs from the previous trial's (None: first trial of the switch block,
    # or the conflict block)
    correct_key: Key
    fixation_ns: int = Field(ge=0)


@register_kind("flanker.stimulus_onset")
class FlankerStimulusOnset(Payload):
    """The arrows reached the screen; the event's t_ns is presented_t_ns."""

    trial: int = Field(ge=0)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)


@register_kind("flanker.response")
class FlankerResponse(Payload):
    """A response (arrow key or on-screen button), timed from the presented onset."""

    trial: int = Field(ge=0)
    key: Key
    input: Literal["key", "mouse"]
    latency_ns: int = Field(ge=0)
    correct: bool
    qt_event_ms: int | None = None


@register_kind("flanker.trial_ended")
class FlankerTrialEnded(Payload):
    """A trial's outcome: the right key, the wrong key, or none within the response window."""

    trial: int = Field(ge=0)
    outcome: Literal["correct", "error", "omission"]


@register_kind("flanker.game_ended")
class FlankerGameEnded(Payload):
    """The game is over after this many trials."""

    trials: int = Field(ge=0)
    correct: int = Field(ge=0)
    omissions: int = Field(ge=0)


@register_kind("flanker.game_resumed")
class FlankerGameResumed(GameResumedFields):
    """The game continues after a crash at trial `trial` (a cut trial is played again from its fixation)."""

    correct: int = Field(ge=0)
