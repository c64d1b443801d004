"""Parameters of the reaction-time family, with defaults from the literature (sources in docs/REACTION.md).

- Simple RT: 20 trials and a foreperiod varying at random between 1 and 3 s, as in the Deary-Liewald
  reaction time task (Deary, Liewald & Nissan 2011, Behavior Research Methods 43:258-268). A variable,
  non-ageing foreperiod discourages anticipation (Niemi & Näätänen 1981, Psychological Bulletin 89:133-162).
- Choice RT: 2 or 4 spatially compatible keys (Deary-Liewald uses 4 boxes and 4 keys); Hick (1952,
  QJEP 4:11-26) showed choice RT grows with the number of alternatives, hence both set sizes.
- Go/no-go: go trials frequent (75 %) so that responding becomes prepotent and withholding it takes
  inhibition (Wessel 2018, Psychophysiology 55:e12871: go/no-go needs rare no-go trials).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["ChoiceRTParams", "GoNoGoParams", "ReactionParams", "SimpleRTParams", "Variant"]

Variant = Literal["simple", "choice", "go_nogo"]


class ReactionParams(BaseModel):
    """What every reaction-time variant shares (times in ms)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    VARIANT: ClassVar[Variant]

    trials: int = Field(ge=1, le=1000, description="number of trials (false starts repeat a trial, not add one)")
    foreperiod_min_ms: int = Field(
        1000, ge=0, le=60_000, description="shortest wait from trial start to stimulus (Deary et al. 2011: 1 s)"
    )
    foreperiod_max_ms: int = Field(
        3000, ge=0, le=60_000, description="longest wait from trial start to stimulus (Deary et al. 2011: 3 s)"
    )
    timeout_ms: int = Field(1500, ge=1, le=60_000, description="response window after the presented onset")
    iti_ms: int = Field(
        800, ge=0, le=60_000, description="pause between a trial's end and the next trial's start (feedback shown)"
    )

    @model_validator(mode="after")
    def _foreperiod_order(self) -> ReactionParams:
        if self.foreperiod_min_ms > self.foreperiod_max_ms:
            raise ValueError(
                f"foreperiod_min_ms ({self.foreperiod_min_ms}) must not exceed foreperiod_max_ms "
                f"({self.foreperiod_max_ms})"
            )
        return self


class SimpleRTParams(ReactionParams):
    """Simple RT: one stimulus, one key (Space), 20 trials (Deary et al. 2011)."""

    VARIANT: ClassVar[Variant] = "simple"

    trials: int = Field(20, ge=1, le=1000, description="number of trials (Deary et al. 2011 use 20)")


class ChoiceRTParams(ReactionParams):
    """Choice RT: 2 (F/J) or 4 (D/F/J/K) keys, each mapped to the box at the same position (Hick 1952)."""

    VARIANT: ClassVar[Variant] = "choice"

    trials: int = Field(24, ge=1, le=1000, description="number of trials (a multiple of 2 and 4: balanced)")
    choices: int = Field(2, description="number of alternatives (and keys): 2 or 4")

    @field_validator("choices")
    @classmethod
    def _two_or_four(cls, value: int) -> int:
        if value not in (2, 4):
            raise ValueError(f"choices must be 2 or 4, got {value}")
        return value


class GoNoGoParams(ReactionParams):
    """Go/no-go: respond (Space) to the go circle, withhold on the no-go square; 75 % go (Wessel 2018)."""

    VARIANT: ClassVar[Variant] = "go_nogo"

    trials: int = Field(40, ge=1, le=1000, description="number of trials")
    go_share: float = Field(0.75, gt=0.0, lt=1.0, description="share of go trials (exactly rounded, shuffled)")
