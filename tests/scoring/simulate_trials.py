"""Simulated players of the trial games (IGT, tower, faces, effort, money) with known parameters, driven through
the games' pure rules into a StreamBuilder (no Qt): the many-session recovery tests and full sessions use them."""

from __future__ import annotations

import random
from typing import Any

from games.effort.params import EffortParams
from games.effort.player import EffortChooser
from games.effort.rules import CHOOSING, PRESSING, EffortRules
from games.faces.params import FacesParams
from games.faces.player import ThresholdObserver
from games.faces.rules import FacesRules
from games.igt.params import DECKS, IgtParams
from games.igt.player import DeltaLearner
from games.igt.rules import IgtRules
from games.money.params import MoneyParams
from games.money.player import SendingRules
from games.money.rules import MoneyRules
from games.tower.params import TowerParams
from games.tower.player import choose_move
from games.tower.rules import SOLVING, TowerRules
from games.trialkit.rules import TrialRules
from tests.scoring.helpers import MS, StreamBuilder

__all__ = ["Clock", "play_effort", "play_faces", "play_igt", "play_money", "play_tower", "trial_games"]


class Clock:
    """A builder's clock for one game: emits each step and keeps the rules' state."""

    def __init__(self, b: StreamBuilder, game: str, rules: TrialRules[Any, Any]) -> None:
        self.b, self.game, self.rules = b, game, rules
        self.t = b.t_ns + 10 * MS
        self.state = rules.initial_state()
        self.step(rules.start_game(self.state, self.t))

    def step(self, step: Any) -> None:
        self.state, emitted = step
        for e in emitted:
            self.b.add(e.kind, e.t_ns, e.payload.model_dump(mode="json"), self.game, e.trial)

    def wait(self, ms: float) -> int:
        self.t += round(ms * MS)
        return self.t

    def next_trial(self, gap_ms: float = 500.0) -> bool:
        """Present the next trial (False: the game is over and its end is recorded)."""
        if not self.rules.has_next(self.state):
            self.step(self.rules.end_game(self.state, self.wait(5)))
            return False
        self.step(self.rules.start_trial(self.state, self.wait(gap_ms), self.t - MS))
        return True


def play_igt(b: StreamBuilder, rate: float = 0.2, sensitivity: float = 3.0, seed: int = 1, trials: int = 100,
             rt_ms: float = 900.0) -> None:
    """A delta-rule learner (games/igt/player.py) with a known learning rate plays the IGT."""
    clock = Clock(b, "igt", IgtRules(IgtParams(trials=trials), seed))
    learner, rng = DeltaLearner(rate, sensitivity, seed), random.Random(seed + 7)
    while clock.next_trial(1500):
        deck = learner.choose()
        clock.step(clock.rules.choose(clock.state, DECKS[deck], clock.wait(rng.uniform(0.6, 1.4) * rt_ms),  # type: ignore[attr-defined]
                                      "key", DECKS[deck]))
        learner.learn(deck, clock.b.records[-1].payload["net_cents"])


def play_tower(b: StreamBuilder, depth: int = 5, seed: int = 1, plan_ms_per_move: float = 900.0,
               problems: str = "shallice12") -> None:
    """A player with a known planning depth (games/tower/player.py) solves the Tower of London."""
    rules = TowerRules(TowerParams(problems=problems), seed)
    clock = Clock(b, "tower", rules)
    rng = random.Random(seed)
    while clock.next_trial(1200):
        plan, detoured = rules.plan[clock.state.trial], False
        picked = clock.wait(plan_ms_per_move * min(depth, plan.min_moves) * rng.uniform(0.8, 1.2))
        while clock.state.phase == SOLVING:
            source, target, detoured = choose_move(clock.state.board, plan.goal, depth, detoured)
            clock.step(rules.move(clock.state, source, target, clock.wait(rng.uniform(300, 600)), picked, "mouse",
                                  "left"))
            picked = clock.wait(rng.uniform(400, 800))


def play_faces(b: StreamBuilder, threshold: float = 40.0, slope: float = 8.0, seed: int = 1,
               params: FacesParams | None = None) -> None:
    """An observer with a known 75 % threshold (games/faces/player.py) names the faces."""
    rules = FacesRules(params or FacesParams(), seed)
    clock = Clock(b, "faces", rules)
    observer = ThresholdObserver(threshold, slope, len(rules.params.emotions), seed)
    while clock.next_trial(500):
        plan = rules.plan[clock.state.trial]
        answer = observer.answer(plan.emotion, plan.intensity, rules.params.emotions)
        clock.step(rules.respond(clock.state, answer, clock.wait(observer.rt_ms(plan.intensity)), "key", "1"))


SHORT_EFFORT = EffortParams(duration_s=300, easy_presses=20, easy_seconds=5, hard_presses=60, hard_seconds=14)
"""The shortened fixed-duration version of the extended battery."""


def play_effort(b: StreamBuilder, sensitivity: float = 1.5, bias: float = -1.0, press_ms: float = 180.0,
                seed: int = 1, params: EffortParams = SHORT_EFFORT) -> None:
    """A chooser with a known reward sensitivity (games/effort/player.py) plays the effort game, pressing steadily."""
    rules = EffortRules(params, seed)
    clock = Clock(b, "effort", rules)
    chooser, rng = EffortChooser(sensitivity, bias, seed), random.Random(seed + 3)
    while clock.next_trial(300):
        offer = rules.plan[clock.state.trial]
        choice = chooser.choose(offer.probability, offer.hard_reward_cents, params.easy_reward_cents)
        clock.step(rules.choose(clock.state, choice, clock.wait(rng.uniform(800, 2000)), "key",  # type: ignore[arg-type]
                                "H" if choice == "hard" else "E"))
        clock.step(rules.start_task(clock.state, clock.wait(20), clock.t - MS))
        deadline = rules.task_deadline(clock.state)
        while clock.state.phase == PRESSING:
            t = clock.t + round(press_ms * rng.uniform(0.8, 1.2) * MS)
            if t >= deadline:
                clock.t = deadline
                clock.step(rules.expire_task(clock.state, deadline))
            else:
                clock.t = t
                clock.step(rules.press(clock.state, t, "key", "Space"))
        assert clock.state.phase != CHOOSING


def play_money(b: StreamBuilder, seed: int = 1, params: MoneyParams | None = None, **rules_kw: Any) -> None:
    """A player with known sending rules (games/money/player.py) plays the money exchange."""
    rules = MoneyRules(params or MoneyParams(), seed)
    clock = Clock(b, "money", rules)
    player = SendingRules(**rules_kw)
    while clock.next_trial(2500):
        r = rules.plan[clock.state.trial]
        if r.part == "respond":
            clock.step(rules.answer(clock.state, player.accepts(r.offer or 0), clock.wait(1800), "key", "A"))
            continue
        amount = player.amount(r, rules.params.endowment_units)
        clock.step(rules.set_amount(clock.state, amount, clock.wait(1500), "key", str(amount % 10)))
        clock.step(rules.confirm(clock.state, clock.wait(700), "key", "Return"))
        if r.part == "invest":
            player.saw_return(amount, rules.returned(r, amount))


def trial_games(b: StreamBuilder, seed: int = 1) -> None:
    """Every trial game once, by players with middling parameters."""
    play_igt(b, seed=seed)
    play_tower(b, depth=3, seed=seed)
    play_faces(b, seed=seed)
    play_effort(b, seed=seed)
    play_money(b, seed=seed)
