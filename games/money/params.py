"""Parameters of the money-exchange game: the trust game both ways, a dictator round and ultimatum rounds.

Trust game (Berg, Dickhaut & McCabe 1995, Games Econ Behav 10:122-142): each player holds $10; the
investor sends any part of it, the amount is tripled on the way, and the other player returns any part of
what arrived. Here the partner is a computer, and the candidate is told so before the game (no deception):
as investor the candidate meets the computer's documented reciprocity schedule `partner_returns` (percent
of the tripled amount returned in rounds 1-6: generous and stingy rounds alternate, so how the candidate
responds to returns can be measured); as the other player the candidate receives `partner_sends` (units)
tripled and chooses what to return. Dictator game (Forsythe, Horowitz, Savin & Sefton 1994): split $10
with the computer. Ultimatum game (Güth, Schmittberger & Schwarze 1982): the candidate proposes a split of
$10 that the computer accepts when it gets at least `ultimatum_accept_min` units (30 %, near where
proposals start to be rejected in the literature, Camerer 2003), then answers the computer's offers
`ultimatum_offers` (shown in a seeded order) with accept or reject (a rejection leaves both with nothing).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["MoneyParams"]


class MoneyParams(BaseModel):
    """How a money-exchange game is played. Amounts are whole units of `unit_cents` (default $1)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    endowment_units: int = Field(default=10, ge=1, le=100)
    unit_cents: int = Field(default=100, ge=1, le=10_000)
    multiplier: int = Field(default=3, ge=1, le=10)
    partner_returns: tuple[int, ...] = Field(default=(50, 20, 60, 10, 50, 30), max_length=20)
    partner_sends: tuple[int, ...] = Field(default=(2, 5, 8, 10, 4, 6), max_length=20)
    dictator: bool = True
    ultimatum_offer: bool = True
    ultimatum_accept_min: int = Field(default=3, ge=0, le=100)
    ultimatum_offers: tuple[int, ...] = Field(default=(1, 2, 3, 4, 5), max_length=20)
    feedback_ms: int = Field(default=2500, ge=0, le=20_000)

    @field_validator("partner_returns")
    @classmethod
    def _percent(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(not 0 <= v <= 100 for v in value):
            raise ValueError(f"partner_returns are percentages 0..100 of the tripled amount, got {list(value)}")
        return value

    @property
    def trials(self) -> int:
        """How many rounds the game has."""
        return (len(self.partner_returns) + len(self.partner_sends) + int(self.dictator) + int(self.ultimatum_offer)
                + len(self.ultimatum_offers))

    @model_validator(mode="after")
    def _fit(self) -> MoneyParams:
        """Amounts the computer sends or offers must fit the endowment; the game needs a round."""
        for name in ("partner_sends", "ultimatum_offers"):
            if any(not 0 <= v <= self.endowment_units for v in getattr(self, name)):
                raise ValueError(f"{name}: every amount must be 0..endowment_units ({self.endowment_units})")
        if self.trials == 0:
            raise ValueError("the game needs at least one round")
        return self
