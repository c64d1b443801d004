"""Payload models of the effort-choice game's events (namespace "effort."), registered with the event log.

Money is in integer cents; durations in integer ns; probabilities in percent. Every press is its own event,
stamped in its input handler. The event's `trial` column is the 0-based trial index for trial events and
empty for effort.game_started / effort.game_resumed / effort.game_ended.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.trialkit.fields import InputKind, OnsetFields, ResponseFields, ResumedFields, TrialFields

__all__ = ["Choice", "EffortChoice", "EffortGameEnded", "EffortGameResumed", "EffortGameStarted", "EffortPress",
           "EffortTaskStarted", "EffortTrialEnded", "EffortTrialStarted"]

Choice = Literal["easy", "hard"]


@register_kind("effort.game_started")
class EffortGameStarted(Payload):
    """The game begins: both tasks, the rewards, the probabilities, the fixed duration and the seed."""

    easy_presses: int = Field(ge=1)
    easy_ns: int = Field(ge=1)
    hard_presses: int = Field(ge=1)
    hard_ns: int = Field(ge=1)
    easy_reward_cents: int = Field(ge=0)
    hard_reward_min_cents: int = Field(ge=0)
    hard_reward_max_cents: int = Field(ge=0)
    probabilities: list[int] = Field(min_length=1)
    duration_ns: int = Field(ge=1)
    choice_ns: int = Field(ge=1)
    seed: int


@register_kind("effort.trial_started")
class EffortTrialStarted(OnsetFields):
    """The offer is shown: the win probability and both rewards (t_ns: painted)."""

    probability: int = Field(ge=0, le=100)
    easy_reward_cents: int = Field(ge=0)
    hard_reward_cents: int = Field(ge=0)


@register_kind("effort.choice")
class EffortChoice(ResponseFields):
    """The candidate chose a task (rt_ns from the offer's onset)."""

    choice: Choice
    required: int = Field(ge=1)
    limit_ns: int = Field(ge=1)


@register_kind("effort.task_started")
class EffortTaskStarted(TrialFields):
    """The chosen task's bar is shown and presses count from now (t_ns: painted)."""

    choice: Choice
    required: int = Field(ge=1)
    limit_ns: int = Field(ge=1)
    requested_t_ns: int | None = Field(None, ge=0)


@register_kind("effort.press")
class EffortPress(TrialFields):
    """One press of the task (Space or the on-screen button), stamped in its handler."""

    press: int = Field(ge=1)  # presses so far on this task, this one included
    since_task_ns: int = Field(ge=0)  # from the task's onset
    since_prev_ns: int | None = Field(ge=0)  # from the previous press of this task (None on the first)
    input: InputKind
    key: str = Field(min_length=1)
    qt_event_ms: int | None = None


@register_kind("effort.trial_ended")
class EffortTrialEnded(TrialFields):
    """A trial is over: the choice (or none in time), the task's completion, the win and the money."""

    choice: Literal["easy", "hard", "none"]
    probability: int = Field(ge=0, le=100)
    reward_cents: int = Field(ge=0)  # of the chosen task (0 without a choice)
    hard_reward_cents: int = Field(ge=0)  # the hard task's offer (for the choice analysis)
    choice_rt_ns: int | None = Field(ge=0)
    required: int = Field(ge=0)
    presses: int = Field(ge=0)
    completed: bool
    press_ns: int | None = Field(ge=0)  # from the task's onset to its completion or its time limit
    won: bool
    earned_cents: int = Field(ge=0)
    total_cents: int = Field(ge=0)
    active_ns: int = Field(ge=0)  # counted toward the game's fixed duration: onset to end plus the feedback


@register_kind("effort.game_resumed")
class EffortGameResumed(ResumedFields):
    """The game continues after a crash with the money, time used and choices of the trials that had ended."""

    total_cents: int = Field(ge=0)
    elapsed_ns: int = Field(ge=0)
    hard_choices: int = Field(ge=0)


@register_kind("effort.game_ended")
class EffortGameEnded(Payload):
    """The game is over (its time is used up, or its plan): totals."""

    trials: int = Field(ge=0)
    total_cents: int = Field(ge=0)
    hard_choices: int = Field(ge=0)
    completed: int = Field(ge=0)
    elapsed_ns: int = Field(ge=0)
