"""Scripted faces player with a known threshold: it names the right emotion with a probability that rises with the
face's intensity and reaches 75 % at `threshold` %, playing the real view by keys or buttons.

P(correct | intensity i) = 1/k + (1 - 1/k) * F((i - m) / slope) with F the logistic function, k the number of
emotions and m chosen so that P = 0.75 at i = threshold (for k = 4: F = 2/3, so m = threshold - slope * ln 2).
A wrong answer is one of the other emotions at random. Its response time falls with intensity.
"""

from __future__ import annotations

import math
import random

from PySide6.QtCore import Qt

from games.faces.view import FacesView
from games.trialkit.player import TrialPlayer

__all__ = ["FacesPlayer", "ThresholdObserver"]


class ThresholdObserver:
    """The pure answer model (also used by scoring tests without Qt)."""

    def __init__(self, threshold: float = 40.0, slope: float = 8.0, choices: int = 4, seed: int = 1) -> None:
        self.threshold, self.slope, self.choices = threshold, slope, choices
        self.rng = random.Random(seed)
        chance = 1.0 / choices
        target = (0.75 - chance) / (1.0 - chance)  # the logistic's value at the threshold
        self.midpoint = threshold - slope * math.log(target / (1.0 - target))

    def p_correct(self, intensity: float) -> float:
        """The probability of naming the emotion at an intensity."""
        chance = 1.0 / self.choices
        return chance + (1.0 - chance) / (1.0 + math.exp(-(intensity - self.midpoint) / self.slope))

    def answer(self, emotion: str, intensity: float, emotions: tuple[str, ...]) -> str:
        """The emotion this observer names for a face."""
        if self.rng.random() < self.p_correct(intensity):
            return emotion
        return self.rng.choice([e for e in emotions if e != emotion])

    def rt_ms(self, intensity: float) -> float:
        """A response time: slower for faint faces."""
        return max(350.0, self.rng.gauss(1500.0 - 8.0 * intensity, 120.0))


class FacesPlayer(TrialPlayer[FacesView]):
    """Answers like a ThresholdObserver (default threshold 40 %)."""

    def __init__(self, threshold: float = 40.0, *, slope: float = 8.0, seed: int = 1, speed: float = 1.0,
                 input: str = "key") -> None:
        super().__init__(speed=speed, input=input)
        self.observer = ThresholdObserver(threshold, slope, seed=seed)

    def first_delay_ms(self, trial: int) -> float:
        return self.observer.rt_ms(self.view.faces_rules.plan[trial].intensity)

    def act(self, view: FacesView) -> None:
        plan = view.faces_rules.plan[view.state.trial]
        answer = self.observer.answer(plan.emotion, plan.intensity, view.emotions)
        n = view.emotions.index(answer)
        self.press(view.state.trial, answer, Qt.Key(int(Qt.Key.Key_1) + n), view.buttons[n])
