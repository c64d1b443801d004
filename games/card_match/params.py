"""Parameters of the card match game (docs/MEMORY_ATTENTION.md).

A 4 x 4 grid (8 pairs) by default, 6 x 6 (18 pairs) as the larger option, as the issue asks (seed 001's
memory cards). Two boards by default so that the memory measures rest on more moves. `reveal_ms`, how long
two turned cards stay face up before a mismatch turns them back (or a match is taken), is a station choice.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["MAX_PAIRS", "CardMatchParams"]

MAX_PAIRS = 18  # the symbol set: 9 shapes, each solid and outlined


class CardMatchParams(BaseModel):
    """How a card match game is played (times in ms)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rows: int = Field(4, ge=2, le=6, description="rows of cards (4 x 4 by default; 6 x 6 is the large board)")
    cols: int = Field(4, ge=2, le=6, description="columns of cards")
    boards: int = Field(2, ge=1, le=10, description="boards played one after the other, each newly shuffled")
    reveal_ms: int = Field(1000, ge=0, le=10_000, description="how long two turned cards stay face up")
    board_pause_ms: int = Field(1200, ge=0, le=10_000, description="pause before the next board appears")

    @model_validator(mode="after")
    def _even(self) -> CardMatchParams:
        cards = self.rows * self.cols
        if cards % 2:
            raise ValueError(f"rows x cols must be even (cards come in pairs), got {self.rows} x {self.cols}")
        return self

    @property
    def cards(self) -> int:
        """Cards on one board."""
        return self.rows * self.cols

    @property
    def pairs(self) -> int:
        """Pairs on one board."""
        return self.cards // 2
