"""Payload models of the Iowa Gambling Task's events (namespace "igt."), registered with the event log.

Money is in integer cents; durations in integer ns. The event's `trial` column is the 0-based choice index
for trial events and empty for igt.game_started / igt.game_resumed / igt.game_ended.
"""

from __future__ import annotations

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.igt.params import Deck
from games.trialkit.fields import OnsetFields, ResponseFields, ResumedFields

__all__ = ["Deck", "IgtGameEnded", "IgtGameResumed", "IgtGameStarted", "IgtTrialEnded", "IgtTrialStarted"]


@register_kind("igt.game_started")
class IgtGameStarted(Payload):
    """The game begins: its parameters, payoff schedule and seed."""

    trials: int = Field(ge=1)
    start_cents: int = Field(ge=0)
    schedule: str = Field(min_length=1)
    gains_cents: list[int] = Field(min_length=4, max_length=4)  # per card of deck A, B, C, D
    net_per_ten_cents: list[int] = Field(min_length=4, max_length=4)  # gains minus losses of each deck's first 10
    seed: int


@register_kind("igt.trial_started")
class IgtTrialStarted(OnsetFields):
    """The four decks are shown and may be chosen (t_ns: painted)."""

    total_cents: int  # the candidate's money before this choice (may go below zero)


@register_kind("igt.trial_ended")
class IgtTrialEnded(ResponseFields):
    """A card was drawn from a deck (stamped in the input handler): its win, its loss and the new total."""

    deck: Deck
    card: int = Field(ge=1)  # how many cards of this deck have been drawn, this one included
    win_cents: int = Field(ge=0)
    loss_cents: int = Field(ge=0)
    net_cents: int  # win minus loss
    total_cents: int  # after this card


@register_kind("igt.game_resumed")
class IgtGameResumed(ResumedFields):
    """The game continues after a crash with the money and deck counts of the choices that had ended."""

    total_cents: int
    deck_counts: list[int] = Field(min_length=4, max_length=4)


@register_kind("igt.game_ended")
class IgtGameEnded(Payload):
    """The game is over: its totals."""

    trials: int = Field(ge=0)
    total_cents: int
    deck_counts: list[int] = Field(min_length=4, max_length=4)
