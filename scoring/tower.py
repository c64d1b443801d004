"""Tower of London metrics and the planning trait (Shallice 1982; timing measures as reviewed by Berg & Byrd 2002)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, metric, short_metric, trait
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, mean, median
from scoring.stream import get
from scoring.trials import parse_trials

__all__ = ["Problem", "score_tower", "tower_traits"]

FIX = N_("play every tower problem and score the session again")
SHARE = BandSpec("proportion", transform=lambda share: 100.0 * share)  # 1.2.0: Wilson interval of the share


@dataclass(frozen=True)
class Problem:
    """One finished problem."""

    order: int
    min_moves: int
    moves: int
    solved: bool
    planning_ms: float
    execution_ms: float

    @property
    def perfect(self) -> bool:
        """Solved in the minimum number of moves."""
        return self.solved and self.moves == self.min_moves


def parse_tower(records: Sequence[EventRecord]) -> tuple[list[Problem], bool]:
    """The finished problems in order and whether the game ended."""
    game = parse_trials(records, "tower.")
    problems = [Problem(t.index, get(t.ended, "min_moves", int), get(t.ended, "moves", int),
                        get(t.ended, "outcome", str) == "solved", get(t.ended, "planning_ns", int) / 1e6,
                        get(t.ended, "execution_ns", int) / 1e6) for t in game.trials]
    return problems, game.ended


def _timing(problems: list[Problem], need: int, group: str = "") -> list[Metric]:
    n = len(problems)
    if n < need:
        return [short_metric(k, "ms", n, need, N_("problems"), FIX, group)
                for k in ("tower.median_planning_ms", "tower.median_execution_ms")]
    return [metric("tower.median_planning_ms", median([p.planning_ms for p in problems]), "ms", n, group),
            metric("tower.median_execution_ms", median([p.execution_ms for p in problems]), "ms", n, group)]


def score_tower(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Problem]]:
    """Problems, solved, solved in the minimum, excess moves, planning and execution times (whole game, per level)."""
    problems, ended = parse_tower(records)
    t = tables["tower"]
    n = len(problems)
    out = [metric("tower.problems", n, "problems", n),
           metric("tower.solved", sum(p.solved for p in problems), "problems", n),
           metric("tower.perfect", sum(p.perfect for p in problems), "problems", n)]
    if n >= int(t["min_problems"]):
        out += [metric("tower.perfect_share", sum(p.perfect for p in problems) / n, "share", n),
                metric("tower.mean_excess_moves", mean([float(p.moves - p.min_moves) for p in problems]), "moves", n)]
    else:
        out += [short_metric("tower.perfect_share", "share", n, 1, N_("problems"), FIX),
                short_metric("tower.mean_excess_moves", "moves", n, 1, N_("problems"), FIX)]
    out += _timing(problems, int(t["min_timed"]))
    for level in sorted({p.min_moves for p in problems}):
        mine = [p for p in problems if p.min_moves == level]
        out += [metric("tower.level_perfect_share", sum(p.perfect for p in mine) / len(mine), "share", len(mine),
                       str(level)),
                metric("tower.level_planning_ms", median([p.planning_ms for p in mine]), "ms", len(mine), str(level))]
    return GameResult(game="tower", completed=ended, metrics=out), problems


def _planning(problems: list[Problem], tables: Any) -> Trait:
    items = [p.perfect for p in problems]

    def stat(xs: Sequence[bool]) -> float | None:
        return None if not xs else clamp(100.0 * sum(xs) / len(xs))

    def words(p: float) -> list[str]:
        levels = sorted({x.min_moves for x in problems})
        parts = ", ".join(N_("{perfect} of {problems} at {moves} moves").format(
            perfect=sum(x.perfect for x in problems if x.min_moves == k),
            problems=sum(1 for x in problems if x.min_moves == k), moves=k) for k in levels)
        return [N_("Solved {solved} of {problems} problems in the fewest possible moves ({parts}), giving position "
                   "{position}; typical planning time before the first move {planning} ms.").format(
                    solved=sum(items), problems=len(items), parts=parts, position=f"{p:.0f}",
                    planning=f"{median([x.planning_ms for x in problems]) or 0:.0f}")]

    return trait("planning", tables, items, stat, ["tower.perfect_share", "tower.median_planning_ms"], words,
                 band=SHARE)


def tower_traits(problems: list[Problem], tables: Any) -> list[Trait]:
    """The Tower of London traits, in documented order."""
    return [_planning(problems, tables)]
