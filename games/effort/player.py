"""Scripted effort-choice player with a known reward sensitivity, playing the real view by keys or buttons.

It chooses the hard task with probability 1 / (1 + exp(-(bias + sensitivity * dEV))), where dEV is the
difference in expected value between the hard and the easy task in dollars: probability * (hard reward -
easy reward). It presses every `press_ms` (with a little scatter), so its completion depends on its pace.
"""

from __future__ import annotations

import math
import random

from PySide6.QtCore import Qt

from games.effort.rules import CHOOSING, PRESSING
from games.effort.view import EffortView
from games.trialkit.player import TrialPlayer

__all__ = ["EffortChooser", "EffortPlayer"]


class EffortChooser:
    """The pure choice model (also used by scoring tests without Qt)."""

    def __init__(self, sensitivity: float = 1.5, bias: float = -1.0, seed: int = 1) -> None:
        self.sensitivity, self.bias = sensitivity, bias
        self.rng = random.Random(seed)

    def p_hard(self, probability: int, hard_cents: int, easy_cents: int) -> float:
        """The probability of choosing the hard task for an offer."""
        dev = probability / 100 * (hard_cents - easy_cents) / 100
        return 1.0 / (1.0 + math.exp(-(self.bias + self.sensitivity * dev)))

    def choose(self, probability: int, hard_cents: int, easy_cents: int) -> str:
        """"hard" or "easy"."""
        return "hard" if self.rng.random() < self.p_hard(probability, hard_cents, easy_cents) else "easy"


class EffortPlayer(TrialPlayer[EffortView]):
    """Chooses like an EffortChooser and presses at a steady pace."""

    def __init__(self, sensitivity: float = 1.5, *, bias: float = -1.0, press_ms: float = 160.0, seed: int = 1,
                 speed: float = 1.0, choice_ms: float = 1200.0, input: str = "key") -> None:
        super().__init__(speed=speed, think_ms=choice_ms, input=input)
        self.chooser = EffortChooser(sensitivity, bias, seed)
        self.press_ms = press_ms

    def act(self, view: EffortView) -> None:
        trial, phase = view.state.trial, view.state.phase
        if phase == CHOOSING:
            offer = view.effort_rules.plan[trial]
            choice = self.chooser.choose(offer.probability, offer.hard_reward_cents, view.params.easy_reward_cents)
            key, button = (Qt.Key.Key_H, view.buttons[1]) if choice == "hard" else (Qt.Key.Key_E, view.buttons[0])
            self.press(trial, choice, key, button)
        elif phase == PRESSING:
            self.press(trial, "press", Qt.Key.Key_Space, view.buttons[2])
        if view.state.phase in view.rules.trial_phases:
            self.again(self.press_ms * self.chooser.rng.uniform(0.85, 1.15))
