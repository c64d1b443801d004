"""Parameters of the stop-signal game, defaults from the consensus guide (sources in docs/MEMORY_ATTENTION.md).

- Verbruggen et al. (2019), eLife 8:e46323, "A consensus guide to capturing the ability to inhibit actions
  and impulsive behaviors in the stop-signal task": a two-choice go task (Recommendation 1), a salient stop
  signal (2: the arrow turns into a red cross), stop signals on 25 % of the trials (3), the delay tracked
  with 50 ms steps (4), block-based feedback (5) and at least 50 stop trials, i.e. 200 trials (6).
- Start delay 250 ms, fixation 250 ms and a 1250 ms response window as in STOP-IT (Verbruggen, Logan &
  Stevens 2008, Behav Res Methods 40:479-483). STOP-IT waits 2 s between trials; 750 ms here keeps the
  game near 6 minutes (a station choice).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["StopSignalParams"]


class StopSignalParams(BaseModel):
    """How a stop-signal game is played (times in ms)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    trials: int = Field(200, ge=4, le=2000, description="trials in all (Verbruggen et al. 2019: 200 for 50 stops)")
    stop_share: float = Field(0.25, gt=0.0, lt=1.0, description="share of stop trials (Verbruggen et al. 2019: 25 %)")
    blocks: int = Field(4, ge=1, le=20, description="blocks, with a short break and feedback between them")
    fixation_ms: int = Field(250, ge=0, le=10_000, description="fixation before the arrow (STOP-IT: 250 ms)")
    timeout_ms: int = Field(1250, ge=200, le=10_000, description="response window (STOP-IT: 1250 ms)")
    iti_ms: int = Field(750, ge=0, le=10_000, description="blank between trials (STOP-IT: 2000 ms; see above)")
    ssd_start_ms: int = Field(250, ge=0, le=5000, description="first stop-signal delay (STOP-IT: 250 ms)")
    ssd_step_ms: int = Field(50, ge=1, le=1000, description="staircase step (Verbruggen et al. 2019: 50 ms)")
    ssd_min_ms: int = Field(0, ge=0, le=5000, description="shortest delay the staircase may reach")
    ssd_max_ms: int = Field(1000, ge=0, le=5000, description="longest delay (kept below the response window)")

    @model_validator(mode="after")
    def _sane(self) -> StopSignalParams:
        if not self.ssd_min_ms <= self.ssd_start_ms <= self.ssd_max_ms:
            raise ValueError(f"ssd_start_ms ({self.ssd_start_ms}) must lie in ssd_min_ms..ssd_max_ms "
                             f"({self.ssd_min_ms}..{self.ssd_max_ms})")
        if self.ssd_max_ms >= self.timeout_ms:
            raise ValueError(f"ssd_max_ms ({self.ssd_max_ms}) must be below timeout_ms ({self.timeout_ms})")
        if self.blocks > self.trials:
            raise ValueError(f"blocks ({self.blocks}) must not exceed trials ({self.trials})")
        if self.stop_trials < 1 or self.stop_trials >= self.trials:
            raise ValueError(f"stop_share {self.stop_share} of {self.trials} trials leaves no stop or no go trials")
        return self

    @property
    def stop_trials(self) -> int:
        """How many trials carry a stop signal (the share, rounded)."""
        return int(self.trials * self.stop_share + 0.5)
