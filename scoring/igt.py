"""Iowa Gambling Task metrics and traits (Bechara et al. 1994; net score per block of 20, Bechara et al. 2000)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, insufficient, metric, short_metric, trait
from scoring.errors import ScoringInputError
from scoring.igt_bands import learning_interval, share_interval
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, mean, median
from scoring.stream import get
from scoring.trials import ols_slope, parse_trials

__all__ = ["Card", "block_net_scores", "igt_traits", "score_igt"]

FIX = N_("play the whole card game (100 choices) and score the session again")
GOOD, INFREQUENT = frozenset("CD"), frozenset("BD")


@dataclass(frozen=True)
class Card:
    """One choice: its position, deck, net outcome and response time."""

    order: int
    deck: str
    net_cents: int
    rt_ms: float

    @property
    def good(self) -> bool:
        """From an advantageous deck (C or D)."""
        return self.deck in GOOD


def parse_igt(records: Sequence[EventRecord]) -> tuple[list[Card], bool, int]:
    """The choices in order, whether the game ended, and its starting money (cents)."""
    game = parse_trials(records, "igt.")
    cards = []
    for t in game.trials:
        deck = get(t.ended, "deck", str)
        if deck not in "ABCD" or len(deck) != 1:
            raise ScoringInputError(t.ended.seq, "deck", f"must be A, B, C or D, got {deck!r}", t.ended.kind)
        cards.append(Card(t.index, deck, get(t.ended, "net_cents", int), get(t.ended, "rt_ns", int) / 1e6))
    start = get(game.started, "start_cents", int) if game.started is not None else 0
    return cards, game.ended, start


def block_net_scores(items: Sequence[tuple[int, bool]], size: int) -> list[tuple[int, float, int]]:
    """(block number from 1, net score scaled to a full block, choices) of every block with a choice.

    Net score = (C + D) - (A + B) choices; a block with n < size choices is scaled by size / n, so that halves
    of the trials (the split-half band) are on the same scale as the whole game.
    """
    blocks: dict[int, list[bool]] = {}
    for order, good in items:
        blocks.setdefault(order // size + 1, []).append(good)
    return [(b, size * (sum(g) - (len(g) - sum(g))) / len(g), len(g)) for b, g in sorted(blocks.items())]


def _blocks(cards: list[Card], t: Any) -> list[Metric]:
    size = int(t["block_size"])
    out = []
    for block, _, n in block_net_scores([(c.order, c.good) for c in cards], size):
        chosen = [c for c in cards if c.order // size + 1 == block]
        raw = sum(c.good for c in chosen) - sum(not c.good for c in chosen)
        out.append(metric("igt.block_net_score", raw, "cards", n, str(block)))
    return out


def _slope(cards: list[Card], t: Any) -> Metric:
    size, need = int(t["block_size"]), int(t["min_blocks_slope"])
    full = [(b, net) for b, net, n in block_net_scores([(c.order, c.good) for c in cards], size) if n == size]
    if len(full) < need:
        return short_metric("igt.learning_slope", "cards/block", len(full), need,
                            N_("complete blocks of {size} choices").format(size=size), FIX)
    return metric("igt.learning_slope", ols_slope([float(b) for b, _ in full], [v for _, v in full]), "cards/block",
                  len(full))


def score_igt(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Card]]:
    """The IGT's metrics: choices, net score overall and per block, learning slope, deck shares, money, RT."""
    cards, ended, start = parse_igt(records)
    t = tables["igt"]
    n = len(cards)
    out = [metric("igt.trials", n, "choices", n)]
    if n >= int(t["min_trials"]):
        good = sum(c.good for c in cards)
        out += [metric("igt.net_score", good - (n - good), "cards", n),
                metric("igt.good_deck_share", good / n, "share", n),
                metric("igt.infrequent_loss_share", sum(c.deck in INFREQUENT for c in cards) / n, "share", n)]
    else:
        need = int(t["min_trials"])
        out += [short_metric(k, u, n, need, N_("choices"), FIX) for k, u in (
            ("igt.net_score", "cards"), ("igt.good_deck_share", "share"), ("igt.infrequent_loss_share", "share"))]
    out.append(_slope(cards, t))
    total = start + sum(c.net_cents for c in cards)
    out += [metric("igt.final_cents", total, "cents", n), metric("igt.net_money_cents", total - start, "cents", n)]
    rts = [c.rt_ms for c in cards]
    out.append(metric("igt.median_rt_ms", median(rts), "ms", n) if n >= int(t["min_rt"]) else
               short_metric("igt.median_rt_ms", "ms", n, int(t["min_rt"]), N_("choices"), FIX))
    out += _blocks(cards, t)
    out += [metric("igt.deck_share", sum(c.deck == d for c in cards) / n, "share", n, d) for d in "ABCD" if n]
    return GameResult(game="igt", completed=ended, metrics=out), cards


def _learning(cards: list[Card], tables: Any) -> Trait:
    size = int(tables["igt"]["block_size"])
    span = float(tables["traits"]["outcome_learning"]["span_per_block"])
    items = [(c.order, c.good) for c in cards]

    def stat(xs: Sequence[tuple[int, bool]]) -> float | None:
        blocks = block_net_scores(xs, size)
        if len(blocks) < 3:
            return None
        slope = ols_slope([float(b) for b, _, _ in blocks], [v for _, v, _ in blocks])
        return None if slope is None else clamp(50.0 + 50.0 * slope / span)

    def words(p: float) -> list[str]:
        blocks = block_net_scores(items, size)
        slope = ols_slope([float(b) for b, _, _ in blocks], [v for _, v, _ in blocks]) or 0.0
        nets = ", ".join(f"{v:+.0f}" for _, v, _ in blocks)
        return [N_("Net score (good minus bad decks) per block of {size} choices: {nets}; the slope is {slope} per "
                   "block (±{span} per block reach the poles; 50 = no change), giving position {position}.").format(
                    size=size, nets=nets, slope=f"{slope:+.2f}", span=f"{span:g}", position=f"{p:.0f}")]

    def interval(xs: Sequence[tuple[int, bool]], conf: float) -> tuple[float, float] | None:
        position = stat(xs)
        return None if position is None else learning_interval(xs, size, span, position, conf)

    # 1.2.0 on: choices are serially correlated, so the slope's variance is widened by it (scoring/igt_bands.py).
    return trait("outcome_learning", tables, items, stat, ["igt.learning_slope", "igt.block_net_score"], words,
                 band=BandSpec("model", interval=interval))


def _long_term(cards: list[Card], tables: Any) -> Trait:
    items = [c.good for c in cards]
    size = int(tables["igt"]["block_size"])

    def stat(xs: Sequence[bool]) -> float | None:
        return None if not xs else clamp(100.0 * sum(xs) / len(xs))

    good = sum(items)
    lack = None if cards else insufficient(N_("no card was chosen"), N_("the card game played"), N_("0 choices"), FIX)
    return trait("long_term_reward", tables, items, stat, ["igt.good_deck_share", "igt.net_score"], lambda p: [
        N_("Chose the decks that pay less now but more over time (C and D) {good} times in {choices} ({share} %), "
           "giving position {position}.").format(good=good, choices=len(items),
                                                 share=f"{100 * (mean([float(x) for x in items]) or 0):.0f}",
                                                 position=f"{p:.0f}")], lack,
        band=BandSpec("model", interval=lambda xs, conf: share_interval(list(enumerate(xs)), size, conf)))


def igt_traits(cards: list[Card], tables: Any) -> list[Trait]:
    """The IGT traits, in documented order."""
    return [_learning(cards, tables), _long_term(cards, tables)]
