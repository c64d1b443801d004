"""Simulated players of the trial games with known parameters are recovered by scoring (many sessions, no Qt).

The figures (docs/GAMES_III.md, "Recovery") are those these tests check: IGT learners are ordered by the mean
net-score slope; a tower player of planning depth d solves exactly the problems of minimum <= d in the minimum;
a faces observer's 75 % threshold is recovered within 4 points on average; an effort chooser's reward
sensitivity within 0.35 per dollar on average; a money player's sending rules within rounding.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

import pytest

from games.tower.params import TowerParams
from games.tower.rules import TowerRules
from scoring import Profile, score_session
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate_trials import play_effort, play_faces, play_igt, play_money, play_tower

SESSIONS = 20


def profile(play: Callable[..., None], **kw: Any) -> Profile:
    b = StreamBuilder()
    play(b, **kw)
    return score_session(b.close())


def value(p: Profile, game: str, key: str, group: str = "") -> Any:
    found = p.game(game).metric(key, group)  # type: ignore[union-attr]
    assert found is not None
    return found.value


def test_igt_learners_are_ordered_by_their_net_score_slope() -> None:
    slopes = {rate: statistics.mean(value(profile(play_igt, rate=rate, seed=k), "igt", "igt.learning_slope")
                                    for k in range(SESSIONS)) for rate in (0.0, 0.05, 0.4)}
    assert slopes[0.0] < slopes[0.05] < slopes[0.4]
    assert abs(slopes[0.0]) < 1.0  # a player who never learns does not drift toward either pair of decks
    learner = profile(play_igt, rate=0.4, seed=3)
    assert learner.trait("outcome_learning").position > 50  # type: ignore[union-attr]
    assert learner.trait("long_term_reward").position > 50  # type: ignore[union-attr]


@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5])
def test_tower_players_solve_exactly_the_problems_within_their_planning_depth(depth: int) -> None:
    minimums = [p.min_moves for p in TowerRules(TowerParams(), 1).plan]
    expected = sum(m <= depth for m in minimums) / len(minimums)
    for seed in (1, 2):
        p = profile(play_tower, depth=depth, seed=seed)
        assert value(p, "tower", "tower.perfect_share") == pytest.approx(expected)
        assert value(p, "tower", "tower.solved") == len(minimums)  # a detour costs moves, never the solution
        assert p.trait("planning").position == pytest.approx(100 * expected)  # type: ignore[union-attr]


@pytest.mark.parametrize("threshold", [25.0, 40.0, 55.0, 70.0])
def test_faces_observers_thresholds_are_recovered(threshold: float) -> None:
    found = [value(profile(play_faces, threshold=threshold, seed=k), "faces", "faces.threshold_intensity")
             for k in range(SESSIONS)]
    assert all(f is not None for f in found)
    assert abs(100 * statistics.mean(found) - threshold) <= 4.0
    assert all(abs(100 * f - threshold) <= 22.0 for f in found)


def test_faces_observers_are_ordered_on_the_emotion_recognition_trait() -> None:
    positions = [statistics.mean(profile(play_faces, threshold=t, seed=k).trait("emotion_recognition").position
                                 for k in range(5)) for t in (70.0, 45.0, 20.0)]  # type: ignore[union-attr, misc]
    assert positions[0] < positions[1] < positions[2]


@pytest.mark.parametrize("sensitivity", [0.0, 1.0, 2.5])
def test_effort_choosers_reward_sensitivity_is_recovered(sensitivity: float) -> None:
    found = [value(profile(play_effort, sensitivity=sensitivity, seed=k), "effort", "effort.reward_sensitivity")
             for k in range(SESSIONS)]
    assert abs(statistics.mean(found) - sensitivity) <= 0.35


def test_effort_bias_orders_the_effort_trait() -> None:
    low, high = (statistics.mean(profile(play_effort, bias=b, seed=k).trait("effort_for_reward").position
                                 for k in range(5)) for b in (-2.5, 1.0))  # type: ignore[union-attr, misc]
    assert low < high


@pytest.mark.parametrize(("share", "responsiveness"), [(0.5, 0.0), (0.5, 0.2), (0.3, 0.1), (0.8, 0.0)])
def test_money_players_sending_rules_are_recovered(share: float, responsiveness: float) -> None:
    p = profile(play_money, share=share, responsiveness=responsiveness, return_share=0.4, dictator_share=0.3,
                offer_share=0.5, accept_min=4)
    # The computer's schedule alternates profitable and losing rounds, so the player sends share, then
    # share + r, share - r, share + r, share - r, share + r: a mean of share + r / 6 (whole units of $1).
    assert value(p, "money", "money.share_sent") == pytest.approx(share + responsiveness / 6, abs=0.05)
    assert value(p, "money", "money.responsiveness") == pytest.approx(2 * responsiveness, abs=0.1)
    assert value(p, "money", "money.share_returned") == pytest.approx(0.4, abs=0.05)
    assert value(p, "money", "money.dictator_share") == pytest.approx(0.3)
    assert value(p, "money", "money.ultimatum_offer_share") == pytest.approx(0.5)
    assert value(p, "money", "money.min_accepted_offer") == pytest.approx(0.4)
    assert value(p, "money", "money.max_rejected_offer") == pytest.approx(0.3)
    assert p.trait("trust").position == pytest.approx(100 * value(p, "money", "money.share_sent"))  # type: ignore[union-attr]
