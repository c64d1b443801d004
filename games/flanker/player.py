"""Scripted flanker player with a known conflict effect and switch cost, through the real view."""

from __future__ import annotations

from typing import Any

from games.flanker.model import FlankerModel
from games.flanker.rules import FlankerTrial
from games.kit.player import TimedTrialPlayer

__all__ = ["FlankerPlayer"]


class FlankerPlayer(TimedTrialPlayer):
    """Answers every trial as its FlankerModel says (default: 480 ms, +60 ms on incongruent, +150 ms on switches)."""

    def __init__(self, model: FlankerModel | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model = model or FlankerModel()

    def decide(self, trial: int) -> tuple[str | None, float]:
        planned: FlankerTrial = self._view().rules.plan[trial]
        return self.model.decide(planned, self.rng)
