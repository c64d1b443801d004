"""Parameters of the flanker game, with literature defaults (sources in docs/MEMORY_ATTENTION.md).

- Arrow flankers, congruent / incongruent / neutral (flanking lines without heads), the fixation drawn
  uniformly from 400-1600 ms and a response window of 1700 ms: the flanker part of the Attention Network
  Test (Fan, McCandliss, Sommer, Raz & Posner 2002, J Cogn Neurosci 14:340-347).
- The rule-switch block (colour and fill of the arrows say whether to answer the middle arrow or the outer
  ones; pymetrics' "Arrows"): only congruent and incongruent displays (neutral lines point nowhere), and
  the rule switches on half the trials, in a seeded random order, so switch and repeat trials are balanced
  (the cued task-switching design reviewed by Monsell 2003, Trends Cogn Sci 7:134-140).
- 48 trials per block: 16 per condition in the conflict block and 24 switch / 24 repeat trials in the switch
  block, enough for the 10 correct trials per cell the medians need (a station choice).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["FlankerParams"]


class FlankerParams(BaseModel):
    """How a flanker game is played (times in ms)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    conflict_trials: int = Field(48, ge=0, le=600, description="trials of the conflict block (answer the middle)")
    switch_trials: int = Field(48, ge=0, le=600, description="trials of the rule-switch block (0: no such block)")
    fixation_min_ms: int = Field(400, ge=0, le=10_000, description="shortest fixation (Fan et al. 2002: 400 ms)")
    fixation_max_ms: int = Field(1600, ge=0, le=10_000, description="longest fixation (Fan et al. 2002: 1600 ms)")
    timeout_ms: int = Field(1700, ge=100, le=10_000, description="response window (Fan et al. 2002: 1700 ms)")
    iti_ms: int = Field(400, ge=0, le=10_000, description="blank between a trial's end and the next fixation")

    @model_validator(mode="after")
    def _sane(self) -> FlankerParams:
        if self.conflict_trials + self.switch_trials < 1:
            raise ValueError("play at least one trial: conflict_trials + switch_trials must be >= 1")
        if self.fixation_min_ms > self.fixation_max_ms:
            raise ValueError(f"fixation_min_ms ({self.fixation_min_ms}) must not exceed fixation_max_ms "
                             f"({self.fixation_max_ms})")
        return self
