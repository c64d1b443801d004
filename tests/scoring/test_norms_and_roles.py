"""Norm tables and derived roles built from simulated people (no invented norms ship)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import load_role, score_session
from scoring.derive import MIN_INCUMBENTS, DeriveError, derive_role, role_toml
from scoring.norms import (
    MIN_NORM_N,
    NormError,
    NormSession,
    build_norms,
    compared,
    load_norms,
    norms_toml,
    percentile_rank,
    quantile,
)
from tests.scoring.helpers import StreamBuilder, bart_game
from tests.scoring.population import population

NOW = "2026-01-02T03:04:05+00:00"


@pytest.fixture(scope="module")
def people() -> list[NormSession]:
    return population(60)


def _bot() -> NormSession:
    b = StreamBuilder("bot", "P-bot")
    bart_game(b, [(40, 129)] * 15, gap_ms=19)
    return NormSession("bot", "default", "completed", score_session(b.close()))


def test_a_norm_table_holds_n_mean_sd_percentiles_and_the_sessions_used(people: list[NormSession]) -> None:
    partial = NormSession("left", "default", "abandoned", people[0].profile)
    other = NormSession("other", "quick", "completed", people[1].profile)
    table = build_norms([*people, partial, other, _bot()], "simulated applicants", NOW, "1.3.0")
    assert table.sessions == [p.session_id for p in people] and table.battery == "default"
    assert table.excluded == {"left": "status abandoned, not completed", "other": "battery quick, not default",
                              "bot": "automated input"}
    risk = table.traits["risk_tolerance"]
    values = sorted(p.profile.trait("risk_tolerance").position for p in people)  # type: ignore[union-attr]
    assert risk.n == 60 and risk.mean == pytest.approx(sum(values) / 60, abs=1e-4)
    assert risk.percentiles["p50"] == pytest.approx(quantile(values, 50), abs=1e-4)
    assert risk.percentiles["p1"] <= risk.percentiles["p25"] <= risk.percentiles["p75"] <= risk.percentiles["p99"]
    assert len(table.inclusion) >= 4 and table.created_utc == NOW and table.scoring_version == "1.3.0"


def test_the_table_survives_its_toml_and_places_a_person(people: list[NormSession], tmp_path: Path) -> None:
    table = build_norms(people, 'applicants "A", 2026', NOW, "1.3.0")
    path = tmp_path / "norms.toml"
    path.write_text(norms_toml(table), encoding="utf-8")
    again = load_norms(path)
    assert again.sessions == table.sessions and again.group == table.group
    assert again == table  # every figure is rounded to 4 decimals when the table is built
    median = again.traits["risk_tolerance"].percentiles["p50"]
    assert percentile_rank(again.traits["risk_tolerance"], median) == 50
    head, rows = compared(people[0].profile, again)  # type: ignore[arg-type]
    assert "applicants" in head and "60 sessions" in head
    risk = next(r for r in rows if r[0] == "Risk tolerance")
    assert risk[1].endswith("percentile") and risk[2] == "60"


def test_without_a_table_the_profile_says_so(people: list[NormSession]) -> None:
    head, rows = compared(people[0].profile, None)  # type: ignore[arg-type]
    assert head.startswith("No norm table is loaded") and rows == []


def test_small_groups_get_no_percentiles_and_nothing_usable_is_refused(people: list[NormSession]) -> None:
    small = build_norms(people[: MIN_NORM_N - 1], "a few", NOW, "1.3.0")
    assert all(not n.percentiles for n in small.traits.values())
    assert percentile_rank(small.traits["risk_tolerance"], 50.0) is None
    with pytest.raises(NormError, match="none of the 1 sessions"):
        build_norms([_bot()], "bots", NOW, "1.3.0")


def test_a_broken_norm_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('group = "x"\n', encoding="utf-8")
    with pytest.raises(NormError, match=r"bad\.toml"):
        load_norms(bad)


def test_a_role_derived_from_incumbents_is_the_middle_half_and_says_how_it_was_made(
        people: list[NormSession], tmp_path: Path) -> None:
    role = derive_role(people, "Night dispatcher", "Dispatch at night", NOW, "1.3.0")
    values = sorted(p.profile.trait("risk_tolerance").position for p in people)  # type: ignore[union-attr]
    band = role.traits["risk_tolerance"]
    assert (band.low, band.high) == (round(quantile(values, 25), 1), round(quantile(values, 75), 1))
    assert role.provenance is not None and role.provenance.n == 60 and role.provenance.minimum_n == MIN_INCUMBENTS
    assert "pymetrics" in role.provenance.minimum_source
    path = tmp_path / "dispatcher.toml"
    path.write_text(role_toml(role), encoding="utf-8")
    again = load_role(path)
    assert again == role
    assert again.origin.startswith("Target bands derived from 60 people")
    assert load_role("sales_associate").origin.startswith("Target bands written by hand")


def test_too_few_incumbents_are_refused(people: list[NormSession]) -> None:
    with pytest.raises(DeriveError, match=f"49 incumbent session.*at least {MIN_INCUMBENTS}"):
        derive_role(people[:49], "Tiny", "", NOW, "1.3.0")
