"""Hand-computed golden session for the balloon game."""

from __future__ import annotations

import math

import pytest

from scoring import score_session
from tests.scoring.helpers import StreamBuilder, bart_game

# (pumps attempted, burst point) on capacity-100 balloons; balloons 1 and 4 burst (at 15 and 20).
PLAN = [(10, 50), (20, 15), (12, 100), (8, 90), (30, 20), (16, 60), (14, 60), (9, 99), (11, 64)]
UNBURST = [10, 12, 8, 16, 14, 9, 11]


@pytest.fixture(scope="module")
def profile():  # type: ignore[no-untyped-def]
    b = StreamBuilder()
    bart_game(b, PLAN, capacity=100, gap_ms=400)
    return score_session(b.close())


def value(profile, key: str):  # type: ignore[no-untyped-def]
    return profile.game("bart").metric(key).value


def test_pump_counts_by_hand(profile) -> None:  # type: ignore[no-untyped-def]
    assert value(profile, "bart.balloons") == 9
    assert value(profile, "bart.adjusted_pumps") == pytest.approx(80 / 7)
    assert value(profile, "bart.mean_pumps") == pytest.approx(115 / 9)  # 15 and 20 count for burst balloons
    assert value(profile, "bart.bursts") == 2
    assert value(profile, "bart.earnings_cents") == 80 * 5
    sd = math.sqrt(sum((x - 80 / 7) ** 2 for x in UNBURST) / 6)  # 47.714.../6
    assert value(profile, "bart.cv_pumps") == pytest.approx(sd / (80 / 7))


def test_response_to_losses_uses_unburst_balloons_after_each_outcome(profile) -> None:  # type: ignore[no-untyped-def]
    # after a burst: balloons 2 (12) and 5 (16) -> 14; after a collect: 3, 6, 7, 8 -> (8+14+9+11)/4 = 10.5
    assert value(profile, "bart.response_to_losses") == pytest.approx(3.5)


def test_learning_and_speed(profile) -> None:  # type: ignore[no-untyped-def]
    # first third (0,1,2): unburst 10, 12 -> 11; last third (6,7,8): 14, 9, 11 -> 34/3
    assert value(profile, "bart.learning") == pytest.approx(34 / 3 - 11)
    assert value(profile, "bart.median_interpump_ms") == pytest.approx(400.0)
    assert value(profile, "bart.rapid_share") == 0.0
    assert profile.game("bart").metric("bart.median_interpump_ms").n == sum(p - 1 for p in [10, 15, 12, 8, 20, 16,
                                                                                              14, 9, 11])


def test_traits_by_hand(profile) -> None:  # type: ignore[no-untyped-def]
    risk = profile.trait("risk_tolerance")
    assert risk.position == pytest.approx(80 / 7)  # % of capacity 100
    assert (risk.low_pole, risk.high_pole, risk.kind) == ("Cautious", "Bold", "style")
    assert risk.band_low <= risk.position <= risk.band_high
    assert any("11.4 %" in e for e in risk.evidence)
    speed = profile.trait("decision_speed")
    assert speed.position == pytest.approx(100 * math.log(400 / 1500) / math.log(150 / 1500))
    losses = profile.trait("response_to_losses")
    assert losses.position == pytest.approx(50 + 50 * 3.5 / 25)


def test_per_colour_metrics_when_several_colours() -> None:
    b = StreamBuilder()
    cols = ["orange", "blue"] * 4
    caps = [8, 128] * 4
    bart_game(b, [(3, 8), (40, 128)] * 4, colours=cols, capacities=caps)
    game = score_session(b.close()).game("bart")
    assert game.metric("bart.adjusted_pumps", "orange").value == 3
    assert game.metric("bart.adjusted_pumps", "blue").value == 40
    assert game.metric("bart.earnings_cents", "blue").value == 4 * 40 * 5
