"""Hand-computed golden sessions for the reaction-time games."""

from __future__ import annotations

from statistics import NormalDist

import pytest

from scoring import score_session
from tests.scoring.helpers import MS, StreamBuilder


def rt_game(b: StreamBuilder, game: str, variant: str, trials: list[tuple[str, bool, float | None]]) -> None:
    """trials: (what, is_go, latency ms) with what in hit/error/omission/commission/withheld/false_start."""
    b.after(5, "rt.game_started", {"variant": variant, "trials": len(trials), "seed": 1, "keys": ["Space"],
                                   "timeout_ms": 1500}, game)
    index = 0
    for what, is_go, lat in trials:
        b.after(800, "rt.trial_started", {"trial": index, "variant": variant, "foreperiod_ns": 1000 * MS,
                                          "stimulus": "x", "is_go": is_go, "correct_key": "Space" if is_go else None},
                game, index)
        if what == "false_start":
            b.after(500, "rt.false_start", {"trial": index, "key": "Space", "before_onset_ns": 500 * MS}, game, index)
            continue
        onset = b.after(1000, "rt.stimulus_onset", {"trial": index, "stimulus": "x", "requested_t_ns": b.t_ns,
                                                    "presented_t_ns": b.t_ns}, game, index)
        if what in ("hit", "error"):
            b.after(lat, "rt.response", {"trial": index, "key": "Space", "latency_ns": round(lat * MS),
                                         "correct": what == "hit", "qt_event_ms": None}, game, index)
        elif what == "commission":
            b.after(lat, "rt.commission", {"trial": index, "key": "Space", "latency_ns": round(lat * MS)}, game, index)
        elif what == "omission":
            b.add("rt.omission", onset.t_ns + 1500 * MS, {"trial": index, "timeout_ns": 1500 * MS}, game, index)
        b.after(1, "rt.trial_ended", {"trial": index, "outcome": what}, game, index)
        index += 1
    b.after(5, "rt.game_ended", {"trials": index}, game)


SIMPLE = [("hit", True, x) for x in (250, 300, 350, 280, 320, 600, 260, 310)] + [("false_start", True, None)] + \
    [("hit", True, 90), ("hit", True, 290), ("hit", True, 330), ("hit", True, 270), ("omission", True, None)]


def test_simple_rt_by_hand() -> None:
    b = StreamBuilder()
    rt_game(b, "simple_rt", "simple", SIMPLE)
    g = score_session(b.close()).game("simple_rt")
    valid = [250, 300, 350, 280, 320, 600, 260, 310, 290, 330, 270]  # 90 ms is an anticipation
    assert g.metric("rt.valid_n").value == 11
    assert g.metric("rt.median_rt_ms").value == pytest.approx(300)
    assert g.metric("rt.mean_rt_ms").value == pytest.approx(sum(valid) / 11)
    assert g.metric("rt.lapses").value == 1
    assert g.metric("rt.slow_tail_ms").value == pytest.approx((600 + 350) / 2 - 300)  # slowest round(2.2) = 2
    assert g.metric("rt.false_starts").value == 1
    assert g.metric("rt.anticipations").value == 2
    assert g.metric("rt.anticipation_rate").value == pytest.approx(2 / 13)  # 12 responses + 1 false start
    assert g.metric("rt.omissions").value == 1
    assert g.metric("rt.trials").value == 13


def test_go_nogo_dprime_with_loglinear_correction() -> None:
    trials = [("hit", True, 300 + 10 * i) for i in range(10)] + [("omission", True, None)] * 2 + \
        [("commission", False, 250)] + [("withheld", False, None)] * 5
    b = StreamBuilder()
    rt_game(b, "go_nogo", "go_nogo", trials)
    p = score_session(b.close())
    g = p.game("go_nogo")
    z = NormalDist().inv_cdf
    assert g.metric("rt.dprime").value == pytest.approx(z(10.5 / 13) - z(1.5 / 7))  # ~ 0.869 + 0.792
    assert g.metric("rt.dprime").value == pytest.approx(1.661, abs=0.001)
    assert g.metric("rt.commission_rate").value == pytest.approx(1 / 6)
    assert g.metric("rt.omission_rate").value == pytest.approx(2 / 12)
    assert g.metric("rt.hit_rt_ms").value == pytest.approx(345)
    assert p.trait("restraint").position == pytest.approx(100 * 5 / 6)
    assert "ability" in p.trait("restraint").note


def test_perfect_go_nogo_rates_give_a_finite_dprime() -> None:
    trials = [("hit", True, 300.0)] * 10 + [("withheld", False, None)] * 5
    b = StreamBuilder()
    rt_game(b, "go_nogo", "go_nogo", trials)
    d = score_session(b.close()).game("go_nogo").metric("rt.dprime").value
    z = NormalDist().inv_cdf
    assert d == pytest.approx(z(10.5 / 11) - z(0.5 / 6))


def test_choice_accuracy() -> None:
    trials = [("hit", True, 400.0)] * 9 + [("error", True, 420.0)] * 3
    b = StreamBuilder()
    rt_game(b, "choice_rt", "choice", trials)
    g = score_session(b.close()).game("choice_rt")
    assert g.metric("rt.accuracy").value == pytest.approx(9 / 12)
    assert g.metric("rt.median_rt_ms").insufficient is not None  # only 9 valid hits: fewer than 10
