"""The candidate flow as a pure state machine (no Qt): screens, events, and the transition table.

    code_entry --code_accepted--> consent --accepted--> instructions(0)
    consent --declined--> declined --finish--> code_entry
    instructions(i) --practice--> practice(i) --practice_done--> practice_over(i) (practice offered once)
    practice(i) --practice_failed--> instructions(i) (the practice round could not start)
    practice_over(i) --begin--> game(i);  practice_over(i) --reread--> instructions(i) (no more practice)
    instructions(i) --begin--> game(i) --game_done--> instructions(i+1) | complete
    game(i) --failed--> stopped (the resumed game cannot continue) --finish--> code_entry
    complete --finish--> code_entry
    code_entry --resumed(i)--> instructions(i) (no practice; the game continues at its interrupted trial)

Any other (screen, event) pair is refused with FlowError and leaves the state as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = ["TRANSITIONS", "Flow", "FlowError", "FlowEvent", "FlowState", "Screen"]


class Screen(StrEnum):
    """The candidate-facing screens."""

    CODE_ENTRY = "code_entry"
    CONSENT = "consent"
    INSTRUCTIONS = "instructions"
    PRACTICE = "practice"
    PRACTICE_OVER = "practice_over"
    GAME = "game"
    COMPLETE = "complete"
    DECLINED = "declined"
    STOPPED = "stopped"


class FlowEvent(StrEnum):
    """What can happen on a screen."""

    CODE_ACCEPTED = "code_accepted"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    PRACTICE = "practice"
    PRACTICE_DONE = "practice_done"
    PRACTICE_FAILED = "practice_failed"
    REREAD = "reread"
    BEGIN = "begin"
    FAILED = "failed"
    GAME_DONE = "game_done"
    FINISH = "finish"
    RESUMED = "resumed"


class FlowError(RuntimeError):
    """An event that is not allowed on the current screen."""


@dataclass(frozen=True)
class FlowState:
    """Where the candidate is: a screen, the battery game index, and whether practice is still offered."""

    screen: Screen = Screen.CODE_ENTRY
    index: int = 0
    practice_offered: bool = False
    resuming: bool = False


@dataclass(frozen=True)
class Flow:
    """The flow of one battery: `practice[i]` says whether game i offers a practice run."""

    practice: tuple[bool, ...]

    @property
    def games(self) -> int:
        """How many games the battery has."""
        return len(self.practice)

    def instructions(self, index: int, resuming: bool = False) -> FlowState:
        """The instructions screen of game `index`, or completion past the last game."""
        if index >= self.games:
            return FlowState(Screen.COMPLETE, index)
        offered = self.practice[index] and not resuming
        return FlowState(Screen.INSTRUCTIONS, index, offered, resuming)

    def next(self, state: FlowState, event: FlowEvent, index: int | None = None) -> FlowState:
        """The state after `event`; FlowError when the event is not allowed on this screen."""
        step = TRANSITIONS.get((state.screen, event))
        if step is None:
            raise FlowError(f"{event.value!r} is not allowed on the {state.screen.value!r} screen")
        return step(self, state, index)


Step = Callable[[Flow, FlowState, int | None], FlowState]


def _practice(flow: Flow, state: FlowState, _: int | None) -> FlowState:
    if not state.practice_offered:
        raise FlowError(f"game {state.index} offers no (more) practice")
    return replace(state, screen=Screen.PRACTICE)


def _resumed(flow: Flow, state: FlowState, index: int | None) -> FlowState:
    if index is None or not 0 <= index < flow.games:
        raise FlowError(f"cannot resume at game index {index!r} of a {flow.games}-game battery")
    return flow.instructions(index, resuming=True)


TRANSITIONS: dict[tuple[Screen, FlowEvent], Step] = {
    (Screen.CODE_ENTRY, FlowEvent.CODE_ACCEPTED): lambda f, s, i: FlowState(Screen.CONSENT),
    (Screen.CODE_ENTRY, FlowEvent.RESUMED): _resumed,
    (Screen.CONSENT, FlowEvent.ACCEPTED): lambda f, s, i: f.instructions(0),
    (Screen.CONSENT, FlowEvent.DECLINED): lambda f, s, i: FlowState(Screen.DECLINED),
    (Screen.INSTRUCTIONS, FlowEvent.PRACTICE): _practice,
    (Screen.INSTRUCTIONS, FlowEvent.BEGIN): lambda f, s, i: replace(s, screen=Screen.GAME),
    (Screen.PRACTICE, FlowEvent.PRACTICE_DONE): lambda f, s, i: FlowState(Screen.PRACTICE_OVER, s.index),
    (Screen.PRACTICE, FlowEvent.PRACTICE_FAILED): lambda f, s, i: FlowState(Screen.INSTRUCTIONS, s.index),
    (Screen.PRACTICE_OVER, FlowEvent.BEGIN): lambda f, s, i: FlowState(Screen.GAME, s.index),
    (Screen.PRACTICE_OVER, FlowEvent.REREAD): lambda f, s, i: FlowState(Screen.INSTRUCTIONS, s.index),
    (Screen.GAME, FlowEvent.GAME_DONE): lambda f, s, i: f.instructions(s.index + 1),
    (Screen.GAME, FlowEvent.FAILED): lambda f, s, i: FlowState(Screen.STOPPED, s.index),
    (Screen.COMPLETE, FlowEvent.FINISH): lambda f, s, i: FlowState(),
    (Screen.DECLINED, FlowEvent.FINISH): lambda f, s, i: FlowState(),
    (Screen.STOPPED, FlowEvent.FINISH): lambda f, s, i: FlowState(),
}
