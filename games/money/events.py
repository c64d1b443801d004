"""Payload models of the money-exchange game's events (namespace "money."), registered with the event log.

Money is in integer cents. The event's `trial` column is the 0-based round index for round events and empty
for money.game_started / money.game_resumed / money.game_ended. Parts: `invest` (the candidate sends, the
computer returns), `return` (the computer sends, the candidate returns), `dictator` (the candidate gives),
`propose` (the candidate offers, the computer accepts or rejects), `respond` (the computer offers, the
candidate accepts or rejects).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.trialkit.fields import InputKind, OnsetFields, ResponseFields, ResumedFields, TrialFields

__all__ = ["MoneyAmountChanged", "MoneyGameEnded", "MoneyGameResumed", "MoneyGameStarted", "MoneyTrialEnded",
           "MoneyTrialStarted", "Part"]

Part = Literal["invest", "return", "dictator", "propose", "respond"]


@register_kind("money.game_started")
class MoneyGameStarted(Payload):
    """The game begins: the stakes, the computer's documented strategy, the rounds in order and the seed."""

    endowment_cents: int = Field(ge=1)
    unit_cents: int = Field(ge=1)
    multiplier: int = Field(ge=1)
    partner_returns_percent: list[int]  # invest rounds: share of the multiplied amount the computer returns
    partner_sends_cents: list[int]  # return rounds: what the computer sends (before multiplying)
    ultimatum_accept_min_cents: int = Field(ge=0)  # the computer accepts a proposal giving it at least this
    ultimatum_offers_cents: list[int]  # respond rounds: the computer's offers, in the order shown
    parts: list[Part]
    seed: int


@register_kind("money.trial_started")
class MoneyTrialStarted(OnsetFields):
    """A round is shown (t_ns: painted): its part and what the candidate decides over."""

    part: Part
    round: int = Field(ge=1)  # within its part
    available_cents: int = Field(ge=0)  # what the candidate may send, return, give or offer (0 in respond)
    partner_sent_cents: int | None = Field(None, ge=0)  # return rounds: what the computer sent
    offer_cents: int | None = Field(None, ge=0)  # respond rounds: the computer's offer to the candidate


@register_kind("money.amount_changed")
class MoneyAmountChanged(TrialFields):
    """The candidate set the amount on screen (arrow keys, digits, or the - / + buttons); not yet confirmed."""

    amount_cents: int = Field(ge=0)
    since_onset_ns: int = Field(ge=0)
    input: InputKind
    key: str = Field(min_length=1)


@register_kind("money.trial_ended")
class MoneyTrialEnded(ResponseFields):
    """The candidate confirmed (Enter, or accept / reject): the amount and what came of it."""

    part: Part
    round: int = Field(ge=1)
    available_cents: int = Field(ge=0)
    amount_cents: int = Field(ge=0)  # sent, returned, given, offered; in respond the computer's offer
    accepted: bool | None = None  # propose: the computer's answer; respond: the candidate's; else None
    partner_returned_cents: int | None = Field(None, ge=0)  # invest: what the computer returned
    candidate_cents: int = Field(ge=0)  # what the candidate ends the round with
    partner_cents: int = Field(ge=0)  # what the computer ends the round with
    total_cents: int = Field(ge=0)  # the candidate's total over the rounds so far
    adjustments: int = Field(ge=0)  # money.amount_changed events of this round


@register_kind("money.game_resumed")
class MoneyGameResumed(ResumedFields):
    """The game continues after a crash with the candidate's total of the rounds that had ended."""

    total_cents: int = Field(ge=0)


@register_kind("money.game_ended")
class MoneyGameEnded(Payload):
    """The game is over: rounds and the candidate's total."""

    rounds: int = Field(ge=0)
    total_cents: int = Field(ge=0)
