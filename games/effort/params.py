"""Parameters of the effort-choice game, with the defaults of the Effort Expenditure for Rewards Task (EEfRT).

Treadway, Buckholtz, Schwartzman, Lambert & Zald (2009), PLoS ONE 4(8):e6598: on each trial the candidate
chooses between an easy task (30 button presses in 7 s, for $1.00) and a hard task (100 presses in 21 s, for
$1.24-$4.30, varying from trial to trial), told the probability that a completed task wins (12, 50 or 88 %);
5 s to choose; the task runs for a fixed 20 minutes, so choosing hard tasks costs time. The original asks for
the dominant index finger on the easy and the non-dominant little finger on the hard task; here both use
the same key (Space), a keyboard-first simplification. A choice not made in time skips the trial (the
original assigns a task at random). `duration_s`, presses and times are data: the station's battery plays
a shortened fixed-duration version (assets/batteries/extended.toml).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["EffortParams"]


class EffortParams(BaseModel):
    """How an effort-choice game is played (defaults: Treadway et al. 2009)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    easy_presses: int = Field(default=30, ge=1, le=500)
    easy_seconds: float = Field(default=7.0, gt=0, le=120)
    hard_presses: int = Field(default=100, ge=1, le=1000)
    hard_seconds: float = Field(default=21.0, gt=0, le=300)
    easy_reward_cents: int = Field(default=100, ge=0, le=100_000)
    hard_reward_min_cents: int = Field(default=124, ge=0, le=100_000)
    hard_reward_max_cents: int = Field(default=430, ge=0, le=100_000)
    probabilities: tuple[int, ...] = Field(default=(12, 50, 88), min_length=1, max_length=10)
    duration_s: float = Field(default=1200.0, gt=0, le=7200)
    choice_seconds: float = Field(default=5.0, gt=0, le=60)
    feedback_ms: int = Field(default=2000, ge=0, le=10_000)
    max_trials: int = Field(default=200, ge=1, le=1000)

    @model_validator(mode="after")
    def _ordered(self) -> EffortParams:
        if self.hard_reward_min_cents > self.hard_reward_max_cents:
            raise ValueError("hard_reward_min_cents must not exceed hard_reward_max_cents")
        if any(not 0 <= p <= 100 for p in self.probabilities):
            raise ValueError(f"probabilities are percentages 0..100, got {list(self.probabilities)}")
        return self
