"""Pure rules of the effort-choice game (EEfRT): a state machine with no Qt, no clock and no database.

Phases: not_started -> between -> choosing (the offer is shown) -> ready (a task was chosen; its bar is
being drawn) -> pressing -> between ... -> finished. `choose` records the choice; `start_task` records the
task's painted onset; each `press` is recorded; the press that reaches the required count completes the
task, `expire_task` (at onset + the task's time) ends it uncompleted, `expire_choice` (at onset + the choice
time) ends a trial without a choice. Classification is by timestamps only: a press or choice stamped at or
after its deadline counts as none (the view calls the expiry instead). The plan (probability, hard reward
and whether a completed task wins) is drawn once from the seeded RNG: each block of trials holds every
probability once in a shuffled order. The game ends when its fixed duration is used up: each trial uses its
time from onset to end plus the feedback.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from games.core import Emission, Step
from games.effort.events import (
    Choice,
    EffortChoice,
    EffortGameEnded,
    EffortGameResumed,
    EffortGameStarted,
    EffortPress,
    EffortTaskStarted,
    EffortTrialEnded,
    EffortTrialStarted,
)
from games.effort.params import EffortParams
from games.trialkit.fields import InputKind
from games.trialkit.rules import TrialRuleError, TrialRules, TrialState

__all__ = ["CHOOSING", "PRESSING", "READY", "EffortLateError", "EffortRules", "EffortState", "Offer", "plan_offers"]

CHOOSING, READY, PRESSING = "choosing", "ready", "pressing"
NS_PER_S, NS_PER_MS = 1_000_000_000, 1_000_000


class EffortLateError(TrialRuleError):
    """A choice or press stamped at or after its deadline (the trial's expiry must be recorded instead)."""


@dataclass(frozen=True, slots=True)
class Offer:
    """One trial's offer, fixed at the start: the win probability, the hard task's reward, the win draw."""

    probability: int
    hard_reward_cents: int
    wins: bool  # a completed task of this trial wins (drawn with the trial's probability)


@dataclass(frozen=True, slots=True)
class EffortState(TrialState):
    """The game's progress, the trial's choice and presses, and the totals."""

    choice: Choice | None = None
    choice_rt_ns: int | None = None
    task_onset_ns: int = 0
    presses: int = 0
    last_press_ns: int | None = None
    total_cents: int = 0
    elapsed_ns: int = 0
    hard_choices: int = 0
    completed: int = 0


def plan_offers(params: EffortParams, rng: random.Random) -> tuple[Offer, ...]:
    """Blocks of every probability once, shuffled; a uniform hard reward and a win draw per trial, in that order."""
    offers: list[Offer] = []
    while len(offers) < params.max_trials:
        block = list(params.probabilities)
        rng.shuffle(block)
        for p in block:
            reward = rng.randint(params.hard_reward_min_cents, params.hard_reward_max_cents)
            offers.append(Offer(p, reward, rng.random() * 100 < p))
    return tuple(offers[:params.max_trials])


class EffortRules(TrialRules[EffortState, EffortTrialEnded]):
    """The effort-choice game of one params and seed."""

    game: ClassVar[str] = "effort"
    trial_phases: ClassVar[tuple[str, ...]] = (CHOOSING, READY, PRESSING)
    ended_model = EffortTrialEnded

    def __init__(self, params: EffortParams, seed: int) -> None:
        super().__init__(seed)
        self.params = params
        self.plan = plan_offers(params, random.Random(seed))
        self.choice_ns = round(params.choice_seconds * NS_PER_S)
        self.duration_ns = round(params.duration_s * NS_PER_S)

    def task(self, choice: Choice) -> tuple[int, int]:
        """(presses required, time limit ns) of a task."""
        p = self.params
        if choice == "easy":
            return p.easy_presses, round(p.easy_seconds * NS_PER_S)
        return p.hard_presses, round(p.hard_seconds * NS_PER_S)

    def initial_state(self) -> EffortState:
        return EffortState()

    def started_payload(self) -> EffortGameStarted:
        p = self.params
        return EffortGameStarted(
            easy_presses=p.easy_presses, easy_ns=self.task("easy")[1], hard_presses=p.hard_presses,
            hard_ns=self.task("hard")[1], easy_reward_cents=p.easy_reward_cents,
            hard_reward_min_cents=p.hard_reward_min_cents, hard_reward_max_cents=p.hard_reward_max_cents,
            probabilities=list(p.probabilities), duration_ns=self.duration_ns, choice_ns=self.choice_ns,
            seed=self.seed)

    def trial_payload(self, state: EffortState, trial: int, requested_t_ns: int | None) -> EffortTrialStarted:
        offer = self.plan[trial]
        return EffortTrialStarted(trial=trial, requested_t_ns=requested_t_ns, probability=offer.probability,
                                  easy_reward_cents=self.params.easy_reward_cents,
                                  hard_reward_cents=offer.hard_reward_cents)

    def enter_trial(self, state: EffortState, trial: int) -> EffortState:
        return replace(state, phase=CHOOSING, choice=None, choice_rt_ns=None, presses=0, last_press_ns=None)

    def fold(self, state: EffortState, ended: EffortTrialEnded) -> EffortState:
        return replace(state, total_cents=ended.total_cents, elapsed_ns=state.elapsed_ns + ended.active_ns,
                       hard_choices=state.hard_choices + (ended.choice == "hard"),
                       completed=state.completed + ended.completed)

    def has_next(self, state: EffortState) -> bool:
        return state.done < len(self.plan) and state.elapsed_ns < self.duration_ns

    def ended_payload(self, state: EffortState) -> EffortGameEnded:
        return EffortGameEnded(trials=state.done, total_cents=state.total_cents, hard_choices=state.hard_choices,
                               completed=state.completed, elapsed_ns=state.elapsed_ns)

    def resumed_payload(self, state: EffortState, repeated: bool, events: int) -> EffortGameResumed:
        return EffortGameResumed(trial=state.done, repeated=repeated, trials_done=state.done, events_restored=events,
                                 total_cents=state.total_cents, elapsed_ns=state.elapsed_ns,
                                 hard_choices=state.hard_choices)

    def reward(self, state: EffortState, choice: Choice) -> int:
        """The reward of a task on the trial on screen."""
        return self.params.easy_reward_cents if choice == "easy" else self.plan[state.trial].hard_reward_cents

    # -- actions ----------------------------------------------------------------------------------------

    def choice_deadline(self, state: EffortState) -> int:
        """When the offer's choice time runs out (session t_ns)."""
        return state.onset_ns + self.choice_ns

    def task_deadline(self, state: EffortState) -> int:
        """When the task's time runs out (session t_ns)."""
        assert state.choice is not None
        return state.task_onset_ns + self.task(state.choice)[1]

    def choose(self, state: EffortState, choice: Choice, t_ns: int, source: InputKind, key: str,
               qt_event_ms: int | None = None) -> Step[EffortState]:
        """Choose the easy or the hard task (before the choice time runs out)."""
        self.check(state, "choose a task", t_ns, (CHOOSING,), "no offer is waiting for a choice")
        if t_ns >= self.choice_deadline(state):
            raise EffortLateError(f"effort: the choice at {t_ns} comes after the choice time ended")
        required, limit = self.task(choice)
        payload = EffortChoice(trial=state.trial, rt_ns=t_ns - state.onset_ns, input=source, key=key,
                               qt_event_ms=qt_event_ms, choice=choice, required=required, limit_ns=limit)
        new = replace(state, phase=READY, choice=choice, choice_rt_ns=payload.rt_ns, last_t_ns=t_ns)
        return Step(new, (Emission("effort.choice", payload, t_ns, state.trial),))

    def start_task(self, state: EffortState, t_ns: int, requested_t_ns: int | None = None) -> Step[EffortState]:
        """The chosen task's bar was painted at t_ns: presses count from now."""
        self.check(state, "start the task", t_ns, (READY,), "no task was chosen")
        assert state.choice is not None
        required, limit = self.task(state.choice)
        payload = EffortTaskStarted(trial=state.trial, choice=state.choice, required=required, limit_ns=limit,
                                    requested_t_ns=requested_t_ns)
        new = replace(state, phase=PRESSING, task_onset_ns=t_ns, last_t_ns=t_ns)
        return Step(new, (Emission("effort.task_started", payload, t_ns, state.trial),))

    def press(self, state: EffortState, t_ns: int, source: InputKind, key: str,
              qt_event_ms: int | None = None) -> Step[EffortState]:
        """One press; the one that reaches the required count completes the task."""
        self.check(state, "press", t_ns, (PRESSING,), "no task is running")
        if t_ns >= self.task_deadline(state):
            raise EffortLateError(f"effort: the press at {t_ns} comes after the task's time ended")
        n = state.presses + 1
        since = None if state.last_press_ns is None else t_ns - state.last_press_ns
        payload = EffortPress(trial=state.trial, press=n, since_task_ns=t_ns - state.task_onset_ns,
                              since_prev_ns=since, input=source, key=key, qt_event_ms=qt_event_ms)
        new = replace(state, presses=n, last_press_ns=t_ns, last_t_ns=t_ns)
        pressed = Emission("effort.press", payload, t_ns, state.trial)
        assert state.choice is not None
        if n < self.task(state.choice)[0]:
            return Step(new, (pressed,))
        new, end = self._end(new, t_ns, completed=True)
        return Step(new, (pressed, end))

    def expire_task(self, state: EffortState, t_ns: int) -> Step[EffortState]:
        """The task's time ran out before the required presses (t_ns: its deadline)."""
        self.check(state, "end the task", t_ns, (PRESSING,), "no task is running")
        new, end = self._end(state, t_ns, completed=False)
        return Step(new, (end,))

    def expire_choice(self, state: EffortState, t_ns: int) -> Step[EffortState]:
        """No choice in time (t_ns: the choice deadline): the trial ends without a task."""
        self.check(state, "end the offer", t_ns, (CHOOSING,), "no offer is waiting for a choice")
        new, end = self._end(state, t_ns, completed=False)
        return Step(new, (end,))

    def _end(self, state: EffortState, t_ns: int, completed: bool) -> tuple[EffortState, Emission]:
        offer = self.plan[state.trial]
        choice: Literal["easy", "hard", "none"] = state.choice if state.choice is not None else "none"
        won = completed and offer.wins
        earned = self.reward(state, state.choice) if won and state.choice is not None else 0
        ended = EffortTrialEnded(
            trial=state.trial, choice=choice, probability=offer.probability,
            reward_cents=0 if state.choice is None else self.reward(state, state.choice),
            hard_reward_cents=offer.hard_reward_cents, choice_rt_ns=state.choice_rt_ns,
            required=0 if state.choice is None else self.task(state.choice)[0], presses=state.presses,
            completed=completed, press_ns=None if state.choice is None else t_ns - state.task_onset_ns, won=won,
            earned_cents=earned, total_cents=state.total_cents + earned,
            active_ns=t_ns - state.onset_ns + self.params.feedback_ms * NS_PER_MS)
        return self.finish_trial(state, t_ns, ended)
