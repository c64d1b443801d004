"""Coverage of the trait bands: simulated players across the parameter range, at the default battery's counts.

Each game family has a player model with parameters drawn over a wide range. For each player the true
position is the trait's statistic on a very long run of the same player (the same task mix, thirds and
conditions as a session); then several sessions of the default length are scored by the real trait
functions of a scoring version, and a band "covers" when it contains the true position. A trait that is
insufficient in a session has no band there and is not counted (the report shows no number either).

Used by tests/scoring/test_band_coverage.py and benchmarks/coverage.py (the before/after table).
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from games.decision.scenarios import load_scenarios
from scoring.bart import Balloon, bart_traits
from scoring.card_match import card_match_traits
from scoring.decision import Task, decision_traits
from scoring.digit_span import digit_span_traits
from scoring.flanker import flanker_traits
from scoring.model import Trait
from scoring.rt import RtGame, Trial, rt_traits
from scoring.stop_signal import stop_signal_traits
from scoring.tables import TABLES
from tests.scoring.coverage_memory import (
    card_player,
    card_session,
    card_truth,
    flanker_player,
    flanker_session,
    flanker_truth,
    span_player,
    span_session,
    span_truth,
    stop_player,
    stop_session,
    stop_truth,
)
from tests.scoring.coverage_trials import TRIAL_MODELS  # games3

__all__ = ["COVERAGE_MODELS", "Coverage", "coverage", "truth_tables"]

CAPACITY = 128
BATTERY_TASKS = ("ps_release_bug", "dc_two_offers", "com_customer_delay", "at_tool_choice")  # assets default


def _plain(value: Any) -> Any:
    if hasattr(value, "items") and not isinstance(value, list | tuple | str):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def truth_tables(version: str) -> Any:
    """The version's table with the cheap split-half band (positions are the same; bands are not needed)."""
    table = _plain(TABLES[version])
    table["reliability"].pop("band", None)
    return table


# -- BART: 30 balloons of capacity 128 ----------------------------------------------------------------


def bart_player(rng: random.Random) -> dict[str, float]:
    return {"mu": rng.uniform(5, 100), "sd": rng.uniform(1, 20), "loss": rng.uniform(-15, 15),
            "drift": rng.uniform(-25, 25), "gap": math.exp(rng.uniform(math.log(150), math.log(1500))),
            "gap_sd": rng.uniform(0.15, 0.6)}


def bart_session(p: dict[str, float], rng: random.Random, balloons: int = 30, times: bool = True) -> list[Balloon]:
    out: list[Balloon] = []
    third = balloons // 3
    prev_burst = False
    for i in range(balloons):
        shift = -p["drift"] / 2 if i < third else p["drift"] / 2 if i >= balloons - third else 0.0
        want = rng.gauss(p["mu"] + shift + (p["loss"] if prev_burst else 0.0), p["sd"])
        k = max(1, min(CAPACITY, round(want)))
        point = rng.randint(1, CAPACITY)
        pumps = min(k, point)
        t, pump_t = 0, []
        for _ in range(pumps if times else 0):  # the long run's speed is known: the median gap
            t += round(rng.lognormvariate(math.log(p["gap"]), p["gap_sd"]) * 1e6)
            pump_t.append(t)
        out.append(Balloon(i, "blue", CAPACITY, pumps, pumps >= point, 0, pump_t, 0, i))
        prev_burst = pumps >= point
    return out


def bart_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    traits = {t.key: t.position for t in bart_traits(bart_session(p, rng, 6000, times=False), tables)}
    spec = tables["traits"]["decision_speed"]
    from scoring.stats import log_position

    traits["decision_speed"] = log_position(p["gap"], float(spec["slow_ms"]), float(spec["fast_ms"]))
    return traits


# -- reaction time: simple RT (20 trials) and go/no-go (40 trials, 30 go) ------------------------------


def rt_player(rng: random.Random) -> dict[str, float]:
    return {"mu": rng.uniform(200, 380), "sigma": rng.uniform(15, 50), "tau": rng.uniform(20, 120),
            "lapse": rng.uniform(0.002, 0.2), "commit": rng.uniform(0.005, 0.6)}


def _go_trial(p: dict[str, float], rng: random.Random, index: int) -> Trial:
    rt = rng.gauss(p["mu"], p["sigma"]) + rng.expovariate(1 / p["tau"])
    if rng.random() < p["lapse"]:
        rt += rng.uniform(300, 1500)
    if rt >= 1500:
        return Trial(index, True, "omission", None)
    return Trial(index, True, "hit", max(101.0, rt))


def rt_session(p: dict[str, float], rng: random.Random, scale: int = 1) -> list[RtGame]:
    simple = RtGame("simple_rt", "simple", 1500.0, [_go_trial(p, rng, i) for i in range(20 * scale)], ended=True)
    trials = []
    for i in range(40 * scale):
        if i % 4 == 3:
            hit = rng.random() < p["commit"]
            trials.append(Trial(i, False, "commission" if hit else "withheld", 250.0 if hit else None))
        else:
            trials.append(_go_trial(p, rng, i))
    return [simple, RtGame("go_nogo", "go_nogo", 1500.0, trials, ended=True)]


def rt_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    return {t.key: t.position for t in rt_traits(rt_session(p, rng, 150), tables)}


# -- decision scenarios: the default battery's four ---------------------------------------------------


def decision_player(rng: random.Random) -> dict[str, Any]:
    weights = [rng.expovariate(1.0) for _ in range(3)]
    return {"first": math.exp(rng.uniform(math.log(3000), math.log(60000))), "first_sd": rng.uniform(0.2, 0.8),
            "view": rng.uniform(0.3, 1.0), "changes": rng.uniform(0, 3), "risk": weights,
            "words": rng.uniform(5, 120), "keys": rng.uniform(0, 8)}


def _poisson(rng: random.Random, lam: float) -> int:
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _task(p: dict[str, Any], rng: random.Random, scenario: Any) -> Task:
    levels = [o.risk_level for o in scenario.options]
    weight = {"low": p["risk"][0], "medium": p["risk"][1], "high": p["risk"][2]}
    final = rng.choices(levels, [weight[level] for level in levels])[0]
    n = len(levels)
    unique = max(1, sum(rng.random() < p["view"] for _ in range(n)))
    words = max(1, round(rng.gauss(p["words"], 0.3 * p["words"])))
    score = 1.1 * _poisson(rng, p["keys"])
    depth = 0.4 * min(words / 100, 1.0) + 0.6 * min(score / 10, 1.0)
    first = rng.lognormvariate(math.log(p["first"]), p["first_sd"])
    return Task(scenario.id, n, first + 20000, 10000, first, _poisson(rng, p["changes"]), unique, unique, words, 0,
                score, depth, [final], final, 0.0, 0, 0.0)


@functools.cache
def _scenarios() -> dict[str, Any]:
    return {s.id: s for s in load_scenarios()}


def decision_session(p: dict[str, Any], rng: random.Random, scale: int = 1) -> list[Task]:
    by_id = _scenarios()
    return [_task(p, rng, by_id[sid]) for _ in range(scale) for sid in BATTERY_TASKS]


def decision_truth(p: dict[str, Any], rng: random.Random, tables: Any) -> dict[str, float | None]:
    return {t.key: t.position for t in decision_traits(decision_session(p, rng, 800), tables)}


# -- the harness ---------------------------------------------------------------------------------------


@dataclass
class Family:
    """A game family's player model: draw a player, play a default session, score it, know its truth."""

    player: Callable[[random.Random], dict[str, Any]]
    session: Callable[[dict[str, Any], random.Random], Any]
    score: Callable[[Any, Any], list[Trait]]
    truth: Callable[[dict[str, Any], random.Random, Any], dict[str, float | None]]


COVERAGE_MODELS: dict[str, Family] = {
    "bart": Family(bart_player, bart_session, bart_traits, bart_truth),
    "rt": Family(rt_player, rt_session, rt_traits, rt_truth),
    "decision": Family(decision_player, decision_session, decision_traits, decision_truth),
    "digit_span": Family(span_player, span_session, digit_span_traits, span_truth),
    "card_match": Family(card_player, card_session, card_match_traits, card_truth),
    "flanker": Family(flanker_player, flanker_session, flanker_traits, flanker_truth),
    "stop_signal": Family(stop_player, stop_session, stop_signal_traits, stop_truth),
}
"""One model per game family (the trait table's `source`); a trait whose family has no model fails the test."""

# -- games3: the trial games' models (tests/scoring/coverage_trials.py) ------------------------------------
COVERAGE_MODELS.update({name: Family(*model) for name, model in TRIAL_MODELS.items()})
# -- end games3 ---------------------------------------------------------------------------------------------


@dataclass
class Coverage:
    """Per trait: bands given and how many covered the true position, and the mean band width."""

    covered: dict[str, int] = field(default_factory=dict)
    given: dict[str, int] = field(default_factory=dict)
    width: dict[str, float] = field(default_factory=dict)

    def rate(self, key: str) -> float:
        return self.covered.get(key, 0) / self.given[key] if self.given.get(key) else float("nan")

    def mean_width(self, key: str) -> float:
        return self.width.get(key, 0.0) / self.given[key] if self.given.get(key) else float("nan")


def _sessions(family: Family, players: int, per_player: int, seed: int,
              truth: Any) -> Iterator[tuple[Any, dict[str, float | None]]]:
    rng = random.Random(seed)
    for _ in range(players):
        p = family.player(rng)
        true = family.truth(p, random.Random(rng.random()), truth)
        for _ in range(per_player):
            yield family.session(p, rng), true


def coverage(version: str, family_name: str, players: int = 150, per_player: int = 4, seed: int = 2024) -> Coverage:
    """Band coverage of every trait of one game family under one scoring version."""
    family = COVERAGE_MODELS[family_name]
    tables = TABLES[version]
    out = Coverage()
    for session, true in _sessions(family, players, per_player, seed, truth_tables(version)):
        for t in family.score(session, tables):
            target = true.get(t.key)
            if t.position is None or t.band_low is None or t.band_high is None or target is None:
                continue
            out.given[t.key] = out.given.get(t.key, 0) + 1
            out.width[t.key] = out.width.get(t.key, 0.0) + t.band_high - t.band_low
            if t.band_low - 1e-9 <= target <= t.band_high + 1e-9:
                out.covered[t.key] = out.covered.get(t.key, 0) + 1
    return out
