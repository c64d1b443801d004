"""Player models of the memory and attention games for the band-coverage harness (tests/scoring/coverage.py).

Each model draws a player over a wide, realistic range, plays sessions of the default battery's length
(assets/batteries/default.toml) through the games' own trial plans, and knows the player's true position.
Sessions are made as the scoring inputs (answers, moves, finished trials) directly, without events, so that
hundreds of sessions stay quick; the games' event streams are tested elsewhere (test_recovery_memory.py).
"""

from __future__ import annotations

import math
import random
from typing import Any

from games.card_match.model import MemoryModel
from games.flanker.params import FlankerParams
from games.flanker.rules import plan_flanker
from games.stop_signal.params import StopSignalParams
from games.stop_signal.rules import plan_stop_signal
from scoring.card_match import Move, card_match_traits
from scoring.digit_span import Answer, digit_span_traits
from scoring.flanker import flanker_traits
from scoring.stop_signal import stop_signal_traits
from scoring.timed import TimedTrial

__all__ = ["card_player", "card_session", "card_truth", "flanker_player", "flanker_session", "flanker_truth",
           "span_player", "span_session", "span_truth", "stop_player", "stop_session", "stop_truth"]

FLANKER = FlankerParams(conflict_trials=36, switch_trials=36)  # the default battery's
STOP = StopSignalParams(iti_ms=500)  # the default battery's: 200 trials, 50 with a stop signal


def _exgauss(rng: random.Random, mu: float, sigma: float, tau: float) -> float:
    return rng.gauss(mu, sigma) + rng.expovariate(1.0 / tau)


# -- digit span: forward from 3 to 9, backward from 2 to 8, two sequences per length ----------------------


def span_player(rng: random.Random) -> dict[str, float]:
    """Recall succeeds with probability 1 / (1 + exp((length - capacity) / slope)) (a logistic psychometric
    function); forward capacities 4-9.5 digits, backward 0.5-3 digits fewer (adults: about 7 and 5)."""
    forward = rng.uniform(4.0, 9.5)
    return {"forward": forward, "backward": max(2.5, forward - rng.uniform(0.5, 3.0)),
            "slope": rng.uniform(0.25, 1.0)}


def _span_block(p: dict[str, float], rng: random.Random, direction: str, first: int, top: int,
                out: list[Answer]) -> None:
    length = first
    while True:
        failures = 0
        for _ in range(2):
            target = "".join(rng.choice("123456789") for _ in range(length))
            ok = rng.random() < 1.0 / (1.0 + math.exp((length - p[direction]) / p["slope"]))
            entry = target if ok else target[:-1] + str(int(target[-1]) % 9 + 1)
            out.append(Answer(len(out), direction, length, target, entry, 400.0 * length, 0))
            failures += not ok
        if failures == 2 or length == top:
            return
        length += 1


def span_session(p: dict[str, float], rng: random.Random) -> list[Answer]:
    out: list[Answer] = []
    _span_block(p, rng, "forward", 3, 9, out)
    _span_block(p, rng, "backward", 2, 8, out)
    return out


def span_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    """The span is the longest length repeated in one session, so no single long run has it: the true position
    is the mean position over 200 sessions of the same player."""
    found = [t.position for _ in range(200) for t in digit_span_traits(span_session(p, rng), tables)]
    return {"working_memory": math.fsum(x for x in found if x is not None) / len(found)}


# -- card match: one 4 x 4 board -------------------------------------------------------------------------


class _Forgetful(MemoryModel):
    """Remembers the last k cards seen, and fails to take in a card at all with probability `miss`."""

    def __init__(self, k: int | None, miss: float, rng: random.Random) -> None:
        super().__init__(k, rng)
        self.miss = miss

    def saw(self, position: int, symbol: str) -> None:
        if self.rng.random() >= self.miss:
            super().saw(position, symbol)


def card_player(rng: random.Random) -> dict[str, Any]:
    """Memory of the last 2-16 cards (16: the whole board) and a chance of 0-40 % not to take a card in."""
    return {"k": rng.randint(2, 16), "miss": rng.uniform(0.0, 0.4)}


def _board(p: dict[str, Any], rng: random.Random, board: int, out: list[Move]) -> None:
    symbols = [f"s{i}" for i in range(8)] * 2
    rng.shuffle(symbols)
    mind = _Forgetful(p["k"], p["miss"], rng)
    seen: set[int] = set()
    found: set[int] = set()

    def partner(i: int) -> int:
        return next(j for j, s in enumerate(symbols) if s == symbols[i] and j != i)

    while len(found) < 16:
        a = mind.first_choice(16)
        mind.saw(a, symbols[a])
        b = mind.second_choice(16, a, symbols[a])
        mind.saw(b, symbols[b])
        known_pair = any(c in seen and partner(c) in seen for c in seen - found)
        matched = symbols[a] == symbols[b]
        out.append(Move(len(out), board, matched, known_pair or partner(a) in seen, False, 1400.0))
        seen |= {a, b}
        if matched:
            found |= {a, b}
            mind.take({a, b})


def card_session(p: dict[str, Any], rng: random.Random, boards: int = 1) -> list[Move]:
    out: list[Move] = []
    for board in range(boards):
        _board(p, rng, board, out)
    return out


def card_truth(p: dict[str, Any], rng: random.Random, tables: Any) -> dict[str, float | None]:
    return {t.key: t.position for t in card_match_traits(card_session(p, rng, 300), tables)}


# -- flanker: 36 conflict trials (12 per condition), 36 switch-block trials --------------------------------


def flanker_player(rng: random.Random) -> dict[str, float]:
    """Ex-Gaussian latencies (mu 350-650 ms, sigma 20-80, tau 20-200), a conflict effect of 0-180 ms and a switch
    cost of 0-350 ms added to mu, 0.5-10 % wrong keys and up to 3 % misses."""
    return {"mu": rng.uniform(350, 650), "sigma": rng.uniform(20, 80), "tau": rng.uniform(20, 200),
            "conflict": rng.uniform(0, 180), "switch": rng.uniform(0, 350), "error": rng.uniform(0.005, 0.1),
            "miss": rng.uniform(0.0, 0.03)}


def flanker_session(p: dict[str, float], rng: random.Random, scale: int = 1) -> list[TimedTrial]:
    out: list[TimedTrial] = []
    for _ in range(scale):
        for plan in plan_flanker(FLANKER, rng):
            shift = (p["conflict"] if plan.condition == "incongruent" else 0.0) + (p["switch"] if plan.switch else 0.0)
            latency = max(150.0, _exgauss(rng, p["mu"] + shift, p["sigma"], p["tau"]))
            outcome = "error" if rng.random() < p["error"] else "correct"
            if rng.random() < p["miss"] or latency >= FLANKER.timeout_ms:
                outcome, latency = "omission", -1.0
            out.append(TimedTrial(len(out), {"block": plan.kind, "condition": plan.condition, "switch": plan.switch},
                                  latency_ms=None if latency < 0 else latency, outcome=outcome))
    return out


def flanker_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    return {t.key: t.position for t in flanker_traits(flanker_session(p, rng, 150), tables)}


# -- stop-signal: 200 trials, 50 stop trials, the 50 ms staircase from 250 ms --------------------------------


def stop_player(rng: random.Random) -> dict[str, float]:
    """An independent-race player: go ex-Gaussian (mu 350-650 ms, sigma 20-80, tau 20-150), SSRT 140-360 ms,
    up to 5 % go omissions and 5 % wrong keys."""
    return {"mu": rng.uniform(350, 650), "sigma": rng.uniform(20, 80), "tau": rng.uniform(20, 150),
            "ssrt": rng.uniform(140, 360), "miss": rng.uniform(0.0, 0.05), "error": rng.uniform(0.0, 0.05)}


def stop_session(p: dict[str, float], rng: random.Random, scale: int = 1) -> list[TimedTrial]:
    out: list[TimedTrial] = []
    for _ in range(scale):
        ssd = STOP.ssd_start_ms
        for plan in plan_stop_signal(STOP, rng):
            latency = max(120.0, _exgauss(rng, p["mu"], p["sigma"], p["tau"]))
            responds = rng.random() >= p["miss"] and latency < STOP.timeout_ms
            if plan.stop:
                failed = responds and latency < ssd + p["ssrt"]
                out.append(TimedTrial(len(out), {"stop": True, "ssd_ms": ssd}, latency_ms=latency if failed else None,
                                      outcome="stop_failure" if failed else "stop_success"))
                step = -STOP.ssd_step_ms if failed else STOP.ssd_step_ms
                ssd = min(STOP.ssd_max_ms, max(STOP.ssd_min_ms, ssd + step))
                continue
            outcome = "go_omission" if not responds else "go_error" if rng.random() < p["error"] else "go_correct"
            out.append(TimedTrial(len(out), {"stop": False, "ssd_ms": None}, latency_ms=latency if responds else None,
                                  outcome=outcome))
    return out


def stop_truth(p: dict[str, float], rng: random.Random, tables: Any) -> dict[str, float | None]:
    return {t.key: t.position for t in stop_signal_traits(stop_session(p, rng, 60), tables)}
