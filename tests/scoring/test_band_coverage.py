"""Trait bands cover the true position 93-97 % of the time at the default battery's trial counts (scoring 1.2.0).

Simulated players across each game's parameter range (tests/scoring/coverage.py), 800 sessions per game
family, scored by the real trait functions; the seed is fixed, so the figures are the same on every run.
"""

from __future__ import annotations

import pytest

from scoring import SCORING_VERSION
from scoring.tables import TABLES
from tests.scoring.coverage import COVERAGE_MODELS, coverage

PLAYERS, PER_PLAYER = 200, 4
SHORT_OF_NOMINAL: dict[str, float] = {}  # none since issue 18's bands (docs/SCORING.md)
"""Traits whose 1.2.0 band is known to cover less than 93 %, each held to its measured floor (a change that makes it
worse fails) and named in docs/SCORING.md as open work. Empty: every trait reaches 93-97 %."""


def test_every_trait_of_the_current_version_has_a_player_model() -> None:
    families = {str(spec["source"]) for spec in TABLES[SCORING_VERSION]["traits"].values()}
    missing = sorted(families - set(COVERAGE_MODELS))
    assert not missing, f"add a player model to tests/scoring/coverage.py for: {', '.join(missing)}"


@pytest.mark.parametrize("family", sorted(COVERAGE_MODELS))
def test_bands_cover_the_true_position_93_to_97_percent(family: str) -> None:
    found = coverage(SCORING_VERSION, family, PLAYERS, PER_PLAYER)
    keys = [k for k, spec in TABLES[SCORING_VERSION]["traits"].items() if spec["source"] == family]
    assert set(found.given) == set(keys), "every trait of the family got bands in some sessions"
    for key in keys:
        assert found.given[key] >= 0.85 * PLAYERS * PER_PLAYER, f"{key}: bands given in too few sessions"
        low = SHORT_OF_NOMINAL.get(key, 0.93)
        assert low <= found.rate(key) <= 0.97, f"{key}: coverage {found.rate(key):.1%} over {found.given[key]}"


def test_the_old_split_half_band_was_too_narrow() -> None:
    """The defect this version fixes (kept as a check that the harness can tell good bands from bad)."""
    found = coverage("1.1.0", "decision", 50, 4)
    assert all(found.rate(key) < 0.9 for key in found.given)
