"""Parameters of the balloon risk game, with defaults from Lejuez et al. (2002)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["CLASSIC_COLOURS", "SINGLE_COLOUR", "BalloonColour", "BartParams"]


class BalloonColour(BaseModel):
    """One balloon colour and its capacity: the balloon bursts at a pump drawn uniformly from 1..capacity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    colour: str = Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z_]*$")
    capacity: int = Field(ge=1, le=1024)


SINGLE_COLOUR: tuple[BalloonColour, ...] = (BalloonColour(colour="blue", capacity=128),)
"""The common single-colour BART: every balloon has capacity 128 (Lejuez et al. 2002, blue balloons)."""

CLASSIC_COLOURS: tuple[BalloonColour, ...] = (
    BalloonColour(colour="orange", capacity=8),
    BalloonColour(colour="yellow", capacity=32),
    BalloonColour(colour="blue", capacity=128),
)
"""The original three-colour BART: orange 8, yellow 32, blue 128 (Lejuez et al. 2002)."""

PRESETS: dict[str, tuple[BalloonColour, ...]] = {"single": SINGLE_COLOUR, "classic": CLASSIC_COLOURS}


class BartParams(BaseModel):
    """How a BART game is played.

    Defaults: 30 balloons of one colour with capacity 128 and 5 cents per pump, as in the blue-balloon
    condition of Lejuez et al. (2002) and most later single-colour versions. `colours` may be a preset
    name ("single", "classic") or a list of {colour, capacity}; with several colours the balloons are
    split as evenly as possible between them and presented in a seeded random order.
    `rapid_pump_ms` is this station's own threshold for flagging a pump as rapid (not from the paper).
    `feedback_ms` is how long the calm burst/collect feedback stays before the next balloon.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    balloons: int = Field(default=30, ge=1, le=300)
    colours: tuple[BalloonColour, ...] = Field(default=SINGLE_COLOUR, min_length=1, max_length=8)
    cents_per_pump: int = Field(default=5, ge=1, le=1000)
    rapid_pump_ms: int = Field(default=250, ge=1, le=10_000)
    feedback_ms: int = Field(default=900, ge=0, le=10_000)

    @field_validator("colours", mode="before")
    @classmethod
    def _preset(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value not in PRESETS:
                raise ValueError(f"unknown colour preset {value!r}; use one of {sorted(PRESETS)} or a JSON list")
            return PRESETS[value]
        return value

    @field_validator("colours")
    @classmethod
    def _distinct(cls, value: tuple[BalloonColour, ...]) -> tuple[BalloonColour, ...]:
        names = [c.colour for c in value]
        if len(set(names)) != len(names):
            raise ValueError(f"colour names must be distinct, got {names}")
        return value

    @property
    def max_capacity(self) -> int:
        """The largest capacity of any colour: the balloon size is relative to it."""
        return max(c.capacity for c in self.colours)
