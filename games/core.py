"""What every game shares, without Qt: Emission, Step, GameRuleError, the GameView contract, suspend/resume,
crash resume from the recorded events, and the one event kind for input a game ignores.

Rules. A game's `rules.py` is a pure state machine: every step takes the current state and the
session-relative time `t_ns` of the action and returns a `Step`, the new state and the `Emission`s to
record (kind, payload model, t_ns, trial). A step the rules refuse raises a subclass of `GameRuleError`
(a ValueError) naming what is wrong, and emits nothing; the state passed in stays usable. Every game's
rules also have `restore(state, records)`: the state at the last trial boundary the session's recorded
events of the game reach (see "Crash resume"), raising `RestoreError` when the events do not fit the game.

The view contract (`GameView`, what the station relies on). A game package `games/<pkg>/` names its view
class in `spec.py` (see games/spec.py); the station constructs it as `View(recorder, params, seed)`, hosts
it, connects its two signals and calls `start()`, or `resume_from(events)` when it resumes a session that
crashed while this game was running:

- `game_did_finish(dict)`: emitted once, after `<ns>.game_ended` is recorded, with a small JSON-able
  summary. From then on `finished` is True.
- `trial_will_start(int)`: emitted before each trial (balloon, task...) starts, with its index; the
  station stores it as the session's progress (the game and trial `session.resumed` names).
- `resume_from(events)`: see "Crash resume" below.
- `suspend()` / `resume()`: the station suspends the running game's view while anything covers it (idle
  pause, proctor PIN prompt, panel) and resumes it when the game is in front again. `suspend()` stops
  every timer that could record or advance the game, ignores input (logging it as ignored, below) and
  records nothing else while suspended (a game may flush what was pending at that moment, before the
  pause); `resume()` continues sensibly (an interrupted reaction-time attempt is repeated, a balloon due
  is shown). Both are idempotent and do nothing before the start or after the end. The station records
  `station.game_suspended` / `station.game_resumed` around a freeze only while the game is not `finished`.

Crash resume. `view.resume_from(events)` takes the session's recorded events as the log holds them after
`EventLog.resume_session` (all of them, in seq order; the station reads them on its DB worker, never on the
GUI thread). The view keeps only its own game's (`rec.game == recorder.game`, kinds of its namespace, from
the last `<ns>.game_started` on), rebuilds its rules' state with `rules.restore` and continues at the
next trial boundary:

- nothing of the game was recorded (the crash came before its start): exactly `start()`;
- the game had ended (`<ns>.game_ended` recorded): nothing is recorded, the end screen is shown and
  `game_did_finish` is emitted on the next event-loop turn, so the station moves on;
- otherwise the view records `<ns>.game_resumed` (the trial it continues at, whether that trial is a
  repeat, what was restored) and carries on: the trial interrupted by the crash, if any, is played again
  from its start under the same index (its partial events stay before `session.resumed`, which is how
  scoring knows to drop them), earlier trials are never shown again, and running totals (BART's bank,
  the reaction-time tally, the decision choices) continue from the recorded ones. The seeded plan is the
  same, so the candidate sees the same numbering ("Balloon 8 of 30") as before the crash.

Ignored input. Every key press and mouse click that reaches a game's view and does nothing is recorded
as `game.input_ignored` (`InputIgnored`: the input, key or button, why, the rules' phase, whether the key
was an auto-repeat, the widget clicked) at the handler's `perf_counter_ns` stamp, in the game's trial
column. `games.widgets.GameWidget` does this once for every view: presses before `start()`, after the end,
while suspended and auto-repeats never reach the game's handlers; a click no control takes is logged
there too; a view logs what its own handlers drop with `ignore_input(...)`. Scoring never reads the kind.

`GameView` is a runtime-checkable Protocol: `isinstance(view, GameView)` tells whether a view has all of
it. `SuspendableGame` holds the suspend/resume bookkeeping once for every view: each view gives its
rules' `phase` (from which `started` and `finished` follow), what to `_freeze()` and `_thaw()`, and how
to `_set_interactive()`; its input handlers and timer slots that could record are decorated with
`@unless_suspended`. The Qt half (the two signals, enabling the widget, the view's own timers, stopping
them on close, logging ignored input) is `games.widgets.GameWidget`, the base class of every game's view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Concatenate,
    Generic,
    Literal,
    NamedTuple,
    ParamSpec,
    Protocol,
    TypeVar,
    runtime_checkable,
)

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from eventlog.records import EventRecord

if TYPE_CHECKING:
    from eventlog.recorder import Recorder

__all__ = [
    "INPUT_IGNORED",
    "BoundSignal",
    "Emission",
    "GameResumedFields",
    "GameRuleError",
    "GameView",
    "IgnoreReason",
    "InputIgnored",
    "RestoreError",
    "Restored",
    "Step",
    "SuspendableGame",
    "game_records",
    "payload_of",
    "record_emissions",
    "unless_suspended",
]

StateT = TypeVar("StateT")
ViewT = TypeVar("ViewT", bound="SuspendableGame")
P = ParamSpec("P")


INPUT_IGNORED = "game.input_ignored"

IgnoreReason = Literal[
    "before_start", "after_end", "suspended", "auto_repeat", "between_trials", "not_a_game_key",
    "control_disabled", "no_target", "station_key",
]
"""Why a press did nothing: the game had not started / had ended / was suspended by the station; the key
was an auto-repeat of a held key; a game key or button between trials (BART feedback, the reaction-time
pause between trials); a key the game does not use; a click on a control that is disabled now; a click
on no control at all; a key the station itself handles (Ctrl+plus / Ctrl+minus / Ctrl+0 change the type size)."""


class GameRuleError(ValueError):
    """An action a game's rules refuse; nothing is emitted. Every game's rule errors derive from it."""


class RestoreError(GameRuleError):
    """The recorded events cannot be resumed by this game (another seed or plan, or events out of order)."""


@register_kind(INPUT_IGNORED)
class InputIgnored(Payload):
    """A key press or mouse click that reached a game and did nothing; t_ns is its handler stamp.

    The event's `game` names the game and `trial` the trial on screen (or the last one). Never scored.
    """

    input: Literal["key", "mouse"]
    key: str = Field(min_length=1)  # Qt's key name without "Key_" ("Space", "A", "Return"), or "left"/"right"...
    reason: IgnoreReason
    auto_repeat: bool  # the key event was an auto-repeat of a held key
    phase: str = Field(min_length=1)  # the game rules' phase at that moment
    target: str | None = None  # the widget clicked (its object name or class), for mouse input
    qt_event_ms: int | None = None  # Qt's event timestamp (ms, platform origin), None when absent


class GameResumedFields(Payload):
    """The fields every `<ns>.game_resumed` event has (each game registers its own kind, adding its totals)."""

    trial: int = Field(ge=0)  # the trial the game continues at (== the number of trials when all are done)
    repeated: bool  # that trial had begun before the crash and is played again from its start
    trials_done: int = Field(ge=0)  # trials finished before the crash (restored, not played again)
    events_restored: int = Field(ge=0)  # this game's recorded events the state was rebuilt from


class Restored(NamedTuple, Generic[StateT]):
    """What `rules.restore` rebuilt: the state at the last trial boundary, and what resuming must say."""

    state: StateT
    repeated: bool = False  # a trial had begun and not ended: it is played again under the same index
    events: int = 0  # how many of the game's recorded events it was rebuilt from


PayloadT = TypeVar("PayloadT", bound=Payload)


def payload_of(rec: EventRecord, model: type[PayloadT]) -> PayloadT:
    """A recorded event's payload as its model, or RestoreError naming the event."""
    try:
        return model.model_validate(rec.payload)
    except ValueError as exc:
        raise RestoreError(f"event seq {rec.seq} ({rec.kind}): payload does not fit {model.__name__}: {exc}") from None


def game_records(events: Iterable[EventRecord], game: str, namespace: str) -> list[EventRecord]:
    """One game's recorded events: `game` column and kind namespace match, from its last `<ns>.game_started` on."""
    mine = [rec for rec in events if rec.game == game and rec.kind.startswith(namespace)]
    starts = [i for i, rec in enumerate(mine) if rec.kind == f"{namespace}game_started"]
    return mine[starts[-1]:] if starts else []


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
    def finished(self) -> bool:
        """Whether <ns>.game_ended has been recorded."""
        ...

    def start(self) -> None:
        """Begin the game at its first trial."""
        ...

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue the game where the session's recorded events leave it (see "Crash resume" above)."""
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

    @property
    def current_trial(self) -> int | None:
        """The trial on screen, or the last one (None before the first): the trial column of ignored input."""
        return None

    def gate_reason(self, auto_repeat: bool = False) -> IgnoreReason | None:
        """Why any input is ignored now, whatever it is (None: the game's own handlers decide)."""
        if not self.started:
            return "before_start"
        if self.finished:
            return "after_end"
        if self.suspended:
            return "suspended"
        return "auto_repeat" if auto_repeat else None

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
