"""Pure rules of the flanker game: the shared timed-trial machine (games/kit/trials.py) with the flanker's plan.

Two blocks. The conflict block: five arrows, answer the middle one; the outer arrows point the same way
(congruent), the other way (incongruent), or are plain lines (neutral). The switch block: the arrows' colour
and fill give the rule on each trial (blue solid: answer the middle arrow; orange outlined: answer the outer
arrows), and the rule changes on half the trials. Everything is drawn at construction from the seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from eventlog.kinds import Payload
from games.core import Restored
from games.flanker.events import (
    FlankerBlockStarted,
    FlankerGameEnded,
    FlankerGameResumed,
    FlankerGameStarted,
    FlankerResponse,
    FlankerStimulusOnset,
    FlankerTrialEnded,
    FlankerTrialStarted,
)
from games.flanker.params import FlankerParams
from games.kit.trials import MS, InputKind, TimedTrialRules, TrialState, draw_fixations

__all__ = ["FlankerRules", "FlankerTrial", "plan_flanker"]

Side = Literal["left", "right"]
Condition = Literal["congruent", "incongruent", "neutral"]
Rule = Literal["centre", "flankers"]
Key = Literal["Left", "Right"]
SIDES: tuple[Side, Side] = ("left", "right")
OTHER: dict[Side, Side] = {"left": "right", "right": "left"}


@dataclass(frozen=True, slots=True)
class FlankerTrial:
    """One planned trial: the display, the rule and the fixation time."""

    block: int
    kind: Literal["conflict", "switch"]
    condition: Condition
    target: Side
    rule: Rule
    switch: bool | None
    fixation_ms: int

    @property
    def flankers(self) -> Side | None:
        """The outer arrows' direction (None: neutral lines)."""
        if self.condition == "neutral":
            return None
        return self.target if self.condition == "congruent" else OTHER[self.target]

    @property
    def correct_key(self) -> Key:
        """The arrow key that answers the trial."""
        side = self.target if self.rule == "centre" else self.flankers
        return "Left" if side == "left" else "Right"


def _displays(rng: random.Random, n: int, conditions: Sequence[Condition]) -> list[tuple[Condition, Side]]:
    """n displays balanced over conditions and target sides (exactly, when n is a multiple of their product)."""
    shown = [(conditions[i % len(conditions)], SIDES[(i // len(conditions)) % 2]) for i in range(n)]
    rng.shuffle(shown)
    return shown


def _rules(rng: random.Random, n: int) -> list[tuple[Rule, bool | None]]:
    """The switch block's rules: a random first rule, then a switch on half of the later trials (shuffled)."""
    if n == 0:
        return []
    flags = [i < (n - 1) // 2 + (n - 1) % 2 for i in range(n - 1)]
    rng.shuffle(flags)
    rule: Rule = rng.choice(("centre", "flankers"))
    out: list[tuple[Rule, bool | None]] = [(rule, None)]
    for switch in flags:
        rule = ("flankers" if rule == "centre" else "centre") if switch else rule
        out.append((rule, switch))
    return out


def plan_flanker(params: FlankerParams, rng: random.Random) -> list[FlankerTrial]:
    """Every trial: the conflict block (if any), then the switch block (if any)."""
    trials: list[FlankerTrial] = []
    block = 0
    if params.conflict_trials:
        fixations = draw_fixations(rng, params.conflict_trials, params.fixation_min_ms, params.fixation_max_ms)
        for (condition, side), fix in zip(_displays(rng, params.conflict_trials, ("congruent", "incongruent",
                                                                                  "neutral")), fixations, strict=True):
            trials.append(FlankerTrial(block, "conflict", condition, side, "centre", None, fix))
        block += 1
    if params.switch_trials:
        n = params.switch_trials
        displays = _displays(rng, n, ("congruent", "incongruent"))
        fixations = draw_fixations(rng, n, params.fixation_min_ms, params.fixation_max_ms)
        for (condition, side), (rule, switch), fix in zip(displays, _rules(rng, n), fixations, strict=True):
            trials.append(FlankerTrial(block, "switch", condition, side, rule, switch, fix))
    return trials


class FlankerRules(TimedTrialRules[FlankerTrial]):
    """The flanker game's rules over the shared timed-trial machine."""

    namespace = "flanker."
    params: FlankerParams

    def make_plan(self, rng: random.Random) -> Sequence[FlankerTrial]:
        return plan_flanker(self.params, rng)

    def started_payload(self) -> Payload:
        p = self.params
        return FlankerGameStarted(conflict_trials=p.conflict_trials, switch_trials=p.switch_trials,
                                  timeout_ms=p.timeout_ms, keys=list(self.keys), seed=self.seed)

    def block_payload(self, block: int) -> Payload:
        kind = next(t.kind for t in self.plan if t.block == block)
        return FlankerBlockStarted(block=block, kind=kind, trials=sum(1 for t in self.plan if t.block == block))

    def trial_payload(self, state: TrialState) -> Payload:
        t = self.current(state)
        return FlankerTrialStarted(trial=state.trial, block=t.kind, condition=t.condition, target=t.target,
                                   flankers=t.flankers, rule=t.rule, switch=t.switch, correct_key=t.correct_key,
                                   fixation_ns=t.fixation_ms * MS)

    def onset_payload(self, state: TrialState, requested_t_ns: int, presented_t_ns: int) -> Payload:
        return FlankerStimulusOnset(trial=state.trial, requested_t_ns=requested_t_ns, presented_t_ns=presented_t_ns)

    def response_payload(self, state: TrialState, key: str, latency_ns: int, source: InputKind,
                         qt_event_ms: int | None) -> Payload:
        return FlankerResponse(trial=state.trial, key="Left" if key == "Left" else "Right", input=source,
                               latency_ns=latency_ns, correct=key == self.current(state).correct_key,
                               qt_event_ms=qt_event_ms)

    def ended(self, state: TrialState, key: str | None) -> tuple[Payload, TrialState]:
        if key is None:
            return (FlankerTrialEnded(trial=state.trial, outcome="omission"),
                    replace(state, omissions=state.omissions + 1))
        right = key == self.current(state).correct_key
        return (FlankerTrialEnded(trial=state.trial, outcome="correct" if right else "error"),
                replace(state, correct=state.correct + right))

    def game_ended_payload(self, state: TrialState) -> Payload:
        return FlankerGameEnded(trials=state.trial, correct=state.correct, omissions=state.omissions)

    def resumed_payload(self, restored: Restored[TrialState]) -> Payload:
        s = restored.state
        return FlankerGameResumed(trial=s.trial, repeated=restored.repeated, trials_done=s.trial,
                                  events_restored=restored.events, correct=s.correct)
