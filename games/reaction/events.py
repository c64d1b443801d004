"""Payload models of the reaction-time family's events (namespace "rt."), registered with the event log.

Durations are integer ns unless the name says _ms. The event's `trial` column is the 0-based trial index
for trial events and empty for rt.game_started / rt.game_resumed / rt.game_ended. A false start repeats
the trial with the same index, so one index may carry several rt.trial_started events.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.core import GameResumedFields

__all__ = [
    "Commission",
    "FalseStart",
    "Omission",
    "Response",
    "RtGameEnded",
    "RtGameResumed",
    "RtGameStarted",
    "StimulusOnset",
    "TrialEnded",
    "TrialStarted",
]

Variant = Literal["simple", "choice", "go_nogo"]
Outcome = Literal["hit", "error", "omission", "commission", "withheld"]


@register_kind("rt.game_started")
class RtGameStarted(Payload):
    """The game begins: its variant, length, seed, response keys and response window."""

    variant: Variant
    trials: int = Field(ge=1)
    seed: int
    keys: list[str] = Field(min_length=1)
    timeout_ms: int = Field(ge=1)


@register_kind("rt.trial_started")
class TrialStarted(Payload):
    """A trial (or the repeat of a trial after a false start) begins its foreperiod."""

    trial: int = Field(ge=0)
    variant: Variant
    foreperiod_ns: int = Field(ge=0)
    stimulus: str = Field(min_length=1)
    is_go: bool
    correct_key: str | None


@register_kind("rt.stimulus_onset")
class StimulusOnset(Payload):
    """The stimulus reached the screen; the event's t_ns is presented_t_ns."""

    trial: int = Field(ge=0)
    stimulus: str = Field(min_length=1)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)


@register_kind("rt.response")
class Response(Payload):
    """A response on a go trial, timed from the presented onset."""

    trial: int = Field(ge=0)
    key: str = Field(min_length=1)
    latency_ns: int = Field(ge=0)
    correct: bool
    qt_event_ms: int | None


@register_kind("rt.false_start")
class FalseStart(Payload):
    """A response before the onset; the trial repeats with the same index and a new foreperiod."""

    trial: int = Field(ge=0)
    key: str = Field(min_length=1)
    before_onset_ns: int = Field(ge=0)


@register_kind("rt.omission")
class Omission(Payload):
    """No response on a go trial within the response window."""

    trial: int = Field(ge=0)
    timeout_ns: int = Field(ge=1)


@register_kind("rt.commission")
class Commission(Payload):
    """A response on a no-go trial."""

    trial: int = Field(ge=0)
    key: str = Field(min_length=1)
    latency_ns: int = Field(ge=0)


@register_kind("rt.trial_ended")
class TrialEnded(Payload):
    """A trial's outcome ("error" = wrong key in choice RT; "withheld" = no response on a no-go trial)."""

    trial: int = Field(ge=0)
    outcome: Outcome


@register_kind("rt.game_ended")
class RtGameEnded(Payload):
    """The game is over after this many completed trials."""

    trials: int = Field(ge=0)


@register_kind("rt.game_resumed")
class RtGameResumed(GameResumedFields):
    """The game continues after a crash at trial `trial`, the outcomes of the ended trials restored."""

    false_starts: int = Field(ge=0)  # recorded before the crash (the summary's count carries on from it)
