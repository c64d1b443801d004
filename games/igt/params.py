"""Parameters of the Iowa Gambling Task, with the payoff schedule of Bechara, Damasio, Damasio & Anderson (1994).

The schedule is data: each deck's gain per card and its losses on cards 1..40, as tabulated from Bechara
et al. (1994, Fig. 1) by Steingroever, Wetzels, Horstmann, Neumann & Wagenmakers (2013, "payoff scheme
1"). Per ten cards: A and B pay +$1000 and lose $1250 (net -$250), C and D pay +$500 and lose $250
(net +$250); A and C lose often (five cards in ten), B and D rarely (one card in ten). After a deck's 40th
card its sequence starts again (Steingroever et al. 2013).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["DECKS", "SCHEDULES", "Deck", "IgtParams", "PayoffSchedule"]

Deck = Literal["A", "B", "C", "D"]
DECKS: tuple[Deck, Deck, Deck, Deck] = ("A", "B", "C", "D")
_D = 100  # cents per dollar


class PayoffSchedule(BaseModel):
    """Gain per card (cents) and the loss of each card 1..n (cents) of each deck A-D."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    gains_cents: tuple[int, int, int, int]
    losses_cents: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]

    @field_validator("losses_cents")
    @classmethod
    def _non_empty(cls, value: tuple[tuple[int, ...], ...]) -> tuple[tuple[int, ...], ...]:
        if any(not deck or min(deck) < 0 for deck in value):
            raise ValueError("every deck needs at least one card and losses are positive amounts (cents)")
        return value

    def card(self, deck: int, drawn_before: int) -> tuple[int, int]:
        """(gain, loss) in cents of the next card of a deck from which `drawn_before` cards were drawn."""
        losses = self.losses_cents[deck]
        return self.gains_cents[deck], losses[drawn_before % len(losses)]


def _dollars(*amounts: int) -> tuple[int, ...]:
    return tuple(a * _D for a in amounts)


BECHARA_1994 = PayoffSchedule(
    name="bechara1994",
    gains_cents=(100 * _D, 100 * _D, 50 * _D, 50 * _D),
    losses_cents=(
        _dollars(0, 0, 150, 0, 300, 0, 200, 0, 250, 350, 0, 350, 0, 250, 200, 0, 300, 150, 0, 0,
                 0, 300, 0, 350, 0, 200, 250, 150, 0, 0, 350, 200, 250, 0, 0, 0, 150, 300, 0, 0),
        _dollars(0, 0, 0, 0, 0, 0, 0, 0, 1250, 0, 0, 0, 0, 1250, 0, 0, 0, 0, 0, 0,
                 1250, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1250, 0, 0, 0, 0, 0, 0, 0, 0),
        _dollars(0, 0, 50, 0, 50, 0, 50, 0, 50, 50, 0, 25, 75, 0, 0, 0, 25, 75, 0, 50,
                 0, 0, 0, 50, 25, 50, 0, 0, 75, 50, 0, 0, 0, 25, 25, 0, 75, 0, 50, 75),
        _dollars(0, 0, 0, 0, 0, 0, 0, 0, 0, 250, 0, 0, 0, 0, 0, 0, 0, 0, 0, 250,
                 0, 0, 0, 0, 0, 0, 0, 0, 250, 0, 0, 0, 0, 250, 0, 0, 0, 0, 0, 0),
    ),
)
"""The original schedule (Bechara et al. 1994; card sequence as tabulated by Steingroever et al. 2013)."""

PRACTICE = PayoffSchedule(name="practice", gains_cents=(50 * _D,) * 4, losses_cents=((0,), (0,), (0,), (0,)))
"""A practice deck set: every card of every deck pays $50 and costs nothing, so practice teaches the keys only."""

SCHEDULES = {s.name: s for s in (BECHARA_1994, PRACTICE)}


class IgtParams(BaseModel):
    """How an IGT game is played.

    Defaults: 100 card choices from a $2000 loan (Bechara et al. 1994) with the original schedule.
    `schedule` is "bechara1994" or "practice" (no losses: for the practice round). `feedback_ms` is how long
    the card's win and loss stay on screen before the decks can be chosen again (a station choice).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    trials: int = Field(default=100, ge=1, le=400)
    start_cents: int = Field(default=2000 * _D, ge=0, le=10**9)
    schedule: Literal["bechara1994", "practice"] = "bechara1994"
    feedback_ms: int = Field(default=1500, ge=0, le=10_000)

    @property
    def payoffs(self) -> PayoffSchedule:
        """The payoff schedule named by `schedule`."""
        return SCHEDULES[self.schedule]
