"""Parameters of the digit span game, with defaults from the Wechsler digit span procedure (docs/MEMORY_ATTENTION.md).

- Two sequences per length, stop after both sequences of a length fail: the Wechsler digit span rule
  (Wechsler 2008, WAIS-IV; described in Woods et al. 2011, J Clin Exp Neuropsychol 33:101-111).
- Forward up to 9 digits, backward up to 8 (WAIS-IV item ranges). Forward starts at 3, backward at 2
  (the issue's adaptive start, as pymetrics' "Digits"; WAIS-IV starts both at 2).
- One digit per second, onset to onset (the Wechsler presentation rate). Each digit stays 800 ms, then a
  200 ms blank, so that two equal digits would read as two (a station choice; digits never repeat here).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["DIRECTIONS", "DigitSpanParams", "Direction"]

Direction = Literal["forward", "backward"]
DIRECTIONS: tuple[Direction, ...] = ("forward", "backward")


class DigitSpanParams(BaseModel):
    """How a digit span game is played (times in ms)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    directions: tuple[Direction, ...] = Field(DIRECTIONS, min_length=1, max_length=2,
                                              description="blocks in order: forward, backward or both")
    forward_start: int = Field(3, ge=1, le=9, description="first length of the forward block")
    forward_max: int = Field(9, ge=1, le=9, description="longest forward sequence (WAIS-IV: 9)")
    backward_start: int = Field(2, ge=1, le=9, description="first length of the backward block")
    backward_max: int = Field(8, ge=1, le=9, description="longest backward sequence (WAIS-IV: 8)")
    sequences_per_length: int = Field(2, ge=1, le=4, description="sequences at each length (Wechsler: 2)")
    digit_ms: int = Field(1000, ge=1, le=5000, description="onset to onset of the digits (Wechsler: 1 s)")
    digit_on_ms: int = Field(800, ge=1, le=5000, description="how long each digit stays on screen")
    iti_ms: int = Field(1000, ge=0, le=10_000, description="pause between a submit and the next sequence")

    @field_validator("directions")
    @classmethod
    def _distinct(cls, value: tuple[Direction, ...]) -> tuple[Direction, ...]:
        if len(set(value)) != len(value):
            raise ValueError(f"directions must not repeat, got {list(value)}")
        return value

    @model_validator(mode="after")
    def _ranges(self) -> DigitSpanParams:
        for name in DIRECTIONS:
            start, top = self.start(name), self.longest(name)
            if start > top:
                raise ValueError(f"{name}_start ({start}) must not exceed {name}_max ({top})")
        if self.digit_on_ms > self.digit_ms:
            raise ValueError(f"digit_on_ms ({self.digit_on_ms}) must not exceed digit_ms ({self.digit_ms})")
        return self

    def start(self, direction: Direction) -> int:
        """The first length of a direction's block."""
        return self.forward_start if direction == "forward" else self.backward_start

    def longest(self, direction: Direction) -> int:
        """The longest sequence of a direction's block."""
        return self.forward_max if direction == "forward" else self.backward_max
