"""What every game shares, without Qt: Emission, Step, GameRuleError, the GameView contract, suspend/resume.

Rules. A game's `rules.py` is a pure state machine: every step takes the current state and the
session-relative time `t_ns` of the action and returns a `Step`, the new state and the `Emission`s to
record (kind, payload model, t_ns, trial). A step the rules refuse raises a subclass of `GameRuleError`
(a ValueError) naming what is wrong, and emits nothing; the state passed in stays usable.

The view contract (`GameView`, what the station relies on). A game package `games/<pkg>/` names its view
class in `spec.py` (see games/spec.py); the station constructs it as `View(recorder, params, seed)`, hosts
it, connects its two signals and calls `start()`, or `start_at_trial(trial)` when it resumes a session
that crashed during that trial:

- `game_did_finish(dict)`: emitted once, after `<ns>.game_ended` is recorded, with a small JSON-able
  summary. From then on `finished` is True.
- `trial_will_start(int)`: emitted before each trial (balloon, task...) starts, with its index; the
  station stores it as the session's progress, which is where `start_at_trial` picks up after a crash.
- `start_at_trial(trial)`: every game has one. `resumes_mid_game` says what it does: True, the game
  begins at that trial with the same seeded plan (earlier trials are not shown again); False, the game
  cannot resume mid-game and starts from its first trial, exactly as `start()` does.
- `suspend()` / `resume()`: the station suspends the running game's view while anything covers it (idle
  pause, proctor PIN prompt, panel) and resumes it when the game is in front again. `suspend()` stops
  every timer that could record or advance the game, ignores input and records nothing while suspended
  (a game may flush what was pending at that moment, before the pause); `resume()` continues sensibly
  (an interrupted reaction-time attempt is repeated, a balloon due is shown). Both are idempotent and do
  nothing before the start or after the end. The station records `station.game_suspended` /
  `station.game_resumed` around a freeze only while the game is not `finished`.

`GameView` is a runtime-checkable Protocol: `isinstance(view, GameView)` tells whether a view has all of
it. `SuspendableGame` holds the suspend/resume bookkeeping once for every view: each view gives its
rules' `phase` (from which `started` and `finished` follow), what to `_freeze()` and `_thaw()`, and how
to `_set_interactive()`; its input handlers and timer slots that could record are decorated with
`@unless_suspended`. The Qt half (the two signals, enabling the widget, the view's own timers, stopping
them on close) is `games.widgets.GameWidget`, the base class of every game's view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Concatenate,
    Generic,
    NamedTuple,
    ParamSpec,
    Protocol,
    TypeVar,
    runtime_checkable,
)

from eventlog.kinds import Payload

if TYPE_CHECKING:
    from eventlog.recorder import Recorder

__all__ = [
    "BoundSignal",
    "Emission",
    "GameRuleError",
    "GameView",
    "Step",
    "SuspendableGame",
    "record_emissions",
    "unless_suspended",
]

StateT = TypeVar("StateT")
ViewT = TypeVar("ViewT", bound="SuspendableGame")
P = ParamSpec("P")


class GameRuleError(ValueError):
    """An action a game's rules refuse; nothing is emitted. Every game's rule errors derive from it."""


@dataclass(frozen=True, slots=True)
class Emission:
    """One event for the view to record: its kind, payload model, session t_ns and trial column."""

    kind: str
    payload: Payload
    t_ns: int
    trial: int | None


class Step(NamedTuple, Generic[StateT]):
    """The result of one rules step: the new state and what to record, in order (`state, emitted = step`)."""

    state: StateT
    emissions: tuple[Emission, ...] = ()


def record_emissions(recorder: Recorder, emissions: Iterable[Emission]) -> None:
    """Record a step's emissions, in order, each at its own t_ns."""
    for emission in emissions:
        recorder.record(emission.kind, emission.t_ns, emission.payload, trial=emission.trial)


class BoundSignal(Protocol):
    """What the station uses of a view's signal (a Qt SignalInstance has both)."""

    def connect(self, slot: Callable[..., Any], /) -> Any:
        """Call slot with the signal's arguments every time it is emitted."""
        ...

    def emit(self, *args: Any) -> Any:
        """Emit the signal."""
        ...


@runtime_checkable
class GameView(Protocol):
    """The interface of a game's view that the station relies on (see the module docstring)."""

    @property
    def game_did_finish(self) -> BoundSignal:
        """Signal (summary: dict), emitted once, after <ns>.game_ended is recorded."""
        ...

    @property
    def trial_will_start(self) -> BoundSignal:
        """Signal (trial: int), emitted before each trial starts: the session's progress, for resume."""
        ...

    @property
    def resumes_mid_game(self) -> bool:
        """Whether start_at_trial(k) begins at trial k (True) or starts the game over (False)."""
        ...

    @property
    def finished(self) -> bool:
        """Whether <ns>.game_ended has been recorded."""
        ...

    def start(self) -> None:
        """Begin the game at its first trial."""
        ...

    def start_at_trial(self, trial: int) -> None:
        """Begin the game at `trial` of a resumed session (or from the start if it cannot resume mid-game)."""
        ...

    def suspend(self) -> None:
        """Freeze: no timer, no input, nothing recorded; idempotent, a no-op before the start or after the end."""
        ...

    def resume(self) -> None:
        """Continue after suspend(); idempotent, a no-op unless suspended."""
        ...


class SuspendableGame:
    """The shared suspend/resume bookkeeping of a game view (mixed into every view, Qt-free)."""

    suspended: bool = False
    phase_before_start: ClassVar[str] = "ready"  # the rules' phase until the game's start is recorded

    @property
    def phase(self) -> str:
        """The rules' current phase; "finished" once the game's end is recorded."""
        raise NotImplementedError

    @property
    def started(self) -> bool:
        """Whether the game's start has been recorded."""
        return self.phase != self.phase_before_start

    @property
    def finished(self) -> bool:
        """Whether the game's end has been recorded."""
        return self.phase == "finished"

    def suspend(self) -> None:
        """Freeze the running game (flush, stop timers), then ignore input until resume()."""
        if self.suspended or not self.started or self.finished:
            return
        self._freeze()
        self.suspended = True
        self._set_interactive(False)

    def resume(self) -> None:
        """Take input again and carry on where suspend() froze the game."""
        if not self.suspended:
            return
        self.suspended = False
        self._set_interactive(True)
        self._thaw()

    def _freeze(self) -> None:
        """Record what is pending now, if anything, and stop every timer that could record or advance the game."""
        raise NotImplementedError

    def _thaw(self) -> None:
        """Restart what _freeze() stopped, as the game needs it."""
        raise NotImplementedError

    def _set_interactive(self, interactive: bool) -> None:
        """Enable the view and give it the keyboard (True), or disable it (False)."""
        raise NotImplementedError


def unless_suspended(handler: Callable[Concatenate[ViewT, P], None]) -> Callable[Concatenate[ViewT, P], None]:
    """Make a view's input handler or timer slot do nothing while the game is suspended."""

    @functools.wraps(handler)
    def guarded(view: ViewT, /, *args: P.args, **kwargs: P.kwargs) -> None:
        if not view.suspended:
            handler(view, *args, **kwargs)

    return guarded
