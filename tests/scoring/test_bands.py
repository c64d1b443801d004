"""The 1.2.0 band estimators against known values, and reliability at a ceiling."""

from __future__ import annotations

import pytest

from scoring import score_session
from scoring.bands import BandSpec, SplitMix64, nominal_band, t_quantile
from scoring.tables import TABLES
from tests.scoring.helpers import StreamBuilder, bart_game

SETTINGS = TABLES["1.2.0"]["reliability"]


def test_splitmix64_gives_the_reference_outputs_for_seed_zero() -> None:
    rng = SplitMix64(0)
    assert [rng.next() for _ in range(3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]


@pytest.mark.parametrize(("df", "expected"), [(1, 12.7062), (2, 4.3027), (3, 3.1824), (10, 2.2281), (30, 2.0423)])
def test_t_quantiles_match_the_published_table(df: int, expected: float) -> None:
    assert t_quantile(df, 0.975) == pytest.approx(expected, abs=0.005)


def test_wilson_interval_of_a_share_matches_the_published_example() -> None:
    # Newcombe (1998), Stat Med 17:857, table I: 81 of 263 -> 0.2553 to 0.3662 (Wilson, 95 %)
    band = nominal_band("x", BandSpec("proportion", transform=lambda p: 100 * p), [1.0] * 81 + [0.0] * 182,
                        lambda xs: None, 30.8, SETTINGS)
    assert band is not None
    assert (band.low, band.high) == (pytest.approx(25.53, abs=0.01), pytest.approx(36.62, abs=0.01))


def test_the_median_interval_of_20_items_lies_between_the_6th_and_15th_values() -> None:
    items = [float(x) for x in range(1, 21)]
    band = nominal_band("x", BandSpec("median", transform=lambda m: m), items, lambda xs: None, 10.5, SETTINGS)
    assert band is not None
    assert 6.0 <= band.low < 7.0 and 14.0 < band.high <= 15.0  # x(6)..x(15) covers 95.9 %; interpolated to 95 %


def test_the_bootstrap_band_is_the_same_on_every_run() -> None:
    items = [3.0, 9.0, 4.0, 12.0, 7.0, 5.0, 8.0, 10.0]
    stat = lambda xs: sum(xs) / len(xs) * 5  # noqa: E731
    first = nominal_band("k", BandSpec(), items, stat, stat(items), SETTINGS)
    assert first == nominal_band("k", BandSpec(), items, stat, stat(items), SETTINGS)
    assert first is not None and first.low < stat(items) < first.high


def test_a_few_identical_items_still_get_a_band_from_the_pseudo_items() -> None:
    band = nominal_band("x", BandSpec("mean", transform=lambda m: m, bounds=(0.0, 100.0)), [0.0] * 4,
                        lambda xs: None, 0.0, SETTINGS)
    assert band is not None and band.low == 0.0 and band.high > 30


def _ceiling_session() -> list:
    b = StreamBuilder("s-ceiling")
    bart_game(b, [(128, 129)] * 12)  # every balloon pumped to capacity and never burst: risk 100 in both halves
    return b.close()


def test_both_halves_at_the_ceiling_make_reliability_not_estimable_from_1_2_0() -> None:
    risk = score_session(_ceiling_session()).trait("risk_tolerance")
    assert risk is not None and risk.position == 100.0
    assert risk.reliability is None and risk.reliability_label == "not estimable"
    assert any("not estimable" in e for e in risk.evidence)
    old = score_session(_ceiling_session(), "1.1.0").trait("risk_tolerance")
    assert old is not None and old.reliability == 1.0  # the defect, kept byte for byte in 1.1.0
