"""Typed errors of the decision rules: every refused step names the event and why (nothing is recorded).

GameRuleError (ValueError, games/core.py)
└── DecisionRuleError
    ├── UnknownScenarioError         params name a scenario id that no file defines
    ├── GameStateError               game_started twice, a task before game_started, game_ended too early or twice
    ├── TaskNotStartedError          a task event before that task's task_started
    ├── TaskAlreadyStartedError      task_started while a task is still open
    ├── TaskCompletedError           any task event after its task_completed
    ├── UnknownOptionError           an option id the task does not have
    ├── NoSelectionError             option_changed or task_completed without a selection
    ├── AlreadySelectedError         option_selected twice (later picks are option_changed)
    ├── SameOptionError              option_changed to the option already held
    ├── ReasoningSequenceError       reasoning_updated/submitted before reasoning_started, or started twice
    ├── ReasoningLengthError         required reasoning shorter than its minimum, or over the maximum
    └── FocusSequenceError           focus_gained without focus_lost, focus_lost twice, a bad idle duration
"""

from __future__ import annotations

from games.core import GameRuleError

__all__ = [
    "AlreadySelectedError",
    "DecisionRuleError",
    "FocusSequenceError",
    "GameStateError",
    "NoSelectionError",
    "ReasoningLengthError",
    "ReasoningSequenceError",
    "SameOptionError",
    "TaskAlreadyStartedError",
    "TaskCompletedError",
    "TaskNotStartedError",
    "UnknownOptionError",
    "UnknownScenarioError",
]


class DecisionRuleError(GameRuleError):
    """A step the decision rules refuse; nothing of it is recorded."""


class UnknownScenarioError(DecisionRuleError):
    """The parameters name a scenario that is not defined."""


class GameStateError(DecisionRuleError):
    """The game as a whole is not in a state that allows this step."""


class TaskNotStartedError(DecisionRuleError):
    """A task event came before its task_started."""


class TaskAlreadyStartedError(DecisionRuleError):
    """task_started while a task is open."""


class TaskCompletedError(DecisionRuleError):
    """A task event after task_completed."""


class UnknownOptionError(DecisionRuleError):
    """The option id does not belong to the task."""


class NoSelectionError(DecisionRuleError):
    """A step that needs a selected option came before any selection."""


class AlreadySelectedError(DecisionRuleError):
    """option_selected a second time in one task."""


class SameOptionError(DecisionRuleError):
    """option_changed to the option already selected."""


class ReasoningSequenceError(DecisionRuleError):
    """Reasoning events out of order."""


class ReasoningLengthError(DecisionRuleError):
    """Reasoning too short for a task that requires it, or too long to store."""


class FocusSequenceError(DecisionRuleError):
    """Focus or idle events that do not fit the current state."""
