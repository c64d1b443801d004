"""Money-exchange metrics and the trust and generosity traits: the trust game both ways (Berg, Dickhaut & McCabe
1995), the dictator round (Forsythe et al. 1994) and the ultimatum rounds (Güth, Schmittberger & Schwarze 1982)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, insufficient, metric, short_metric, trait
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, mean
from scoring.stream import get
from scoring.trials import parse_trials

__all__ = ["Decision", "money_traits", "responsiveness", "score_money"]

FIX = N_("play every round of the money game and score the session again")
_ROUNDS = {"dictator": N_("dictator rounds"), "propose": N_("propose rounds")}
_NONE = {"accepted": (N_("no offer was accepted"), N_("at least one offer accepted"),
                      N_("{count} offers answered, none accepted")),
         "rejected": (N_("no offer was rejected"), N_("at least one offer rejected"),
                      N_("{count} offers answered, none rejected"))}
_GIVEN = {"returned": N_("returned {share} %"), "gave": N_("gave {share} %"), "offered": N_("offered {share} %")}
SHARES = BandSpec("mean", transform=lambda m: 100.0 * m, bounds=(0.0, 1.0), quantile="normal")
"""1.2.0: the interval of the mean share with z (items of a few 10 % steps in a fixed design; t is too wide)."""


@dataclass(frozen=True)
class Decision:
    """One round: its part, what the candidate could decide over, the amount, and the computer's answer."""

    part: str
    available: int
    amount: int
    accepted: bool | None
    returned: int | None
    candidate_cents: int

    @property
    def share(self) -> float:
        """The amount as a share of what was available (0 when nothing was)."""
        return self.amount / self.available if self.available else 0.0


def parse_money(records: Sequence[EventRecord]) -> tuple[list[Decision], bool, int]:
    """The rounds in order, whether the game ended, and the endowment (cents)."""
    game = parse_trials(records, "money.")
    out = [Decision(get(t.ended, "part", str), get(t.ended, "available_cents", int), get(t.ended, "amount_cents", int),
                    get(t.ended, "accepted", bool, optional=True), get(t.ended, "partner_returned_cents", int,
                                                                        optional=True),
                    get(t.ended, "candidate_cents", int)) for t in game.trials]
    endowment = get(game.started, "endowment_cents", int) if game.started is not None else 0
    return out, game.ended, endowment


def responsiveness(invest: Sequence[Decision]) -> tuple[list[float], list[float]]:
    """Share sent in rounds after a profitable round (the computer returned more than was sent) and after a losing
    one; a round in which nothing was sent tells nothing about the next."""
    after_gain: list[float] = []
    after_loss: list[float] = []
    for prev, now in itertools.pairwise(invest):
        if prev.amount > 0:
            (after_gain if (prev.returned or 0) > prev.amount else after_loss).append(now.share)
    return after_gain, after_loss


def _one(decisions: list[Decision], part: str, key: str) -> Metric:
    mine = [d for d in decisions if d.part == part]
    if not mine:
        return short_metric(key, "share", 0, 1, _ROUNDS[part], FIX)
    return metric(key, mean([d.share for d in mine]), "share", len(mine))


def _offers(decisions: list[Decision], endowment: int) -> list[Metric]:
    answered = [d for d in decisions if d.part == "respond"]
    if not answered:
        return [short_metric(k, "share", 0, 1, N_("offers answered"), FIX)
                for k in ("money.min_accepted_offer", "money.max_rejected_offer")]
    accepted = [d.amount for d in answered if d.accepted]
    rejected = [d.amount for d in answered if not d.accepted]
    n = len(answered)
    out = []
    for key, found, what in (("money.min_accepted_offer", accepted, "accepted"),
                             ("money.max_rejected_offer", rejected, "rejected")):
        if found:
            pick = min(found) if what == "accepted" else max(found)
            out.append(metric(key, pick / endowment if endowment else 0.0, "share", n))
        else:
            out.append(Metric(key=key, unit="share", n=n, insufficient=insufficient(
                _NONE[what][0], _NONE[what][1], _NONE[what][2].format(count=n), FIX)))
    return out


def score_money(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Decision]]:
    """Share sent, responsiveness, share returned, dictator and ultimatum shares, offers accepted, earnings."""
    decisions, ended, endowment = parse_money(records)
    t = tables["money"]
    invest = [d for d in decisions if d.part == "invest"]
    out = [metric("money.rounds", len(decisions), "rounds", len(decisions))]
    need = int(t["min_invest"])
    out.append(metric("money.share_sent", mean([d.share for d in invest]), "share", len(invest))
               if len(invest) >= need else short_metric("money.share_sent", "share", len(invest), need,
                                                        N_("rounds as sender"), FIX))
    gain, loss = responsiveness(invest)
    each = int(t["min_after_each"])
    out.append(metric("money.responsiveness", (mean(gain) or 0.0) - (mean(loss) or 0.0), "share", len(gain) + len(loss))
               if min(len(gain), len(loss)) >= each else short_metric(
                   "money.responsiveness", "share", min(len(gain), len(loss)), each,
                   N_("rounds after a profitable and after a losing round (each, with money sent)"), FIX))
    returned = [d for d in decisions if d.part == "return" and d.available]
    out.append(metric("money.share_returned", mean([d.share for d in returned]), "share", len(returned)) if returned
               else short_metric("money.share_returned", "share", 0, 1, N_("rounds as receiver"), FIX))
    out += [_one(decisions, "dictator", "money.dictator_share"),
            _one(decisions, "propose", "money.ultimatum_offer_share")]
    out += _offers(decisions, endowment)
    out.append(metric("money.earnings_cents", sum(d.candidate_cents for d in decisions), "cents", len(decisions)))
    return GameResult(game="money", completed=ended, metrics=out), decisions


def _trust(decisions: list[Decision], tables: Any) -> Trait:
    items = [d.share for d in decisions if d.part == "invest"]

    def stat(xs: Sequence[float]) -> float | None:
        return None if not xs else clamp(100.0 * sum(xs) / len(xs))

    return trait("trust", tables, items, stat, ["money.share_sent", "money.responsiveness"], lambda p: [
        N_("As sender, sent on average {share} % of the money to a partner it knew to be a computer, over {rounds} "
           "rounds (what is sent is tripled), giving position {position}.").format(
            share=f"{100 * (mean(items) or 0):.0f}", rounds=len(items), position=f"{p:.0f}")], band=SHARES)


def _generosity(decisions: list[Decision], tables: Any) -> Trait:
    given = [d for d in decisions if d.part in ("return", "dictator", "propose") and d.available]
    items = [d.share for d in given]

    def stat(xs: Sequence[float]) -> float | None:
        return None if not xs else clamp(100.0 * sum(xs) / len(xs))

    def words(p: float) -> list[str]:
        parts = []
        for part, what in (("return", "returned"), ("dictator", "gave"), ("propose", "offered")):
            mine = [d.share for d in given if d.part == part]
            if mine:
                parts.append(_GIVEN[what].format(share=f"{100 * (mean(mine) or 0):.0f}"))
        return [N_("Of the money in its hands, {parts} on average; over {decisions} decisions that is {share} % (50 = "
                   "an equal split), giving position {position}.").format(
                    parts=", ".join(parts), decisions=len(items), share=f"{100 * (mean(items) or 0):.0f}",
                    position=f"{p:.0f}")]

    return trait("generosity", tables, items, stat, ["money.share_returned", "money.dictator_share",
                                                     "money.ultimatum_offer_share"], words, band=SHARES)


def money_traits(decisions: list[Decision], tables: Any) -> list[Trait]:
    """The money-exchange traits, in documented order."""
    return [_trust(decisions, tables), _generosity(decisions, tables)]
