"""Simulated players with known parameters, driven through the games' rules (no Qt), are recovered by scoring.

- digit span: players who recall up to 4, 6 or 8 digits have exactly that span forward and backward;
- card match: perfect memory needs the exact perfect-memory expectation on average (moves ratio 1), players who
  remember only the last 6, 4 or 2 cards need more moves, in that order;
- flanker: players with a conflict effect of 30, 60 or 90 ms and a switch cost of 100 or 200 ms are recovered
  within 10 ms on average over 20 sessions each, in order;
- stop-signal: independent-race players with an SSRT of 180, 220 or 260 ms are recovered in order with a mean
  bias under 10 ms over 60 sessions each (200 trials, 50 stop trials, ex-Gaussian go latencies).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from games.flanker.model import FlankerModel
from games.stop_signal.model import RaceModel
from scoring import score_session
from scoring.model import Profile
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate_memory import play_card_match, play_digit_span, play_flanker, play_stop_signal


def profile(play: Callable[[StreamBuilder], None]) -> Profile:
    b = StreamBuilder()
    play(b)
    return score_session(b.close())


def metric(p: Profile, game: str, key: str) -> Any:
    result = p.game(game)
    assert result is not None
    m = result.metric(key)
    assert m is not None and m.insufficient is None, key
    return m.value


def test_span_players_are_recovered_exactly() -> None:
    positions = []
    for span in (4, 6, 8):
        for seed in range(5):
            p = profile(lambda b, span=span, seed=seed: play_digit_span(b, span, seed=seed))
            assert metric(p, "digit_span", "digit_span.forward_span") == span
            assert metric(p, "digit_span", "digit_span.backward_span") == span
        positions.append(p.trait("working_memory").position)  # type: ignore[union-attr]
    assert positions[0] < positions[1] < positions[2]


def test_card_players_are_ordered_by_memory_and_perfect_memory_meets_the_expectation() -> None:
    ratios, hits = {}, {}
    for memory in (None, 6, 4, 2):
        found = [profile(lambda b, m=memory, s=seed: play_card_match(b, memory=m, seed=s)) for seed in range(40)]
        ratios[memory] = statistics.mean(metric(p, "card_match", "card_match.moves_ratio") for p in found)
        hits[memory] = statistics.mean(p.trait("visual_memory").position for p in found)  # type: ignore[union-attr]
        if memory is None:
            assert all(metric(p, "card_match", "card_match.repeat_errors") == 0 for p in found)
            assert all(metric(p, "card_match", "card_match.memory_hit_rate") == 1.0 for p in found)
    assert abs(ratios[None] - 1.0) < 0.05, ratios
    assert ratios[None] < ratios[6] < ratios[4] < ratios[2], ratios
    assert hits[None] == 100 and hits[None] > hits[6] > hits[4] > hits[2], hits


def test_flanker_players_conflict_effects_and_switch_costs_are_recovered() -> None:
    effects, costs = [], []
    for conflict, switch in ((30, 100), (60, 200), (90, 100)):
        model = FlankerModel(rt_ms=480, conflict_ms=conflict, switch_ms=switch, sd_ms=40, error_p=0.03)
        found = [profile(lambda b, s=seed, m=model: play_flanker(b, m, seed=s)) for seed in range(20)]
        effect = statistics.mean(metric(p, "flanker", "flanker.conflict_effect_ms") for p in found)
        cost = statistics.mean(metric(p, "flanker", "flanker.switch_cost_ms") for p in found)
        assert abs(effect - conflict) < 10 and abs(cost - switch) < 10, (conflict, effect, switch, cost)
        effects.append(effect)
        costs.append(cost)
    assert effects[0] < effects[1] < effects[2] and costs[1] > costs[0] and costs[1] > costs[2]


def test_race_model_players_ssrt_is_recovered_in_order_with_a_small_bias() -> None:
    means, positions = [], []
    for ssrt in (180, 220, 260):
        found = [profile(lambda b, s=seed, t=ssrt: play_stop_signal(b, RaceModel(ssrt_ms=t), seed=s))
                 for seed in range(60)]
        estimates = [metric(p, "stop_signal", "stop_signal.ssrt_ms") for p in found]
        assert abs(statistics.mean(estimates) - ssrt) < 10, (ssrt, statistics.mean(estimates))
        p_respond = statistics.mean(metric(p, "stop_signal", "stop_signal.p_respond") for p in found)
        assert abs(p_respond - 0.5) < 0.05  # the staircase holds p(respond|signal) near one half
        means.append(statistics.mean(estimates))
        assert all(metric(p, "stop_signal", "stop_signal.ssrt_reliable") for p in found)
        positions.append(statistics.mean(p.trait("response_inhibition").position for p in found))  # type: ignore[union-attr,misc]
    assert means[0] < means[1] < means[2] and positions[0] > positions[1] > positions[2]
