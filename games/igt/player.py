"""Scripted IGT player: a learner with a known learning rate (delta rule) and softmax choice, playing the real view.

Each deck has an expectancy E (start 0). After a card, E[deck] += rate * (net outcome in $100 - E[deck]);
the next deck is chosen with probability proportional to exp(sensitivity * E) (the expectancy-valence
model's learning and choice rules, Busemeyer & Stout 2002, with the outcome's gains and losses weighted
equally). A rate of 0 never learns and chooses at random.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from PySide6.QtCore import Qt

from games.igt.params import DECKS
from games.igt.view import IgtView
from games.trialkit.player import TrialPlayer

__all__ = ["DeltaLearner", "IgtPlayer"]


class DeltaLearner:
    """The pure choice model (also used by scoring tests without Qt)."""

    def __init__(self, rate: float = 0.2, sensitivity: float = 3.0, seed: int = 1) -> None:
        self.rate = rate
        self.sensitivity = sensitivity
        self.rng = random.Random(seed)
        self.expectancy = [0.0, 0.0, 0.0, 0.0]

    def choose(self) -> int:
        """A deck index drawn from the softmax of the expectancies."""
        top = max(self.expectancy)
        weights = [math.exp(self.sensitivity * (e - top)) for e in self.expectancy]
        return self.rng.choices(range(4), weights=weights)[0]

    def learn(self, deck: int, net_cents: int) -> None:
        """Move the chosen deck's expectancy toward the card's net outcome (in $100)."""
        self.expectancy[deck] += self.rate * (net_cents / 10_000 - self.expectancy[deck])


class IgtPlayer(TrialPlayer[IgtView]):
    """Plays the IGT as a DeltaLearner, or a fixed list of decks ("A".."D") when `decks` is given."""

    def __init__(self, decks: Sequence[str] | None = None, *, rate: float = 0.2, sensitivity: float = 3.0,
                 seed: int = 1, speed: float = 1.0, think_ms: float = 600.0, input: str = "key") -> None:
        super().__init__(speed=speed, think_ms=think_ms, input=input)
        self.decks = list(decks) if decks is not None else None
        self.learner = DeltaLearner(rate, sensitivity, seed)
        self._last: int | None = None
        self._total_at_choice = 0

    def attach(self, view: IgtView) -> None:
        super().attach(view)
        view.trial_did_end.connect(self._learn)

    def _learn(self, trial: int) -> None:
        """After a card: learn from its net outcome (the change of the total the view shows)."""
        if self._last is not None:
            self.learner.learn(self._last, self.view.state.total_cents - self._total_at_choice)
            self._last = None

    def act(self, view: IgtView) -> None:
        trial = view.state.trial
        deck = DECKS.index(self.decks[trial]) if self.decks is not None else self.learner.choose()
        self._last, self._total_at_choice = deck, view.state.total_cents
        self.press(trial, DECKS[deck], getattr(Qt.Key, f"Key_{DECKS[deck]}"), view.buttons[deck])
