"""Payload models of the decision.* event kinds (the shared event vocabulary, seeds 003/004)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.core import GameResumedFields

__all__ = [
    "MAX_REASONING_CHARS",
    "FocusGained",
    "FocusLost",
    "GameEnded",
    "GameResumed",
    "GameStarted",
    "IdleDetected",
    "OptionChanged",
    "OptionSelected",
    "OptionViewStarted",
    "OptionViewed",
    "ReasoningStarted",
    "ReasoningSubmitted",
    "ReasoningUpdated",
    "Scrolled",
    "TaskCompleted",
    "TaskStarted",
    "TypingBurst",
]

MAX_REASONING_CHARS = 5000  # seed 003, section 4.2: reasoning text length <= 5000 chars

RiskLevel = Literal["low", "medium", "high"]


@register_kind("decision.game_started")
class GameStarted(Payload):
    """The game began; `tasks` are the scenario ids in the order they will be shown.

    `idle_threshold_ms` is the idle threshold the game runs with (scoring reads it; None in sessions recorded
    before it was recorded).
    """

    tasks: list[str] = Field(min_length=1)
    seed: int
    idle_threshold_ms: int | None = Field(default=None, gt=0)


@register_kind("decision.game_resumed")
class GameResumed(GameResumedFields):
    """The game continues after a crash at task index `trial` (the task interrupted by the crash is shown again)."""

    next_task: str | None  # the id of the task shown next (None when every task was completed before the crash)


@register_kind("decision.task_started")
class TaskStarted(Payload):
    """A scenario was presented (event t_ns = the presented time; `requested_t_ns` = when it was asked for)."""

    task_id: str
    category: str
    option_ids: list[str] = Field(min_length=3, max_length=4)
    reasoning_required: bool
    min_reasoning_chars: int = Field(ge=0)
    soft_time_limit_s: int | None = Field(default=None, gt=0)
    requested_t_ns: int | None = Field(default=None, ge=0)
    option_risks: list[RiskLevel] | None = None  # the risk level of each option, in option_ids order


@register_kind("decision.option_view_started")
class OptionViewStarted(Payload):
    """A look at an option began (the pointer came onto it, or keyboard focus did); option_viewed ends it."""

    task_id: str
    option_id: str
    via: Literal["hover", "focus"]


@register_kind("decision.option_viewed")
class OptionViewed(Payload):
    """An option was looked at by hover or keyboard focus; recorded when the view ends (t_ns = end)."""

    task_id: str
    option_id: str
    via: Literal["hover", "focus"]
    started_t_ns: int = Field(ge=0)
    duration_ns: int = Field(ge=0)


@register_kind("decision.option_selected")
class OptionSelected(Payload):
    """The first selection of a task."""

    task_id: str
    option_id: str
    risk_level: RiskLevel
    tags: list[str]


@register_kind("decision.option_changed")
class OptionChanged(Payload):
    """The selection moved from one option to another."""

    task_id: str
    from_option: str
    to_option: str
    from_risk: RiskLevel
    to_risk: RiskLevel


@register_kind("decision.reasoning_started")
class ReasoningStarted(Payload):
    """The first keystroke in the reasoning box of a task."""

    task_id: str


@register_kind("decision.reasoning_updated")
class ReasoningUpdated(Payload):
    """Debounced progress of the reasoning text: counts only, never the text."""

    task_id: str
    chars: int = Field(ge=0)
    words: int = Field(ge=0)


@register_kind("decision.typing_burst")
class TypingBurst(Payload):
    """Keys typed in the reasoning box without a pause of the debounce length; recorded when the pause comes.

    `started_t_ns` and `ended_t_ns` are the first and last keystroke; never the text.
    """

    task_id: str
    started_t_ns: int = Field(ge=0)
    ended_t_ns: int = Field(ge=0)
    keystrokes: int = Field(ge=1)


@register_kind("decision.scrolled")
class Scrolled(Payload):
    """Wheel or touchpad scrolling in the game without a pause of the debounce length (reading)."""

    task_id: str
    started_t_ns: int = Field(ge=0)
    ended_t_ns: int = Field(ge=0)
    steps: int = Field(ge=1)


@register_kind("decision.reasoning_submitted")
class ReasoningSubmitted(Payload):
    """The reasoning text as it stood when the task was completed."""

    task_id: str
    text: str = Field(max_length=MAX_REASONING_CHARS)
    chars: int = Field(ge=0)
    words: int = Field(ge=0)


@register_kind("decision.task_completed")
class TaskCompleted(Payload):
    """The participant finalised the task with the option they held."""

    task_id: str
    option_id: str
    risk_level: RiskLevel
    tags: list[str]
    soft_limit_exceeded: bool


@register_kind("decision.idle_detected")
class IdleDetected(Payload):
    """No input for at least the idle threshold; recorded when the idle spell ends (t_ns = end)."""

    task_id: str
    idle_duration_ms: int = Field(gt=0)


@register_kind("decision.focus_lost")
class FocusLost(Payload):
    """The game window stopped being the active window during a task."""

    task_id: str


@register_kind("decision.focus_gained")
class FocusGained(Payload):
    """The game window became active again; `away_ns` since the matching focus_lost."""

    task_id: str
    away_ns: int = Field(ge=0)


@register_kind("decision.game_ended")
class GameEnded(Payload):
    """The last task was completed."""

    tasks_completed: int = Field(ge=0)
