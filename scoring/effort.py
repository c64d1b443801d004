"""Effort-choice metrics and the effort-for-reward trait (EEfRT, Treadway et al. 2009): hard choices by win
probability and reward, reward sensitivity (a logistic slope on the expected-value difference), presses, completion."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, insufficient, metric, short_metric, trait
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, median
from scoring.stream import get
from scoring.trials import parse_trials

__all__ = ["Round", "effort_traits", "logistic_slope", "score_effort"]

FIX = N_("play the whole effort game (its full time) and score the session again")


@dataclass(frozen=True)
class Round:
    """One round: the offer, the choice and the task."""

    probability: int
    hard_cents: int
    easy_cents: int
    choice: str  # easy, hard or none
    completed: bool
    presses: int
    press_s: float | None
    choice_rt_ms: float | None
    earned_cents: int

    @property
    def dev(self) -> float:
        """Expected value of the hard task minus the easy one, in dollars: probability x reward difference."""
        return self.probability / 100 * (self.hard_cents - self.easy_cents) / 100


def parse_effort(records: Sequence[EventRecord]) -> tuple[list[Round], bool, tuple[int, int]]:
    """The rounds in order, whether the game ended, and the hard reward range (cents)."""
    game = parse_trials(records, "effort.")
    rounds = []
    for t in game.trials:
        e, s = t.ended, t.started
        press_ns = get(e, "press_ns", int, optional=True)
        rt = get(e, "choice_rt_ns", int, optional=True)
        rounds.append(Round(get(s, "probability", int), get(s, "hard_reward_cents", int),
                            get(s, "easy_reward_cents", int), get(e, "choice", str), get(e, "completed", bool),
                            get(e, "presses", int), None if press_ns is None else press_ns / 1e9,
                            None if rt is None else rt / 1e6, get(e, "earned_cents", int)))
    head = game.started
    span = (get(head, "hard_reward_min_cents", int), get(head, "hard_reward_max_cents", int)) if head else (0, 0)
    return rounds, game.ended, span


def logistic_slope(xs: Sequence[float], ys: Sequence[bool], ridge: float, steps: int) -> float:
    """The slope b of P(y) = 1 / (1 + exp(-(a + b x))), fitted by Newton-Raphson with an L2 penalty `ridge` on b.

    Maximises sum(y log p + (1 - y) log(1 - p)) - ridge * b^2 / 2 over a and b, a fixed number of steps from
    a = b = 0 (deterministic). The penalty keeps b finite when the choices separate perfectly by x.
    """
    a = b = 0.0
    for _ in range(steps):
        ga, gb, haa, hab, hbb = 0.0, -ridge * b, 0.0, 0.0, ridge
        for x, y in zip(xs, ys, strict=True):
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, a + b * x))))
            w = p * (1.0 - p)
            ga += float(y) - p
            gb += (float(y) - p) * x
            haa += w
            hab += w * x
            hbb += w * x * x
        det = haa * hbb - hab * hab
        if det <= 1e-12:
            break
        a += (hbb * ga - hab * gb) / det
        b += (haa * gb - hab * ga) / det
    return b


def _shares(chosen: list[Round], mid: float) -> list[Metric]:
    out = []
    for p in sorted({r.probability for r in chosen}):
        mine = [r for r in chosen if r.probability == p]
        out.append(metric("effort.hard_share_by_probability", sum(r.choice == "hard" for r in mine) / len(mine),
                          "share", len(mine), str(p)))
    for name, mine in (("low", [r for r in chosen if r.hard_cents < mid]),
                       ("high", [r for r in chosen if r.hard_cents >= mid])):
        if mine:
            out.append(metric("effort.hard_share_by_reward", sum(r.choice == "hard" for r in mine) / len(mine),
                              "share", len(mine), name))
    for choice in ("easy", "hard"):
        mine = [r for r in chosen if r.choice == choice]
        if mine:
            out.append(metric("effort.completion_by_choice", sum(r.completed for r in mine) / len(mine), "share",
                              len(mine), choice))
    return out


def _sensitivity(chosen: list[Round], t: Any) -> Metric:
    n, need = len(chosen), int(t["min_choices"])
    hard = sum(r.choice == "hard" for r in chosen)
    if n < need:
        return short_metric("effort.reward_sensitivity", "per $", n, need, N_("choices"), FIX)
    if hard in (0, n):
        return Metric(key="effort.reward_sensitivity", unit="per $", n=n, insufficient=insufficient(
            N_("every choice was the same task, so no choice depended on the offer"),
            N_("both tasks chosen at least once"),
            N_("{hard} hard and {easy} easy choices").format(hard=hard, easy=n - hard), FIX))
    slope = logistic_slope([r.dev for r in chosen], [r.choice == "hard" for r in chosen], float(t["ridge"]),
                           int(t["newton_steps"]))
    return metric("effort.reward_sensitivity", slope, "per $", n)


def score_effort(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Round]]:
    """Choices, hard share (overall, by probability, by reward), reward sensitivity, presses and completion."""
    rounds, ended, (lo, hi) = parse_effort(records)
    t = tables["effort"]
    chosen = [r for r in rounds if r.choice != "none"]
    n = len(chosen)
    out = [metric("effort.rounds", len(rounds), "rounds", len(rounds)),
           metric("effort.no_choice", len(rounds) - n, "rounds", len(rounds))]
    out.append(metric("effort.hard_share", sum(r.choice == "hard" for r in chosen) / n, "share", n) if n else
               short_metric("effort.hard_share", "share", 0, 1, N_("choices"), FIX))
    out.append(_sensitivity(chosen, t))
    tasks = [r for r in chosen if r.press_s]
    need = int(t["min_tasks"])
    if len(tasks) >= need:
        out += [metric("effort.completion_rate", sum(r.completed for r in tasks) / len(tasks), "share", len(tasks)),
                metric("effort.press_rate", median([r.presses / r.press_s for r in tasks if r.press_s]), "per s",
                       len(tasks))]
    else:
        out += [short_metric("effort.completion_rate", "share", len(tasks), need, N_("tasks"), FIX),
                short_metric("effort.press_rate", "per s", len(tasks), need, N_("tasks"), FIX)]
    rts = [r.choice_rt_ms for r in chosen if r.choice_rt_ms is not None]
    out.append(metric("effort.median_choice_rt_ms", median(rts), "ms", len(rts)) if len(rts) >= need else
               short_metric("effort.median_choice_rt_ms", "ms", len(rts), need, N_("choices"), FIX))
    out.append(metric("effort.earnings_cents", sum(r.earned_cents for r in rounds), "cents", len(rounds)))
    out += _shares(chosen, (lo + hi) / 2)
    return GameResult(game="effort", completed=ended, metrics=out), rounds


def _effort(rounds: list[Round], tables: Any) -> Trait:
    items = [r.choice == "hard" for r in rounds if r.choice != "none"]

    def stat(xs: Sequence[bool]) -> float | None:
        return None if not xs else clamp(100.0 * sum(xs) / len(xs))

    def words(p: float) -> list[str]:
        parts = []
        for prob in sorted({r.probability for r in rounds if r.choice != "none"}):
            mine = [r for r in rounds if r.choice != "none" and r.probability == prob]
            parts.append(N_("{hard} of {rounds} at {probability} %").format(
                hard=sum(r.choice == "hard" for r in mine), rounds=len(mine), probability=prob))
        return [N_("Chose the hard task in {hard} of {rounds} rounds ({parts} win chance), giving position "
                   "{position}.").format(hard=sum(items), rounds=len(items), parts=", ".join(parts),
                                         position=f"{p:.0f}")]

    return trait("effort_for_reward", tables, items, stat, ["effort.hard_share", "effort.reward_sensitivity"], words,
                 band=BandSpec("proportion", transform=lambda share: 100.0 * share))


def effort_traits(rounds: list[Round], tables: Any) -> list[Trait]:
    """The effort traits, in documented order."""
    return [_effort(rounds, tables)]
