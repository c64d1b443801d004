"""Pure rules of the money-exchange game: a state machine with no Qt, no clock and no database.

Phases: not_started -> between -> deciding (a round is shown) -> between ... -> finished. The rounds run in
this order: the trust game as investor (`invest`, one per `partner_returns`), as the other player (`return`,
one per `partner_sends`), the dictator round, the ultimatum proposal, then the computer's ultimatum offers
(`respond`, in a seeded order). In a deciding round the candidate sets an amount (`set_amount`, recorded as
money.amount_changed) and confirms it (`confirm`), or accepts or rejects an offer (`answer`). The computer
follows the documented rules in games/money/params.py and nothing else: it returns
round(percent * multiplier * sent / 100) (halves up), accepts a proposal giving it at least
`ultimatum_accept_min` units, and never learns.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import ClassVar

from games.core import Emission, Step
from games.money.events import (
    MoneyAmountChanged,
    MoneyGameEnded,
    MoneyGameResumed,
    MoneyGameStarted,
    MoneyTrialEnded,
    MoneyTrialStarted,
    Part,
)
from games.money.params import MoneyParams
from games.trialkit.fields import InputKind
from games.trialkit.rules import TrialRuleError, TrialRules, TrialState

__all__ = ["DECIDING", "MoneyAmountError", "MoneyRules", "MoneyState", "Round", "plan_rounds"]

DECIDING = "deciding"


class MoneyAmountError(TrialRuleError):
    """An amount outside 0..available, a confirm without an amount, or the wrong kind of answer for the round."""


@dataclass(frozen=True, slots=True)
class Round:
    """One round as planned: its part, number within the part and the computer's side of it (units)."""

    part: Part
    round: int
    available: int  # units the candidate decides over
    partner_sent: int | None = None  # return rounds
    offer: int | None = None  # respond rounds
    return_percent: int | None = None  # invest rounds


@dataclass(frozen=True, slots=True)
class MoneyState(TrialState):
    """The game's progress, the amount on screen and the candidate's total."""

    amount: int | None = None  # units set on screen, None before the first choice
    adjustments: int = 0
    total_cents: int = 0


def plan_rounds(params: MoneyParams, rng: random.Random) -> tuple[Round, ...]:
    """Every round in order; only the respond rounds' offers are shuffled (by rng)."""
    e, m = params.endowment_units, params.multiplier
    rounds = [Round("invest", n + 1, e, return_percent=p) for n, p in enumerate(params.partner_returns)]
    rounds += [Round("return", n + 1, m * c, partner_sent=c) for n, c in enumerate(params.partner_sends)]
    if params.dictator:
        rounds.append(Round("dictator", 1, e))
    if params.ultimatum_offer:
        rounds.append(Round("propose", 1, e))
    offers = list(params.ultimatum_offers)
    rng.shuffle(offers)
    rounds += [Round("respond", n + 1, 0, offer=o) for n, o in enumerate(offers)]
    return tuple(rounds)


class MoneyRules(TrialRules[MoneyState, MoneyTrialEnded]):
    """The money-exchange game of one params and seed."""

    game: ClassVar[str] = "money"
    trial_phases: ClassVar[tuple[str, ...]] = (DECIDING,)
    ended_model = MoneyTrialEnded

    def __init__(self, params: MoneyParams, seed: int) -> None:
        super().__init__(seed)
        self.params = params
        self.plan = plan_rounds(params, random.Random(seed))

    def cents(self, units: int) -> int:
        """Units as cents."""
        return units * self.params.unit_cents

    def initial_state(self) -> MoneyState:
        return MoneyState()

    def started_payload(self) -> MoneyGameStarted:
        p = self.params
        return MoneyGameStarted(
            endowment_cents=self.cents(p.endowment_units), unit_cents=p.unit_cents, multiplier=p.multiplier,
            partner_returns_percent=list(p.partner_returns),
            partner_sends_cents=[self.cents(c) for c in p.partner_sends],
            ultimatum_accept_min_cents=self.cents(p.ultimatum_accept_min),
            ultimatum_offers_cents=[self.cents(r.offer) for r in self.plan if r.offer is not None],
            parts=[r.part for r in self.plan], seed=self.seed)

    def trial_payload(self, state: MoneyState, trial: int, requested_t_ns: int | None) -> MoneyTrialStarted:
        r = self.plan[trial]
        return MoneyTrialStarted(
            trial=trial, requested_t_ns=requested_t_ns, part=r.part, round=r.round,
            available_cents=self.cents(r.available),
            partner_sent_cents=None if r.partner_sent is None else self.cents(r.partner_sent),
            offer_cents=None if r.offer is None else self.cents(r.offer))

    def enter_trial(self, state: MoneyState, trial: int) -> MoneyState:
        return replace(state, phase=DECIDING, amount=None, adjustments=0)

    def fold(self, state: MoneyState, ended: MoneyTrialEnded) -> MoneyState:
        return replace(state, total_cents=ended.total_cents)

    def has_next(self, state: MoneyState) -> bool:
        return state.done < len(self.plan)

    def ended_payload(self, state: MoneyState) -> MoneyGameEnded:
        return MoneyGameEnded(rounds=state.done, total_cents=state.total_cents)

    def resumed_payload(self, state: MoneyState, repeated: bool, events: int) -> MoneyGameResumed:
        return MoneyGameResumed(trial=state.done, repeated=repeated, trials_done=state.done, events_restored=events,
                                total_cents=state.total_cents)

    def returned(self, r: Round, sent: int) -> int:
        """What the computer returns of `sent` units in an invest round (units, halves rounded up)."""
        assert r.return_percent is not None
        return (r.return_percent * self.params.multiplier * sent + 50) // 100

    # -- actions ----------------------------------------------------------------------------------------

    def set_amount(self, state: MoneyState, units: int, t_ns: int, source: InputKind, key: str) -> Step[MoneyState]:
        """Set the amount on screen (not yet confirmed)."""
        self.check(state, "set an amount", t_ns, (DECIDING,), "no round is shown")
        r = self.plan[state.trial]
        if r.part == "respond":
            raise MoneyAmountError("money: a respond round takes accept or reject, not an amount")
        if not 0 <= units <= r.available:
            raise MoneyAmountError(f"money: field 'amount' is {units}; this round allows 0..{r.available}")
        payload = MoneyAmountChanged(trial=state.trial, amount_cents=self.cents(units),
                                     since_onset_ns=t_ns - state.onset_ns, input=source, key=key)
        new = replace(state, amount=units, adjustments=state.adjustments + 1, last_t_ns=t_ns)
        return Step(new, (Emission("money.amount_changed", payload, t_ns, state.trial),))

    def confirm(self, state: MoneyState, t_ns: int, source: InputKind, key: str,
                qt_event_ms: int | None = None) -> Step[MoneyState]:
        """Confirm the amount on screen: the computer answers by its rules and the round ends."""
        self.check(state, "confirm", t_ns, (DECIDING,), "no round is shown")
        r = self.plan[state.trial]
        if r.part == "respond" or state.amount is None:
            raise MoneyAmountError("money: nothing to confirm (choose an amount first; respond rounds take accept "
                                   "or reject)")
        mine, theirs, returned, accepted = self._outcome(r, state.amount)
        return self._end(state, t_ns, source, key, qt_event_ms, state.amount, mine, theirs, returned, accepted)

    def answer(self, state: MoneyState, accept: bool, t_ns: int, source: InputKind, key: str,
               qt_event_ms: int | None = None) -> Step[MoneyState]:
        """Accept or reject the computer's ultimatum offer."""
        self.check(state, "answer the offer", t_ns, (DECIDING,), "no round is shown")
        r = self.plan[state.trial]
        if r.part != "respond" or r.offer is None:
            raise MoneyAmountError(f"money: a {r.part} round takes an amount, not accept or reject")
        e = self.params.endowment_units
        mine, theirs = (r.offer, e - r.offer) if accept else (0, 0)
        return self._end(state, t_ns, source, key, qt_event_ms, r.offer, mine, theirs, None, accept)

    def _outcome(self, r: Round, amount: int) -> tuple[int, int, int | None, bool | None]:
        """(candidate units, computer units, returned units, accepted) of a confirmed amount."""
        e, m = self.params.endowment_units, self.params.multiplier
        if r.part == "invest":
            back = self.returned(r, amount)
            return e - amount + back, m * amount - back, back, None
        if r.part == "return":
            assert r.partner_sent is not None
            return r.available - amount, e - r.partner_sent + amount, None, None
        if r.part == "dictator":
            return e - amount, amount, None, None
        accepted = amount >= self.params.ultimatum_accept_min
        return (e - amount, amount, None, True) if accepted else (0, 0, None, False)

    def _end(self, state: MoneyState, t_ns: int, source: InputKind, key: str, qt_event_ms: int | None, amount: int,
             mine: int, theirs: int, returned: int | None, accepted: bool | None) -> Step[MoneyState]:
        r = self.plan[state.trial]
        ended = MoneyTrialEnded(
            trial=state.trial, rt_ns=t_ns - state.onset_ns, input=source, key=key, qt_event_ms=qt_event_ms,
            part=r.part, round=r.round, available_cents=self.cents(r.available), amount_cents=self.cents(amount),
            accepted=accepted, partner_returned_cents=None if returned is None else self.cents(returned),
            candidate_cents=self.cents(mine), partner_cents=self.cents(theirs),
            total_cents=state.total_cents + self.cents(mine), adjustments=state.adjustments)
        new, emission = self.finish_trial(state, t_ns, ended)
        return Step(new, (emission,))
