"""A simulated flanker candidate with known parameters (no Qt): used by the scripted player and the tests."""

from __future__ import annotations

import random
from dataclasses import dataclass

from games.flanker.rules import FlankerTrial

__all__ = ["FlankerModel"]


@dataclass(frozen=True)
class FlankerModel:
    """Latency = rt_ms + conflict_ms on incongruent displays + switch_ms on rule switches + normal noise (sd_ms).

    With probability error_p the other key is pressed; with omission_p nothing is.
    """

    rt_ms: float = 480.0
    conflict_ms: float = 60.0
    switch_ms: float = 150.0
    sd_ms: float = 40.0
    error_p: float = 0.03
    omission_p: float = 0.0
    min_ms: float = 150.0  # no latency below this (humans do not answer faster)

    def decide(self, trial: FlankerTrial, rng: random.Random) -> tuple[str | None, float]:
        """The key pressed (None: no response) and its latency in ms from the onset."""
        latency = self.rt_ms + (self.conflict_ms if trial.condition == "incongruent" else 0.0)
        latency += self.switch_ms if trial.switch else 0.0
        latency = max(self.min_ms, latency + rng.gauss(0.0, self.sd_ms))
        if rng.random() < self.omission_p:
            return None, latency
        wrong = rng.random() < self.error_p
        key = trial.correct_key if not wrong else ("Left" if trial.correct_key == "Right" else "Right")
        return key, latency
