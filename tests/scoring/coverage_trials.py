"""Player models of the trial games (IGT, tower, faces, effort, money) for the band-coverage harness (coverage.py).

Each model plays the default battery's version of its game (assets/batteries/extended.toml) as the scorer's
items, without events: a session is what the scorer reads, and the truth is the trait's statistic on a very
long run of the same player (the same task mix: many sessions' worth of the same design, pooled).
Parameters are drawn over a wide range of plausible players.
"""

from __future__ import annotations

import math
import random
from typing import Any

from games.faces.stimuli import EMOTIONS
from games.igt.params import BECHARA_1994
from games.tower.board import min_moves, parse
from games.tower.params import SHALLICE_12
from scoring.effort import Round, effort_traits
from scoring.faces import Answer, faces_traits
from scoring.igt import Card, block_net_scores, igt_traits
from scoring.money import Decision, money_traits
from scoring.stats import clamp
from scoring.tower import Problem, tower_traits
from scoring.trials import ols_slope

__all__ = ["TRIAL_MODELS"]

LONG = 200  # sessions pooled into a player's long run
IGT_LONG = 60  # the IGT's learner is slow to simulate; 6000 choices per player


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


# -- IGT: a delta-rule learner with softmax choice on Bechara et al.'s (1994) schedule, 100 choices --------


def igt_player(rng: random.Random) -> dict[str, float]:
    return {"rate": rng.uniform(0.0, 0.5), "sensitivity": math.exp(rng.uniform(math.log(0.2), math.log(5.0))),
            "stick": rng.uniform(0.0, 2.0)}


def igt_session(p: dict[str, float], rng: random.Random, trials: int = 100) -> list[Card]:
    expectancy, drawn, last = [0.0] * 4, [0] * 4, -1
    cards = []
    for order in range(trials):
        weights = [math.exp(p["sensitivity"] * e + (p["stick"] if d == last else 0.0))
                   for d, e in enumerate(expectancy)]
        deck = rng.choices(range(4), weights)[0]
        gain, loss = BECHARA_1994.card(deck, drawn[deck])
        drawn[deck] += 1
        net = gain - loss
        expectancy[deck] += p["rate"] * (net / 10_000 - expectancy[deck])
        cards.append(Card(order, "ABCD"[deck], net, 900.0))
        last = deck
    return cards


def igt_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    size = int(tables["igt"]["block_size"])
    span = float(tables["traits"]["outcome_learning"]["span_per_block"])
    nets = [0.0] * 5
    good = 0
    for _ in range(IGT_LONG):
        cards = igt_session(p, rng)
        good += sum(c.good for c in cards)
        for b, net, _ in block_net_scores([(c.order, c.good) for c in cards], size):
            nets[b - 1] += net / IGT_LONG
    slope = ols_slope([1.0, 2.0, 3.0, 4.0, 5.0], nets) or 0.0
    return {"outcome_learning": clamp(50.0 + 50.0 * slope / span), "long_term_reward": 100.0 * good / (100 * IGT_LONG)}


# -- Tower of London: Shallice's 12 problems; the chance of a perfect solution falls with the minimum moves ----


def tower_player(rng: random.Random) -> dict[str, float]:
    return {"k50": rng.uniform(1.5, 8.0), "spread": rng.uniform(0.3, 2.0)}


def _tower_levels() -> list[int]:
    return [min_moves(parse(problem.start), parse(problem.goal)) for problem in SHALLICE_12]


LEVELS = _tower_levels()


def tower_session(p: dict[str, float], rng: random.Random) -> list[Problem]:
    out = []
    for order, k in enumerate(LEVELS):
        perfect = rng.random() < _logistic((p["k50"] - k) / p["spread"])
        out.append(Problem(order, k, k if perfect else k + 2, True, 5000.0, 4000.0))
    return out


def tower_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    return {"planning": 100.0 * sum(_logistic((p["k50"] - k) / p["spread"]) for k in LEVELS) / len(LEVELS)}


# -- faces: a threshold observer (games/faces/player.py's curve), 4 emotions x 5 intensities x 2 ------------


def faces_player(rng: random.Random) -> dict[str, float]:
    return {"threshold": rng.uniform(10.0, 110.0), "slope": rng.uniform(3.0, 25.0), "lapse": rng.uniform(0.0, 0.1)}


def _p_correct(p: dict[str, float], intensity: float, chance: float) -> float:
    target = (0.75 - chance) / (1.0 - chance)
    midpoint = p["threshold"] - p["slope"] * math.log(target / (1.0 - target))
    seen = chance + (1.0 - chance) * _logistic((intensity - midpoint) / p["slope"])
    return (1.0 - p["lapse"]) * seen + p["lapse"] * chance


FACE_TRIALS = [(e, i) for e in EMOTIONS for i in (20, 40, 60, 80, 100) for _ in range(2)]


def faces_session(p: dict[str, float], rng: random.Random) -> list[Answer]:
    chance = 1.0 / len(EMOTIONS)
    return [Answer("identify", e, i, rng.random() < _p_correct(p, i, chance), 1000.0) for e, i in FACE_TRIALS]


def faces_score(answers: list[Answer], tables: Any) -> Any:
    return faces_traits(answers, 1.0 / len(EMOTIONS), tables)


def faces_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    chance = 1.0 / len(EMOTIONS)
    share = sum(_p_correct(p, i, chance) for _, i in FACE_TRIALS) / len(FACE_TRIALS)
    return {"emotion_recognition": clamp(100.0 * (share - chance) / (1.0 - chance))}


# -- effort: the battery's 5-minute EEfRT; a logistic chooser on the expected value difference --------------


def effort_player(rng: random.Random) -> dict[str, float]:
    return {"sensitivity": rng.uniform(0.0, 3.0), "bias": rng.uniform(-4.0, 2.0), "miss": rng.uniform(0.0, 0.08),
            "press_s": rng.uniform(0.12, 0.3)}


def effort_session(p: dict[str, float], rng: random.Random, duration_s: float = 300.0) -> list[Round]:
    rounds: list[Round] = []
    t = 0.0
    while t < duration_s:
        block = [12, 50, 88]
        rng.shuffle(block)
        for prob in block:
            if t >= duration_s:
                break
            hard = rng.randint(124, 430)
            if rng.random() < p["miss"]:
                rounds.append(Round(prob, hard, 100, "none", False, 0, None, None, 0))
                t += 5.0 + 2.0
                continue
            dev = prob / 100 * (hard - 100) / 100
            choice = "hard" if rng.random() < _logistic(p["bias"] + p["sensitivity"] * dev) else "easy"
            presses, limit = (60, 14.0) if choice == "hard" else (20, 5.0)
            press_s = min(limit, presses * p["press_s"])
            rt = rng.uniform(0.6, 3.0)
            rounds.append(Round(prob, hard, 100, choice, press_s < limit, presses, press_s, rt * 1000, 0))
            t += rt + press_s + 2.0 + 0.3
    return rounds


def effort_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    rounds = [r for r in effort_session(p, rng, 300.0 * LONG // 2) if r.choice != "none"]
    return {"effort_for_reward": 100.0 * sum(r.choice == "hard" for r in rounds) / len(rounds)}


# -- money: the trust game both ways, a dictator round and an ultimatum proposal (the default rounds) --------

RETURNS, SENDS, ENDOWMENT = (50, 20, 60, 10, 50, 30), (2, 5, 8, 10, 4, 6), 10


def money_player(rng: random.Random) -> dict[str, float]:
    return {"share": rng.uniform(0.0, 1.0), "respond": rng.uniform(0.0, 0.3), "back": rng.uniform(0.0, 0.6),
            "give": rng.uniform(0.0, 0.6), "offer": rng.uniform(0.1, 0.6), "noise": rng.uniform(0.02, 0.2)}


def _units(share: float, available: int) -> int:
    return round(max(0.0, min(1.0, share)) * available)


def money_session(p: dict[str, float], rng: random.Random) -> list[Decision]:
    out, profit = [], None
    for percent in RETURNS:
        shift = 0.0 if profit is None else p["respond"] if profit else -p["respond"]
        sent = _units(rng.gauss(p["share"] + shift, p["noise"]), ENDOWMENT)
        returned = (percent * 3 * sent + 50) // 100
        out.append(Decision("invest", ENDOWMENT, sent, None, returned, ENDOWMENT - sent + returned))
        profit = None if sent == 0 else returned > sent
    for sent in SENDS:
        back = _units(rng.gauss(p["back"], p["noise"]), 3 * sent)
        out.append(Decision("return", 3 * sent, back, None, None, 3 * sent - back))
    out.append(Decision("dictator", ENDOWMENT, _units(rng.gauss(p["give"], p["noise"]), ENDOWMENT), None, None, 0))
    out.append(Decision("propose", ENDOWMENT, _units(rng.gauss(p["offer"], p["noise"]), ENDOWMENT), True, None, 0))
    return out


def money_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    trust = generosity = 0.0
    for _ in range(LONG):
        decisions = money_session(p, rng)
        sent = [d.share for d in decisions if d.part == "invest"]
        given = [d.share for d in decisions if d.part != "invest"]
        trust += 100.0 * sum(sent) / len(sent) / LONG
        generosity += 100.0 * sum(given) / len(given) / LONG
    return {"trust": trust, "generosity": generosity}


TRIAL_MODELS: dict[str, tuple[Any, Any, Any, Any]] = {
    "igt": (igt_player, igt_session, igt_traits, igt_truth),
    "tower": (tower_player, tower_session, tower_traits, tower_truth),
    "faces": (faces_player, faces_session, faces_score, faces_truth),
    "effort": (effort_player, effort_session, effort_traits, effort_truth),
    "money": (money_player, money_session, money_traits, money_truth),
}
"""(player, session, score, truth) of each trial game, wrapped as coverage.Family by coverage.py."""
