"""Pure state machine of the reaction-time family: no Qt, no clock, no database; times and RNG passed in.

Phases: ready -> (start) between -> (begin_trial) foreperiod -> (present) stimulus -> (respond | expire)
between -> ... -> (finish) finished. A response during the foreperiod is a false start: the trial goes back
to `between` and its next begin_trial repeats the same index with a new foreperiod. An interruption (the
station paused the game during a foreperiod or a stimulus) does the same without emitting anything: the
abandoned attempt is then only visible as a second rt.trial_started with the same index.

`ReactionRules.restore` rebuilds the state after the last ended trial from the game's recorded events
(crash resume, games/core.py); `resume_game` records rt.game_resumed.

Every transition returns a `Step` of `Emission`s (games/core.py). Errors (nothing is emitted when one is
raised):

    GameRuleError (ValueError)
    └── ReactionRulesError
        ├── ReactionSequenceError   an action the current phase does not allow
        ├── UnknownKeyError         a response key this variant does not map
        └── TimeOrderError          a timestamp earlier than the one it must follow
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from eventlog.kinds import Payload
from eventlog.records import EventRecord
from games.core import Emission, GameRuleError, Restored, RestoreError, Step, payload_of
from games.reaction.events import (
    Commission,
    FalseStart,
    Omission,
    Response,
    RtGameEnded,
    RtGameResumed,
    RtGameStarted,
    StimulusOnset,
    TrialEnded,
    TrialStarted,
)
from games.reaction.params import ChoiceRTParams, GoNoGoParams, ReactionParams

__all__ = [
    "CLICK_PREFIX",
    "ReactionRules",
    "ReactionRulesError",
    "ReactionSequenceError",
    "ReactionState",
    "Tally",
    "TimeOrderError",
    "TrialPlan",
    "UnknownKeyError",
    "plan_trials",
    "response_keys",
]

MS = 1_000_000
SPACE = "Space"
CLICK_PREFIX = "click:"
CHOICE_KEYS: dict[int, tuple[str, ...]] = {2: ("F", "J"), 4: ("D", "F", "J", "K")}
CHOICE_STIMULI: dict[int, tuple[str, ...]] = {
    2: ("left", "right"),
    4: ("far_left", "left", "right", "far_right"),
}
Phase = Literal["ready", "between", "foreperiod", "stimulus", "finished"]


class ReactionRulesError(GameRuleError):
    """Base of the errors the reaction-time rules raise."""


class ReactionSequenceError(ReactionRulesError):
    """The action is not allowed in the current phase."""


class UnknownKeyError(ReactionRulesError):
    """The response key is not one of this variant's keys."""


class TimeOrderError(ReactionRulesError):
    """A timestamp lies before the event it must follow."""


@dataclass(frozen=True, slots=True)
class TrialPlan:
    """What one trial shows and which key is right (None: withhold)."""

    stimulus: str
    is_go: bool
    correct_key: str | None


@dataclass(frozen=True, slots=True)
class Tally:
    """Running counts of outcomes, for the game's summary."""

    hits: int = 0
    errors: int = 0
    omissions: int = 0
    commissions: int = 0
    withheld: int = 0
    false_starts: int = 0
    hit_latencies_ns: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ReactionState:
    """Where the game is. `trial` is the current trial, or the next one while `between`."""

    phase: Phase = "ready"
    trial: int = 0
    first_trial: int = 0
    repeat: bool = False
    trial_start_ns: int = 0
    foreperiod_ns: int = 0
    onset_ns: int = 0
    last_t_ns: int = 0
    tally: Tally = field(default_factory=Tally)


def response_keys(params: ReactionParams) -> tuple[str, ...]:
    """The keys of a variant, in on-screen order."""
    if isinstance(params, ChoiceRTParams):
        return CHOICE_KEYS[params.choices]
    return (SPACE,)


def plan_trials(params: ReactionParams, rng: random.Random) -> tuple[TrialPlan, ...]:
    """Draw the stimulus sequence: balanced and shuffled for choice RT, an exact go share for go/no-go."""
    n = params.trials
    if isinstance(params, ChoiceRTParams):
        stimuli, keys = CHOICE_STIMULI[params.choices], CHOICE_KEYS[params.choices]
        pool = [TrialPlan(s, True, k) for s, k in zip(stimuli, keys, strict=True)] * -(-n // len(stimuli))
        rng.shuffle(pool)
        return tuple(pool[:n])
    if isinstance(params, GoNoGoParams):
        n_go = min(n, int(n * params.go_share + 0.5))
        pool = [TrialPlan("go", True, SPACE)] * n_go + [TrialPlan("nogo", False, None)] * (n - n_go)
        rng.shuffle(pool)
        return tuple(pool)
    return tuple(TrialPlan("circle", True, SPACE) for _ in range(n))


class ReactionRules:
    """The rules of one game: params, the drawn trial plan and the RNG that draws foreperiods."""

    def __init__(self, params: ReactionParams, rng: random.Random, seed: int) -> None:
        self.params = params
        self.rng = rng
        self.seed = seed
        self.variant = params.VARIANT
        self.keys = response_keys(params)
        self.plan = plan_trials(params, rng)
        self.timeout_ns = params.timeout_ms * MS

    # -- transitions --------------------------------------------------------------------------

    def start(self, state: ReactionState, t_ns: int, first_trial: int = 0) -> Step[ReactionState]:
        """Begin the game (optionally at a later trial, for a resumed session)."""
        self._require(state, "start", "ready")
        if not 0 <= first_trial < self.params.trials:
            raise ReactionSequenceError(f"start: first_trial {first_trial} is outside 0..{self.params.trials - 1}")
        new = replace(state, phase="between", trial=first_trial, first_trial=first_trial, last_t_ns=t_ns)
        return Step(new, (Emission("rt.game_started", self._started_payload(), t_ns, None),))

    def restore(self, state: ReactionState, records: Sequence[EventRecord]) -> Restored[ReactionState]:
        """The state after the last trial that ended, from the game's recorded events (games.core.game_records).

        The tally (outcomes, hit latencies, false starts of the ended trials) is rebuilt from the events; a
        trial begun and not ended is played again under its index (its false starts are dropped with it, as
        scoring drops them) (`repeat` is False, so the view announces it). The RNG draws
        one foreperiod per recorded attempt, so the foreperiods after the resume continue the same sequence.
        No events: the game had not started and `state` is returned unchanged.
        """
        self._require(state, "restore", "ready")
        if not records:
            return Restored(state)
        head = records[0]
        if head.kind != "rt.game_started" or payload_of(head, RtGameStarted) != self._started_payload():
            raise RestoreError(f"rt: event seq {head.seq} ({head.kind}) does not start this game "
                               f"({self.variant}, {self.params.trials} trials, seed {self.seed})")
        tally, next_trial, attempts, begun, finished, false_starts = Tally(), None, 0, None, False, 0
        hit_latency: dict[int, int | None] = {}
        for rec in records[1:]:
            if rec.kind == "rt.trial_started":
                begun = payload_of(rec, TrialStarted).trial
                next_trial = begun if next_trial is None else next_trial
                self._restored_in_order(rec, begun, next_trial)
                attempts += 1
            elif rec.kind == "rt.response":
                response = payload_of(rec, Response)
                hit_latency[response.trial] = response.latency_ns
            elif rec.kind == "rt.false_start":
                false_starts += 1
            elif rec.kind == "rt.trial_ended":
                ended = payload_of(rec, TrialEnded)
                self._restored_in_order(rec, ended.trial, next_trial)
                tally = _count(tally, ended.outcome, hit_latency.get(ended.trial))
                tally = replace(tally, false_starts=tally.false_starts + false_starts)
                next_trial, false_starts = ended.trial + 1, 0
            elif rec.kind == "rt.game_ended":
                finished = True
        for _ in range(attempts):
            self.rng.randint(self.params.foreperiod_min_ms * MS, self.params.foreperiod_max_ms * MS)
        first = next((payload_of(r, TrialStarted).trial for r in records if r.kind == "rt.trial_started"), 0)
        trial = first if next_trial is None else next_trial
        new = replace(state, phase="finished" if finished else "between", trial=trial, first_trial=first,
                      last_t_ns=max(r.t_ns for r in records), tally=tally)
        return Restored(new, repeated=begun == trial, events=len(records))

    def resume_game(self, restored: Restored[ReactionState], t_ns: int) -> Step[ReactionState]:
        """Record rt.game_resumed: the trial the game continues at and whether it is a repeat."""
        state = restored.state
        self._require(state, "resume_game", "between")
        self._require_order("resume_game", t_ns, state.last_t_ns, "the last restored event")
        t = state.tally
        payload = RtGameResumed(
            trial=state.trial, repeated=restored.repeated, events_restored=restored.events,
            trials_done=t.hits + t.errors + t.omissions + t.commissions + t.withheld, false_starts=t.false_starts,
        )
        return Step(replace(state, last_t_ns=t_ns), (Emission("rt.game_resumed", payload, t_ns, None),))

    def begin_trial(self, state: ReactionState, t_ns: int) -> Step[ReactionState]:
        """Start the current trial's foreperiod (a repeat after a false start draws a new one)."""
        self._require(state, "begin_trial", "between")
        if self.is_done(state):
            raise ReactionSequenceError(f"begin_trial: all {self.params.trials} trials are done; call finish")
        self._require_order("begin_trial", t_ns, state.last_t_ns, "the previous event")
        p = self.params
        foreperiod = self.rng.randint(p.foreperiod_min_ms * MS, p.foreperiod_max_ms * MS)
        plan = self.plan[state.trial]
        payload = TrialStarted(
            trial=state.trial, variant=self.variant, foreperiod_ns=foreperiod, stimulus=plan.stimulus,
            is_go=plan.is_go, correct_key=plan.correct_key,
        )
        new = replace(
            state, phase="foreperiod", repeat=False, trial_start_ns=t_ns, foreperiod_ns=foreperiod, last_t_ns=t_ns
        )
        return Step(new, (Emission("rt.trial_started", payload, t_ns, state.trial),))

    def present(
        self, state: ReactionState, requested_t_ns: int, presented_t_ns: int
    ) -> Step[ReactionState]:
        """The stimulus was requested and then presented; the onset event's t_ns is the presented time."""
        self._require(state, "present", "foreperiod")
        self._require_order("present", requested_t_ns, state.trial_start_ns, "the trial start")
        self._require_order("present", presented_t_ns, requested_t_ns, "requested_t_ns")
        plan = self.plan[state.trial]
        payload = StimulusOnset(
            trial=state.trial, stimulus=plan.stimulus, requested_t_ns=requested_t_ns, presented_t_ns=presented_t_ns
        )
        new = replace(state, phase="stimulus", onset_ns=presented_t_ns, last_t_ns=presented_t_ns)
        return Step(new, (Emission("rt.stimulus_onset", payload, presented_t_ns, state.trial),))

    def respond(
        self, state: ReactionState, key: str, t_ns: int, qt_event_ms: int | None = None
    ) -> Step[ReactionState]:
        """A key press or button press ("click:<key>"): false start, response, commission, or late (timeout)."""
        base = key.removeprefix(CLICK_PREFIX)
        if base not in self.keys:
            raise UnknownKeyError(f"respond: key {key!r} is not one of this {self.variant} game's keys {self.keys}")
        if state.phase == "foreperiod":
            return self._false_start(state, key, t_ns)
        self._require(state, "respond", "stimulus")
        self._require_order("respond", t_ns, state.onset_ns, "the stimulus onset")
        latency = t_ns - state.onset_ns
        if latency >= self.timeout_ns:
            return self.expire(state, t_ns)
        plan = self.plan[state.trial]
        if not plan.is_go:
            payload: Payload = Commission(trial=state.trial, key=key, latency_ns=latency)
            return self._end(state, t_ns, (Emission("rt.commission", payload, t_ns, state.trial),), "commission")
        correct = base == plan.correct_key
        payload = Response(trial=state.trial, key=key, latency_ns=latency, correct=correct, qt_event_ms=qt_event_ms)
        return self._end(
            state, t_ns, (Emission("rt.response", payload, t_ns, state.trial),), "hit" if correct else "error", latency
        )

    def expire(self, state: ReactionState, t_ns: int) -> Step[ReactionState]:
        """The response window closed: an omission on a go trial, a withheld response on a no-go trial."""
        self._require(state, "expire", "stimulus")
        deadline = state.onset_ns + self.timeout_ns
        if t_ns < deadline:
            raise TimeOrderError(f"expire: t_ns {t_ns} is before the response deadline {deadline}")
        if not self.plan[state.trial].is_go:
            return self._end(state, t_ns, (), "withheld")
        payload = Omission(trial=state.trial, timeout_ns=self.timeout_ns)
        return self._end(state, t_ns, (Emission("rt.omission", payload, t_ns, state.trial),), "omission")

    def interrupt(self, state: ReactionState, t_ns: int) -> Step[ReactionState]:
        """Abandon the attempt in progress (foreperiod or stimulus): emit nothing; the trial is repeated.

        Like a false start, the next begin_trial repeats the same index with a new foreperiod, so scoring
        keeps only the repeat's outcome. Between trials there is nothing to abandon and nothing changes.
        """
        if state.phase == "between":
            return Step(state)
        if state.phase not in ("foreperiod", "stimulus"):
            raise ReactionSequenceError(f"interrupt: not allowed in phase {state.phase!r} (needs a running game)")
        self._require_order("interrupt", t_ns, state.last_t_ns, "the previous event")
        return Step(replace(state, phase="between", repeat=True, last_t_ns=t_ns))

    def finish(self, state: ReactionState, t_ns: int) -> Step[ReactionState]:
        """End the game once every trial is done."""
        self._require(state, "finish", "between")
        if not self.is_done(state):
            raise ReactionSequenceError(f"finish: trial {state.trial} of {self.params.trials} has not been played")
        self._require_order("finish", t_ns, state.last_t_ns, "the previous event")
        payload = RtGameEnded(trials=self.params.trials - state.first_trial)
        ended = Emission("rt.game_ended", payload, t_ns, None)
        return Step(replace(state, phase="finished", last_t_ns=t_ns), (ended,))

    # -- queries ------------------------------------------------------------------------------

    def _started_payload(self) -> RtGameStarted:
        return RtGameStarted(
            variant=self.variant, trials=self.params.trials, seed=self.seed, keys=list(self.keys),
            timeout_ms=self.params.timeout_ms,
        )

    @staticmethod
    def _restored_in_order(rec: EventRecord, trial: int, expected: int | None) -> None:
        if expected is not None and trial != expected:
            raise RestoreError(f"rt: event seq {rec.seq} ({rec.kind}) is about trial {trial}, "
                               f"expected trial {expected}")

    def is_done(self, state: ReactionState) -> bool:
        """Whether every trial has ended (the game may finish)."""
        return state.phase in ("between", "finished") and state.trial >= self.params.trials

    def summary(self, state: ReactionState) -> dict[str, Any]:
        """A small JSON-able summary of the outcomes so far."""
        tally = state.tally
        latencies = sorted(tally.hit_latencies_ns)
        median_ms = None
        if latencies:
            mid = len(latencies) // 2
            median_ns = latencies[mid] if len(latencies) % 2 else (latencies[mid - 1] + latencies[mid]) / 2
            median_ms = round(median_ns / MS, 1)
        return {
            "variant": self.variant, "trials": self.params.trials - state.first_trial, "hits": tally.hits,
            "errors": tally.errors, "omissions": tally.omissions, "commissions": tally.commissions,
            "withheld": tally.withheld, "false_starts": tally.false_starts, "median_hit_rt_ms": median_ms,
        }

    # -- internals ----------------------------------------------------------------------------

    def _false_start(self, state: ReactionState, key: str, t_ns: int) -> Step[ReactionState]:
        self._require_order("respond", t_ns, state.trial_start_ns, "the trial start")
        before = max(0, state.trial_start_ns + state.foreperiod_ns - t_ns)
        payload = FalseStart(trial=state.trial, key=key, before_onset_ns=before)
        tally = replace(state.tally, false_starts=state.tally.false_starts + 1)
        new = replace(state, phase="between", repeat=True, last_t_ns=t_ns, tally=tally)
        return Step(new, (Emission("rt.false_start", payload, t_ns, state.trial),))

    def _end(
        self, state: ReactionState, t_ns: int, emitted: tuple[Emission, ...], outcome: str, latency: int | None = None
    ) -> Step[ReactionState]:
        tally = _count(state.tally, outcome, latency)
        ended = TrialEnded(trial=state.trial, outcome=outcome)
        emitted = (*emitted, Emission("rt.trial_ended", ended, t_ns, state.trial))
        new = replace(state, phase="between", trial=state.trial + 1, last_t_ns=t_ns, tally=tally)
        return Step(new, emitted)

    @staticmethod
    def _require(state: ReactionState, action: str, phase: Phase) -> None:
        if state.phase != phase:
            raise ReactionSequenceError(f"{action}: not allowed in phase {state.phase!r} (needs {phase!r})")

    @staticmethod
    def _require_order(action: str, t_ns: int, earlier: int, what: str) -> None:
        if t_ns < earlier:
            raise TimeOrderError(f"{action}: t_ns {t_ns} is before {what} ({earlier})")


OUTCOME_COUNTS = {"hit": "hits", "error": "errors", "omission": "omissions", "commission": "commissions",
                  "withheld": "withheld"}


def _count(tally: Tally, outcome: str, latency: int | None) -> Tally:
    """The tally with one more trial of this outcome (and its latency, for a hit)."""
    field_name = OUTCOME_COUNTS[outcome]
    tally = replace(tally, **{field_name: getattr(tally, field_name) + 1})
    if latency is not None and outcome == "hit":
        tally = replace(tally, hit_latencies_ns=(*tally.hit_latencies_ns, latency))
    return tally
