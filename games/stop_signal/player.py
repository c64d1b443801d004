"""Scripted stop-signal player following the independent race model with a known SSRT, through the real view."""

from __future__ import annotations

from typing import Any

from games.kit.player import TimedTrialPlayer
from games.stop_signal.model import RaceModel
from games.stop_signal.rules import StopTrial

__all__ = ["StopSignalPlayer"]


class StopSignalPlayer(TimedTrialPlayer):
    """Answers go arrows as its RaceModel says and stops when the race says the stop process wins."""

    def __init__(self, model: RaceModel | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model = model or RaceModel()

    def decide(self, trial: int) -> tuple[str | None, float]:
        view = self._view()
        planned: StopTrial = view.rules.plan[trial]
        return self.model.decide(planned, view.state.ssd_ms, self.rng)
