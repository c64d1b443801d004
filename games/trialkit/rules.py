"""The pure half every discrete-trial game shares: start, trials, end, restore and resume, without Qt or a clock.

A game built on it (games/igt, games/tower, games/faces, games/effort, games/money) subclasses `TrialRules`
with its plan, payload models and the trial's own actions. The common life of a game:

    not_started --start_game--> between --start_trial--> <the game's trial phases> --finish_trial--> between
    ... --end_game--> finished

`<ns>.trial_started` is recorded when the trial's first frame was presented (its t_ns) with the request
time beside it; `<ns>.trial_ended` carries everything the trial decided (its payload is the trial's result:
scoring and restore read it, nothing else). `abandon_trial` (the station suspended the game in the middle
of a trial) puts the game back between trials without recording anything: the same trial is presented
again on resume, from a new `<ns>.trial_started` under the same index, so no response time spans a pause.

`restore(state, records)` rebuilds the state after the last ended trial from the game's recorded events
(crash resume, games/core.py) by folding every `<ns>.trial_ended` payload with the same `fold` that live
play uses, so the running totals after a crash are the totals the candidate saw.

Errors (nothing is emitted when one is raised):

    GameRuleError (ValueError)
     +-- TrialRuleError
          +-- TrialSequenceError   the action is not allowed in the current phase
          +-- TrialTimestampError  t_ns is before the previous action's
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, Generic, TypeVar

from pydantic import ConfigDict, Field

from eventlog.kinds import Payload
from eventlog.records import EventRecord
from games.core import Emission, GameRuleError, Restored, RestoreError, Step, payload_of

__all__ = [
    "BETWEEN",
    "FINISHED",
    "NOT_STARTED",
    "TrialFields",
    "TrialRuleError",
    "TrialRules",
    "TrialSequenceError",
    "TrialState",
    "TrialTimestampError",
]

NOT_STARTED, BETWEEN, FINISHED = "not_started", "between", "finished"


class TrialRuleError(GameRuleError):
    """An action a trial game's rules refuse; nothing is emitted."""


class TrialSequenceError(TrialRuleError):
    """The action is not allowed in the current phase."""

    def __init__(self, game: str, action: str, phase: str, detail: str) -> None:
        super().__init__(f"{game}: cannot {action} in phase {phase!r}: {detail}")
        self.action = action
        self.phase = phase


class TrialTimestampError(TrialRuleError):
    """Field 't_ns' went backwards."""


class TrialFields(Payload):
    """What every `<ns>.trial_started` and `<ns>.trial_ended` payload has: the 0-based trial index."""

    trial: int = Field(ge=0)


class _AnyTrial(TrialFields):
    """A trial_started payload read for its index only (its other fields are the game's)."""

    model_config = ConfigDict(frozen=True, extra="ignore")


@dataclass(frozen=True, slots=True)
class TrialState:
    """The progress every trial game has; a game's state subclasses it with its own totals (all defaulted)."""

    phase: str = NOT_STARTED
    trial: int = -1  # the current (or last) trial's index
    done: int = 0  # trials ended
    last_t_ns: int = 0
    onset_ns: int = 0  # the presented onset of the current trial


S = TypeVar("S", bound=TrialState)
E = TypeVar("E", bound=TrialFields)


class TrialRules(Generic[S, E]):
    """A trial game's rules: the plan, its payloads and the shared transitions (subclass and fill in the hooks)."""

    game: ClassVar[str]  # the namespace without its dot: "igt"
    trial_phases: ClassVar[tuple[str, ...]]  # the phases inside a trial
    ended_model: type[E]  # the model of <ns>.trial_ended

    def __init__(self, seed: int) -> None:
        self.seed = seed

    # -- hooks --------------------------------------------------------------------------------------

    def initial_state(self) -> S:
        """The game before its start."""
        raise NotImplementedError

    def started_payload(self) -> Payload:
        """The payload of <ns>.game_started: parameters, plan and seed (restore checks the recorded one equals it)."""
        raise NotImplementedError

    def trial_payload(self, state: S, trial: int, requested_t_ns: int | None) -> Payload:
        """The payload of <ns>.trial_started for trial `trial`."""
        raise NotImplementedError

    def enter_trial(self, state: S, trial: int) -> S:
        """The state as trial `trial` begins (its first phase and any per-trial fields reset)."""
        raise NotImplementedError

    def fold(self, state: S, ended: E) -> S:
        """The totals after one more ended trial (used by live play and by restore alike)."""
        raise NotImplementedError

    def has_next(self, state: S) -> bool:
        """Whether another trial is due (False: the game ends)."""
        raise NotImplementedError

    def ended_payload(self, state: S) -> Payload:
        """The payload of <ns>.game_ended."""
        raise NotImplementedError

    def resumed_payload(self, state: S, repeated: bool, events: int) -> Payload:
        """The payload of <ns>.game_resumed (games.core.GameResumedFields plus the game's totals)."""
        raise NotImplementedError

    # -- shared transitions ---------------------------------------------------------------------------

    @property
    def ns(self) -> str:
        """The kind prefix: "igt."."""
        return f"{self.game}."

    def check(self, state: S, action: str, t_ns: int, phases: Sequence[str], detail: str) -> None:
        """Refuse an action in another phase or with time going backwards."""
        if state.phase not in phases:
            raise TrialSequenceError(self.game, action, state.phase, detail)
        if type(t_ns) is not int or t_ns < state.last_t_ns:
            raise TrialTimestampError(f"{self.game}: field 't_ns' of {action} is {t_ns!r}, before the previous "
                                      f"{state.last_t_ns}")

    def start_game(self, state: S, t_ns: int) -> Step[S]:
        """Record <ns>.game_started."""
        self.check(state, "start the game", t_ns, (NOT_STARTED,), "the game has already started")
        started = Emission(f"{self.ns}game_started", self.started_payload(), t_ns, None)
        return Step(replace(state, phase=BETWEEN, last_t_ns=t_ns), (started,))

    def start_trial(self, state: S, t_ns: int, requested_t_ns: int | None = None) -> Step[S]:
        """Present the next trial: t_ns is when its first frame was presented, requested_t_ns when it was asked for."""
        self.check(state, "start a trial", t_ns, (BETWEEN,), "a trial is running or the game is over")
        if not self.has_next(state):
            raise TrialSequenceError(self.game, "start a trial", state.phase, f"no trial is left after {state.done}")
        index = state.done
        payload = self.trial_payload(state, index, requested_t_ns)
        new = replace(self.enter_trial(state, index), trial=index, last_t_ns=t_ns, onset_ns=t_ns)
        return Step(new, (Emission(f"{self.ns}trial_started", payload, t_ns, index),))

    def finish_trial(self, state: S, t_ns: int, ended: E) -> tuple[S, Emission]:
        """The trial is over: fold its result into the totals and make its <ns>.trial_ended."""
        new = replace(self.fold(state, ended), phase=BETWEEN, done=state.done + 1, last_t_ns=t_ns)
        return new, Emission(f"{self.ns}trial_ended", ended, t_ns, ended.trial)

    def abandon_trial(self, state: S) -> S:
        """Suspended mid-trial: back between trials, nothing recorded (the same trial is shown again)."""
        if state.phase not in self.trial_phases:
            return state
        return replace(state, phase=BETWEEN, trial=state.done - 1)

    def end_game(self, state: S, t_ns: int) -> Step[S]:
        """Record <ns>.game_ended once no trial is left."""
        self.check(state, "end the game", t_ns, (BETWEEN,), "a trial is running or the game is over")
        if self.has_next(state):
            raise TrialSequenceError(self.game, "end the game", state.phase, f"trial {state.done} is still due")
        ended = Emission(f"{self.ns}game_ended", self.ended_payload(state), t_ns, None)
        return Step(replace(state, phase=FINISHED, last_t_ns=t_ns), (ended,))

    def restore(self, state: S, records: Sequence[EventRecord]) -> Restored[S]:
        """The state after the last ended trial, from the game's recorded events (games.core.game_records).

        `state` is the game as `initial_state` made it from the same params and seed. No events: the game
        had not started and `state` is returned unchanged. A trial begun and not ended is played again.
        """
        if state.phase != NOT_STARTED:
            raise TrialSequenceError(self.game, "restore", state.phase, "only a game not yet started can be restored")
        if not records:
            return Restored(state)
        head = records[0]
        expected = self.started_payload()
        if head.kind != f"{self.ns}game_started" or payload_of(head, type(expected)) != expected:
            raise RestoreError(f"{self.game}: event seq {head.seq} ({head.kind}) does not start this game "
                               f"(params and seed {self.seed})")
        new, begun, finished = replace(state, phase=BETWEEN), -1, False
        for rec in records[1:]:
            if rec.kind == f"{self.ns}trial_started":
                begun = self._in_order(rec, payload_of(rec, _AnyTrial).trial, new.done)
            elif rec.kind == f"{self.ns}trial_ended":
                ended = payload_of(rec, self.ended_model)
                self._in_order(rec, ended.trial, new.done)
                new = replace(self.fold(new, ended), done=new.done + 1)
            elif rec.kind == f"{self.ns}game_ended":
                finished = True
        new = replace(new, phase=FINISHED if finished else BETWEEN, trial=new.done - 1,
                      last_t_ns=max(r.t_ns for r in records))
        return Restored(new, repeated=begun >= new.done, events=len(records))

    def _in_order(self, rec: EventRecord, trial: int, done: int) -> int:
        if trial != done:
            raise RestoreError(f"{self.game}: event seq {rec.seq} ({rec.kind}) is about trial {trial}, but {done} "
                               "trials had ended before it")
        return trial

    def resume_game(self, restored: Restored[S], t_ns: int) -> Step[S]:
        """Record <ns>.game_resumed: the trial the game continues at, whether it is a repeat, the totals restored."""
        state = restored.state
        self.check(state, "resume the game", t_ns, (BETWEEN,), "only a restored game between trials can resume")
        payload = self.resumed_payload(state, restored.repeated, restored.events)
        return Step(replace(state, last_t_ns=t_ns), (Emission(f"{self.ns}game_resumed", payload, t_ns, None),))
