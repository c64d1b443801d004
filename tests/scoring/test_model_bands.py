"""The 1.2.0 model-based bands (span, IGT, stop-signal) against hand-worked values (scoring/*_band*.py)."""

from __future__ import annotations

import math

import pytest

from scoring.bands import BandSpec, nominal_band, wilson_interval
from scoring.digit_span import Answer
from scoring.igt_bands import block_lag1, learning_interval, share_interval
from scoring.span_band import span_band, span_distribution
from scoring.stop_band import replayed_ssrt_sd, staircase_step
from scoring.stop_signal import Race
from scoring.tables import TABLES

SETTINGS = TABLES["1.2.0"]["reliability"]
ANCHORS = TABLES["1.2.0"]["traits"]["working_memory"]["span_anchors"]


def test_the_span_rule_as_a_markov_chain() -> None:
    # a sharp curve at 4.5 digits: lengths 3 and 4 are always passed, 5 never, so the span is 4
    assert span_distribution(3, 9, 4.5, 0.01) == pytest.approx({0: 0.0, 3: 0.0, 4: 1.0, 5: 0.0, 6: 0.0, 7: 0.0,
                                                               8: 0.0, 9: 0.0})
    # a flat curve (recall 1/2 at every length): each length is passed with probability 3/4
    flat = span_distribution(3, 5, 4.0, 1e9)
    assert flat == pytest.approx({0: 0.25, 3: 0.75 * 0.25, 4: 0.75 * 0.75 * 0.25, 5: 0.75 ** 3})
    assert math.fsum(span_distribution(2, 8, 5.3, 0.7).values()) == pytest.approx(1.0)


def _answers(direction: str, first: int, passed_up_to: int, top: int) -> list[Answer]:
    out: list[Answer] = []
    for length in range(first, min(passed_up_to + 1, top) + 1):
        for _ in range(2):
            target = "1" * length
            entry = target if length <= passed_up_to else "2" * length
            out.append(Answer(len(out), direction, length, target, entry, 400.0 * length, 0))
    return out


def test_the_span_band_rises_with_the_span_and_is_the_same_every_time() -> None:
    weak = _answers("forward", 3, 4, 9) + _answers("backward", 2, 3, 8)
    strong = _answers("forward", 3, 8, 9) + _answers("backward", 2, 6, 8)
    low, high = span_band(weak, ANCHORS, 0.95) or (0.0, 0.0), span_band(strong, ANCHORS, 0.95) or (0.0, 0.0)
    assert low[0] < low[1] < high[0] < high[1]
    assert span_band(strong, ANCHORS, 0.95) == high


def test_a_model_band_holds_the_position() -> None:
    band = nominal_band("x", BandSpec("model", interval=lambda items, conf: (40.0, 60.0)), [1], lambda xs: 70.0,
                        70.0, SETTINGS)
    assert band is not None and (band.low, band.high, band.method) == (40.0, 70.0, "model")


def test_the_lag1_autocorrelation_within_blocks() -> None:
    alternating = [(i, i % 2 == 0) for i in range(40)]
    assert block_lag1(alternating, 20) == 0.0  # negative, clamped to 0
    # runs of five: residuals +-1/2 around each block's share of 1/2; of 19 neighbour pairs 16 agree and 3 differ,
    # so r = (16 - 3) / 4 / (20 / 4) = 0.65
    runs = [(i, (i // 5) % 2 == 0) for i in range(40)]
    assert block_lag1(runs, 20) == pytest.approx(0.65)


def test_independent_choices_keep_the_wilson_interval() -> None:
    alternating = [(i, i % 2 == 0) for i in range(100)]
    low, high = wilson_interval(50, 100, 0.95)
    found = share_interval(alternating, 20, 0.95)
    assert found is not None
    assert found[0] == pytest.approx(100 * low) and found[1] == pytest.approx(100 * high)


def test_the_learning_band_by_hand() -> None:
    # five blocks of 20 at 10 good each, alternating (r = 0): each block's share with one of each kind added is 1/2,
    # so var(slope) = sum w^2 x 4 x 400 x 1/4 / 20 = 20 / Sxx = 2 and the half width is 1.96 sqrt(2) x 50 / 8
    alternating = [(i, i % 2 == 0) for i in range(100)]
    low, high = learning_interval(alternating, 20, 8.0, 50.0, 0.95) or (0.0, 0.0)
    assert high - 50.0 == pytest.approx(1.959964 * math.sqrt(2) * 50 / 8, rel=1e-5) and low == pytest.approx(100 - high)


def test_the_staircase_step_and_a_replayed_spread() -> None:
    assert staircase_step([250.0, 300.0, 250.0, 200.0, 200.0, 250.0]) == 50.0
    assert staircase_step([250.0]) == 50.0  # the guide's step when none was taken
    stops = [i % 4 == 3 for i in range(200)]
    go = [400.0 + (i * 37) % 200 for i in range(150)]
    sd = replayed_ssrt_sd("k", stops, go, [250.0, 300.0], 200.0, 200, lambda *counts: Race(*counts).ssrt())
    assert sd is not None and 5.0 < sd < 60.0
    assert replayed_ssrt_sd("k", stops, go, [250.0, 300.0], 200.0, 200, lambda *counts: Race(*counts).ssrt()) == sd
