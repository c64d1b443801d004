"""Payload models of the stop-signal game's events (namespace "stop_signal."), registered with the event log.

Durations are integer ns unless the name says _ms. The event's `trial` column is the 0-based trial index for
trial events and empty for game and block events. A trial the station paused is started again under the
same index (a second stop_signal.trial_started), with the same stop-signal delay.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.core import GameResumedFields

__all__ = [
    "StopBlockStarted",
    "StopGameEnded",
    "StopGameResumed",
    "StopGameStarted",
    "StopGoOnset",
    "StopResponse",
    "StopSignalOnset",
    "StopTrialEnded",
    "StopTrialStarted",
]

Side = Literal["left", "right"]
Key = Literal["Left", "Right"]
Outcome = Literal["go_correct", "go_error", "go_omission", "stop_success", "stop_failure"]


@register_kind("stop_signal.game_started")
class StopGameStarted(Payload):
    """The game begins: its trials, the delay staircase, the response window and the seed."""

    trials: int = Field(ge=1)
    stop_trials: int = Field(ge=1)
    blocks: int = Field(ge=1)
    timeout_ms: int = Field(ge=1)
    ssd_start_ms: int = Field(ge=0)
    ssd_step_ms: int = Field(ge=1)
    ssd_min_ms: int = Field(ge=0)
    ssd_max_ms: int = Field(ge=0)
    keys: list[str] = Field(min_length=2, max_length=2)
    seed: int


@register_kind("stop_signal.block_started")
class StopBlockStarted(Payload):
    """A block begins (after the break and feedback, at the candidate's press, for every block but the first)."""

    block: int = Field(ge=0)
    trials: int = Field(ge=1)
    stop_trials: int = Field(ge=0)


@register_kind("stop_signal.trial_started")
class StopTrialStarted(Payload):
    """A trial's fixation begins: its arrow and, on a stop trial, the delay the staircase gives it."""

    trial: int = Field(ge=0)
    block: int = Field(ge=0)
    stop: bool
    direction: Side
    correct_key: Key
    fixation_ns: int = Field(ge=0)
    ssd_ms: int | None = Field(None, ge=0)  # the planned stop-signal delay (None on a go trial)


@register_kind("stop_signal.stimulus_onset")
class StopGoOnset(Payload):
    """The arrow (the go stimulus) reached the screen; the event's t_ns is presented_t_ns."""

    trial: int = Field(ge=0)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)


@register_kind("stop_signal.stop_onset")
class StopSignalOnset(Payload):
    """The stop signal (the arrow turned into a red cross) reached the screen; t_ns is presented_t_ns."""

    trial: int = Field(ge=0)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)
    ssd_ns: int = Field(ge=0)  # the real delay: presented stop signal minus presented arrow


@register_kind("stop_signal.response")
class StopResponse(Payload):
    """A response (arrow key or on-screen button), timed from the arrow's presented onset."""

    trial: int = Field(ge=0)
    key: Key
    input: Literal["key", "mouse"]
    latency_ns: int = Field(ge=0)
    correct: bool  # the key matches the arrow (on a stop trial any response is a failed stop)
    stop: bool
    after_signal: bool | None  # on a stop trial: the signal was already on screen (None on a go trial)
    qt_event_ms: int | None = None


@register_kind("stop_signal.trial_ended")
class StopTrialEnded(Payload):
    """A trial's outcome, and the delay the next stop trial will use."""

    trial: int = Field(ge=0)
    outcome: Outcome
    next_ssd_ms: int = Field(ge=0)


@register_kind("stop_signal.game_ended")
class StopGameEnded(Payload):
    """The game is over: trials, stop trials, successful stops, go omissions and the last delay."""

    trials: int = Field(ge=0)
    stop_trials: int = Field(ge=0)
    stop_successes: int = Field(ge=0)
    go_omissions: int = Field(ge=0)
    final_ssd_ms: int = Field(ge=0)


@register_kind("stop_signal.game_resumed")
class StopGameResumed(GameResumedFields):
    """The game continues after a crash at trial `trial` with the delay staircase where it was."""

    ssd_ms: int = Field(ge=0)
