"""Card match metrics and the visual memory trait (docs/SCORING.md; Velleman & Warrington 2013 for the expectation)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, metric, short_metric, trait
from scoring.errors import ScoringInputError
from scoring.model import GameResult, Metric, Trait
from scoring.stats import mean, median
from scoring.stream import get

__all__ = ["Move", "card_match_traits", "expected_moves", "parse_card_match", "score_card_match"]

FIX = N_("play every board of the card game to the end and score the session again")


@cache
def _expected(n: int, k: int) -> Fraction:
    """Expected moves to clear n pairs when k cards (of different pairs) are known and no pair is, playing the
    optimal strategy with perfect memory; see expected_moves."""
    if n == 0:
        return Fraction(0)
    unknown = 2 * n - k
    total = Fraction(0)
    if k:  # the first card turned is the partner of a known one: take the pair
        total += Fraction(k, unknown) * (1 + _expected(n - 1, k - 1))
    if n > k:  # the first card turned is new: turn another unknown card, or (never better here) a known one
        rest = unknown - 1
        explore = 1 + Fraction(1, rest) * _expected(n - 1, k) + Fraction(k, rest) * (1 + _expected(n - 1, k))
        if 2 * n - 2 * k - 2 > 0:
            explore += Fraction(2 * n - 2 * k - 2, rest) * _expected(n, k + 2)
        waste = 1 + _expected(n, k + 1) if k else explore
        total += Fraction(2 * n - 2 * k, unknown) * min(explore, waste)
    return total


def expected_moves(pairs: int) -> Fraction:
    """The exact expected number of moves to clear a board of `pairs` pairs with perfect memory and the optimal
    strategy (Velleman & Warrington 2013, Amer Math Monthly 120:787-805: about 1.61 n for large n).

    A move turns two cards. Dynamic programme over (pairs left, cards known): a known pair is taken at once
    (inside the move that revealed it, counted as its own move); otherwise an unknown card is turned, and if
    its partner is known that is turned, else a second unknown card. E(8) = 558242/45045 = 12.3930,
    E(18) = 28.5332.
    """
    if pairs < 1:
        raise ValueError(f"a board needs at least one pair, got {pairs}")
    return _expected(pairs, 0)


@dataclass(frozen=True)
class Move:
    """One finished move and what memory could have told about it."""

    index: int
    board: int
    matched: bool
    opportunity: bool  # a pair could be taken from memory: a known pair, or the first card's partner seen before
    repeat_error: bool  # a mismatch that turned a card whose pair had both been seen before
    move_ms: float  # from the board being ready to the second card


def _partner(layout: Sequence[str], position: int) -> int:
    return next(i for i, s in enumerate(layout) if s == layout[position] and i != position)


class _Board:
    """The bookkeeping of one board while its events are read."""

    def __init__(self, rec: EventRecord) -> None:
        self.layout: list[str] = list(get(rec, "layout", list))
        self.index = get(rec, "board", int)
        self.ready_ns = rec.t_ns
        self.seen: set[int] = set()
        self.found: set[int] = set()
        self.flips: list[EventRecord] = []

    def known_pair(self) -> bool:
        return any(p in self.seen and _partner(self.layout, p) in self.seen for p in self.seen - self.found)

    def end_move(self, rec: EventRecord) -> Move:
        if len(self.flips) != 2:
            raise ScoringInputError(rec.seq, "move", f"ends a move of {len(self.flips)} flips (2 expected)", rec.kind)
        a, b = (get(f, "position", int) for f in self.flips)
        if not (0 <= a < len(self.layout) and 0 <= b < len(self.layout)) or a == b:
            raise ScoringInputError(self.flips[1].seq, "position", "is not a second, different card", "card_match.flip")
        opportunity = self.known_pair() or _partner(self.layout, a) in self.seen
        matched = self.layout[a] == self.layout[b]
        repeat = not matched and any(
            c in seen and _partner(self.layout, c) in seen for c, seen in ((a, self.seen), (b, self.seen | {a})))
        move = Move(get(rec, "move", int), self.index, matched, opportunity, repeat,
                    (self.flips[1].t_ns - self.ready_ns) / 1e6)
        self.seen |= {a, b}
        if matched:
            self.found |= {a, b}
        self.flips, self.ready_ns = [], rec.t_ns
        return move


def parse_card_match(records: Sequence[EventRecord]) -> tuple[list[Move], list[int], bool]:
    """The finished moves in order, the pairs of each completed board, and whether the game ended."""
    moves: list[Move] = []
    completed: list[int] = []
    board: _Board | None = None
    ended = False
    for rec in records:
        kind = rec.kind
        if kind == "card_match.board_started":
            board = _Board(rec)
        elif kind in ("card_match.flip", "card_match.move_ended") and board is None:
            raise ScoringInputError(rec.seq, "board", "a move on no board", kind)
        elif kind == "card_match.flip" and board is not None:
            board.flips = [rec] if get(rec, "flip", int) == 1 else [*board.flips, rec]
        elif kind == "card_match.move_ended" and board is not None:
            moves.append(board.end_move(rec))
        elif kind == "card_match.board_completed" and board is not None:
            completed.append(len(board.layout) // 2)
        elif kind == "card_match.game_ended":
            ended = True
    return moves, completed, ended


def score_card_match(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Move]]:
    """The card match game's metrics."""
    moves, completed, ended = parse_card_match(records)
    t = tables["card_match"]
    boards_done = len(completed)
    on_done = [m for m in moves if m.board < boards_done]
    expected = float(sum((expected_moves(n) for n in completed), Fraction(0)))
    chances = [m for m in moves if m.opportunity]
    metrics: list[Metric] = [
        metric("card_match.boards", boards_done, "boards", boards_done),
        metric("card_match.moves", len(moves), "moves", len(moves)),
        metric("card_match.pairs", sum(m.matched for m in moves), "pairs", len(moves)),
    ]
    if boards_done:
        metrics += [metric("card_match.expected_moves", expected, "moves", boards_done),
                    metric("card_match.moves_ratio", len(on_done) / expected, "ratio", len(on_done))]
    else:
        metrics += [short_metric(k, u, 0, 1, N_("completed boards"), FIX) for k, u in (
            ("card_match.expected_moves", "moves"), ("card_match.moves_ratio", "ratio"))]
    metrics.append(metric("card_match.repeat_errors", sum(m.repeat_error for m in moves), "moves", len(moves)))
    need = int(t["min_opportunities"])
    metrics.append(metric("card_match.memory_hit_rate", mean([float(m.matched) for m in chances]), "share",
                          len(chances)) if len(chances) >= need else
                   short_metric("card_match.memory_hit_rate", "share", len(chances), need,
                                N_("moves where memory could find a pair"), FIX))
    need_moves = int(t["min_moves"])
    metrics.append(metric("card_match.median_move_ms", median([m.move_ms for m in moves]), "ms", len(moves))
                   if len(moves) >= need_moves else
                   short_metric("card_match.median_move_ms", "ms", len(moves), need_moves, N_("moves"), FIX))
    return GameResult(game="card_match", completed=ended, metrics=metrics), moves


def card_match_traits(moves: list[Move], tables: Any) -> list[Trait]:
    """visual_memory: the share of moves where memory could find a pair that did find it."""
    items = [1.0 if m.matched else 0.0 for m in moves if m.opportunity]
    repeats = sum(m.repeat_error for m in moves)

    def stat(xs: Sequence[float]) -> float | None:
        return None if not xs else 100.0 * (mean(xs) or 0.0)

    return [trait("visual_memory", tables, items, stat, ["card_match.memory_hit_rate", "card_match.moves_ratio"],
                  lambda p: [N_("On {moves} moves a pair could be found from memory (both cards seen before, or the "
                                "first card's partner seen before); {found} found it, giving position {position}. "
                                "{repeats} mismatches turned a card whose pair had been seen. With perfect memory this "
                                "is 100. Higher is better: this is an ability.").format(
                                 moves=len(items), found=int(sum(items)), position=f"{p:.0f}", repeats=repeats)],
                  band=BandSpec("proportion", transform=lambda share: 100.0 * share))]
