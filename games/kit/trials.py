"""The timed-trial state machine the flanker and stop-signal games share (pure: no Qt, no clock, no database).

Phases: not_started -> (start_game) between -> (start_block, at each block's first trial) between ->
(begin_trial) fixation -> (present) stimulus -> (respond | expire) between -> ... -> (end_game) finished.
Every trial's stimulus and fixation time are drawn at construction from the seeded RNG (`make_plan`), so a
session's trials are the same after a crash and replaying the recorded events (games/kit/replay.py)
rebuilds the state exactly. `interrupt` abandons the trial in progress without emitting anything (the
station paused the game): the trial is played again from its fixation. Keys pressed during the fixation are
not responses (the view logs them as ignored input).

A game subclasses `TimedTrialRules` and gives its namespace, plan and payloads; the stop-signal game adds
its stop signal and delay staircase on top (games/stop_signal/rules.py).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from eventlog.kinds import Payload
from eventlog.records import EventRecord
from games.core import Emission, GameRuleError, Restored, Step
from games.kit.replay import replay

__all__ = ["MS", "PlannedTrial", "TimedTrialRules", "TrialRuleError", "TrialState", "draw_fixations"]

Phase = Literal["not_started", "between", "fixation", "stimulus", "finished"]
InputKind = Literal["key", "mouse"]
MS = 1_000_000


class TrialRuleError(GameRuleError):
    """An action the timed-trial rules refuse (wrong phase, time going backwards, a key the game has not)."""


class PlannedTrial(Protocol):
    """What every planned trial says: its block, its fixation time and the key that answers it (None: withhold)."""

    @property
    def block(self) -> int: ...

    @property
    def fixation_ms(self) -> int: ...

    @property
    def correct_key(self) -> str: ...


PlanT = TypeVar("PlanT", bound=PlannedTrial)


@dataclass(frozen=True, slots=True)
class TrialState:
    """Where a timed-trial game is. `trial` is the current trial, or the next one while between trials."""

    phase: Phase = "not_started"
    trial: int = 0
    block_open: bool = False  # the block of `trial` has been started
    trial_start_ns: int = 0
    onset_ns: int = 0  # the stimulus's presented stamp
    signal_ns: int | None = None  # the stop signal's presented stamp (stop-signal game)
    ssd_ms: int = 0  # the stop-signal delay the next stop trial uses (stop-signal game)
    last_t_ns: int = 0
    correct: int = 0  # trials that went as asked
    omissions: int = 0  # trials without a response where one was asked for
    stopped: int = 0  # stop trials without a response (stop-signal game)


def draw_fixations(rng: random.Random, count: int, low_ms: int, high_ms: int) -> list[int]:
    """Fixation times, uniform on whole milliseconds in [low, high]."""
    return [rng.randint(low_ms, high_ms) for _ in range(count)]


class TimedTrialRules(Generic[PlanT]):
    """The shared transitions; subclasses make the plan and the payloads (see the module docstring)."""

    namespace: ClassVar[str]
    keys: ClassVar[tuple[str, ...]] = ("Left", "Right")

    def __init__(self, params: Any, seed: int) -> None:
        self.params = params
        self.seed = seed
        self.plan: tuple[PlanT, ...] = tuple(self.make_plan(random.Random(seed)))
        self.timeout_ns = int(params.timeout_ms) * MS

    # -- what a game gives ---------------------------------------------------------------------

    def make_plan(self, rng: random.Random) -> Sequence[PlanT]:
        """Every trial of the game, in order."""
        raise NotImplementedError

    def started_payload(self) -> Payload:
        """<ns>.game_started."""
        raise NotImplementedError

    def block_payload(self, block: int) -> Payload:
        """<ns>.block_started for a block."""
        raise NotImplementedError

    def trial_payload(self, state: TrialState) -> Payload:
        """<ns>.trial_started for state.trial."""
        raise NotImplementedError

    def onset_payload(self, state: TrialState, requested_t_ns: int, presented_t_ns: int) -> Payload:
        """<ns>.stimulus_onset."""
        raise NotImplementedError

    def response_payload(self, state: TrialState, key: str, latency_ns: int, source: InputKind,
                         qt_event_ms: int | None) -> Payload:
        """<ns>.response."""
        raise NotImplementedError

    def ended(self, state: TrialState, key: str | None) -> tuple[Payload, TrialState]:
        """<ns>.trial_ended for a response (key) or none (None), and the state's tallies after it."""
        raise NotImplementedError

    def game_ended_payload(self, state: TrialState) -> Payload:
        """<ns>.game_ended."""
        raise NotImplementedError

    def resumed_payload(self, restored: Restored[TrialState]) -> Payload:
        """<ns>.game_resumed."""
        raise NotImplementedError

    # -- queries ---------------------------------------------------------------------------------

    def needs_block(self, state: TrialState) -> bool:
        """Whether the next trial opens a block that has not been started yet."""
        return state.phase == "between" and not self.is_done(state) and not state.block_open

    def is_done(self, state: TrialState) -> bool:
        """Whether every trial has ended (the game may end)."""
        return state.trial >= len(self.plan)

    def current(self, state: TrialState) -> PlanT:
        """The plan of the current (or next) trial."""
        return self.plan[state.trial]

    def _emit(self, kind: str, payload: Payload, t_ns: int, trial: int | None) -> Emission:
        return Emission(f"{self.namespace}{kind}", payload, t_ns, trial)

    def _check(self, state: TrialState, action: str, t_ns: int, *phases: Phase) -> None:
        if state.phase not in phases:
            raise TrialRuleError(f"{self.namespace[:-1]}: cannot {action} in phase {state.phase!r} "
                                 f"(needs {' or '.join(phases)})")
        if type(t_ns) is not int or t_ns < state.last_t_ns:
            raise TrialRuleError(f"{self.namespace[:-1]}: field 't_ns' of {action} is {t_ns!r}, before the "
                                 f"previous {state.last_t_ns}")

    # -- transitions -----------------------------------------------------------------------------

    def start_game(self, state: TrialState, t_ns: int) -> Step[TrialState]:
        """Record the game's parameters and seed."""
        self._check(state, "start the game", t_ns, "not_started")
        return Step(replace(state, phase="between", last_t_ns=t_ns),
                    (self._emit("game_started", self.started_payload(), t_ns, None),))

    def start_block(self, state: TrialState, t_ns: int) -> Step[TrialState]:
        """The next trial's block begins (for later blocks: after its instructions, at the candidate's press)."""
        self._check(state, "start a block", t_ns, "between")
        if not self.needs_block(state):
            raise TrialRuleError(f"{self.namespace[:-1]}: no block to start before trial {state.trial}")
        block = self.current(state).block
        return Step(replace(state, block_open=True, last_t_ns=t_ns),
                    (self._emit("block_started", self.block_payload(block), t_ns, None),))

    def begin_trial(self, state: TrialState, t_ns: int) -> Step[TrialState]:
        """The trial's fixation begins."""
        self._check(state, "begin a trial", t_ns, "between")
        if self.is_done(state) or not state.block_open:
            raise TrialRuleError(f"{self.namespace[:-1]}: trial {state.trial} cannot begin (game over or block "
                                 "not started)")
        new = replace(state, phase="fixation", trial_start_ns=t_ns, signal_ns=None, last_t_ns=t_ns)
        return Step(new, (self._emit("trial_started", self.trial_payload(new), t_ns, state.trial),))

    def present(self, state: TrialState, requested_t_ns: int, presented_t_ns: int) -> Step[TrialState]:
        """The stimulus was asked for and reached the screen (the event's t_ns is presented_t_ns)."""
        self._check(state, "present the stimulus", requested_t_ns, "fixation")
        if presented_t_ns < requested_t_ns:
            raise TrialRuleError(f"{self.namespace[:-1]}: presented_t_ns {presented_t_ns} precedes requested")
        payload = self.onset_payload(state, requested_t_ns, presented_t_ns)
        new = replace(state, phase="stimulus", onset_ns=presented_t_ns, last_t_ns=presented_t_ns)
        return Step(new, (self._emit("stimulus_onset", payload, presented_t_ns, state.trial),))

    def respond(self, state: TrialState, key: str, t_ns: int, source: InputKind,
                qt_event_ms: int | None = None) -> Step[TrialState]:
        """A response key (or on-screen button) while the stimulus shows; one too late counts as none."""
        self._check(state, "respond", t_ns, "stimulus")
        if key not in self.keys:
            raise TrialRuleError(f"{self.namespace[:-1]}: {key!r} is not one of the keys {self.keys}")
        latency = t_ns - state.onset_ns
        if latency >= self.timeout_ns:
            return self.expire(state, t_ns)
        response = self._emit("response", self.response_payload(state, key, latency, source, qt_event_ms), t_ns,
                              state.trial)
        return self._end(state, t_ns, key, (response,))

    def expire(self, state: TrialState, t_ns: int) -> Step[TrialState]:
        """The response window closed without a response."""
        self._check(state, "expire", t_ns, "stimulus")
        if t_ns < state.onset_ns + self.timeout_ns:
            raise TrialRuleError(f"{self.namespace[:-1]}: t_ns {t_ns} is before the response deadline "
                                 f"{state.onset_ns + self.timeout_ns}")
        return self._end(state, t_ns, None, ())

    def _end(self, state: TrialState, t_ns: int, key: str | None, emitted: tuple[Emission, ...]) -> Step[TrialState]:
        payload, tallied = self.ended(state, key)
        next_trial = state.trial + 1
        same_block = next_trial < len(self.plan) and self.plan[next_trial].block == self.current(state).block
        new = replace(tallied, phase="between", trial=next_trial, block_open=same_block, last_t_ns=t_ns)
        return Step(new, (*emitted, self._emit("trial_ended", payload, t_ns, state.trial)))

    def interrupt(self, state: TrialState, t_ns: int) -> Step[TrialState]:
        """Abandon the trial in progress (nothing is emitted): it is played again from its fixation."""
        if state.phase not in ("fixation", "stimulus"):
            return Step(state)
        self._check(state, "interrupt", t_ns, "fixation", "stimulus")
        return Step(replace(state, phase="between", signal_ns=None, last_t_ns=t_ns))

    def end_game(self, state: TrialState, t_ns: int) -> Step[TrialState]:
        """Record the totals once every trial has ended."""
        self._check(state, "end the game", t_ns, "between")
        if not self.is_done(state):
            raise TrialRuleError(f"{self.namespace[:-1]}: trial {state.trial} of {len(self.plan)} is not played")
        return Step(replace(state, phase="finished", last_t_ns=t_ns),
                    (self._emit("game_ended", self.game_ended_payload(state), t_ns, None),))

    # -- crash resume ----------------------------------------------------------------------------

    def apply(self, state: TrialState, rec: EventRecord) -> Step[TrialState]:
        """The rules step that recorded `rec`, taken again with the record's values (games/kit/replay.py)."""
        kind = rec.kind.removeprefix(self.namespace)
        p = rec.payload
        if kind == "game_started":
            return self.start_game(state, rec.t_ns)
        if kind == "block_started":
            return self.start_block(state, rec.t_ns)
        if kind == "trial_started":  # a second start of the same trial: the station had paused the first
            return self.begin_trial(self.interrupt(state, rec.t_ns).state, rec.t_ns)
        if kind == "stimulus_onset":
            return self.present(state, int(p["requested_t_ns"]), int(p["presented_t_ns"]))
        if kind == "response":
            return self.respond(state, str(p["key"]), rec.t_ns, p["input"], p.get("qt_event_ms"))
        if kind == "trial_ended":
            return self.expire(state, rec.t_ns)
        if kind == "game_ended":
            return self.end_game(state, rec.t_ns)
        return self.apply_more(state, rec, kind)

    def apply_more(self, state: TrialState, rec: EventRecord, kind: str) -> Step[TrialState]:
        """A game's own steps (the stop signal); unknown kinds cannot be replayed."""
        raise TrialRuleError(f"{self.namespace[:-1]}: {rec.kind!r} does not start a rules step")

    def restore(self, state: TrialState, records: Sequence[EventRecord]) -> Restored[TrialState]:
        """The state after the last trial that ended, from the game's recorded events."""
        if state.phase != "not_started":
            raise TrialRuleError(f"{self.namespace[:-1]}: only a game not yet started can be restored")
        return replay(state, records, self.namespace, self.apply, lambda s: s.phase in ("between", "finished"))

    def resume_game(self, restored: Restored[TrialState], t_ns: int) -> Step[TrialState]:
        """Record <ns>.game_resumed: the trial the game continues at and what was restored."""
        state = restored.state
        self._check(state, "resume the game", t_ns, "between")
        return Step(replace(state, last_t_ns=t_ns),
                    (self._emit("game_resumed", self.resumed_payload(restored), t_ns, None),))
