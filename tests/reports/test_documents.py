"""The report and comparison documents: sections, page-1 content, role fit with its scale, declined sessions."""

from __future__ import annotations

import dataclasses

import pytest

from reports import CompareError, ReportInput, build_comparison, build_report, render_html
from reports.document import Chart, Columns, Facts
from scoring import load_role, role_fit


def test_report_has_a_summary_a_section_per_game_in_play_order_and_the_evidence(first: ReportInput) -> None:
    doc = build_report(first)
    assert [s.key for s in doc.sections] == ["summary", "game-bart", "game-simple_rt", "game-go_nogo",
                                             "game-decision", "evidence"]
    assert [c.canvas.key for c in doc.charts()] == ["traits", "bart-pumps", "rt-simple_rt", "rt-go_nogo", "go-nogo",
                                                   "decision-timeline"]
    facts = next(b for b in doc.sections[0].blocks if isinstance(b, Facts))
    # The fixture plays the four games of the earlier default battery; the default now plans seven, without simple_rt
    assert dict(facts.items)["Completion"] == "Completed: 3 of 7 games finished (+1 extra)"
    assert dict(facts.items)["Battery"] == "Standard battery: risk, control, memory, attention, decisions"
    assert dict(facts.items)["Assessed"].startswith("2025-03-12 09:30 (Europe/Berlin)")  # 08:30 UTC, local time


def test_the_consent_text_version_is_named_beside_the_time(first: ReportInput) -> None:
    facts = next(b for b in build_report(first).sections[0].blocks if isinstance(b, Facts))
    assert "consent" not in dict(facts.items)["Assessed"]  # recorded before versions were kept: nothing claimed
    versioned = dataclasses.replace(first, meta=dataclasses.replace(first.meta, consent_version="en-1"))
    facts = next(b for b in build_report(versioned).sections[0].blocks if isinstance(b, Facts))
    assert dict(facts.items)["Assessed"].endswith(" min · consent text en-1")


def test_games_outside_the_battery_are_named_apart_not_counted_against_its_plan(first: ReportInput) -> None:
    assert first.profile is not None
    games = first.profile.games
    extra = [games[0].model_copy(update={"game": "igt"}), games[1].model_copy(update={"game": "tower"})]
    profile = first.profile.model_copy(update={"games": [*first.profile.games, *extra]})
    doc = build_report(dataclasses.replace(first, profile=profile))
    facts = next(b for b in doc.sections[0].blocks if isinstance(b, Facts))
    assert dict(facts.items)["Completion"] == "Completed: 3 of 7 games finished (+3 extra)"


def test_role_fit_is_on_page_one_with_its_scale_and_the_traits_in_band(first: ReportInput) -> None:
    role = load_role("sales_associate")
    fit = role_fit(first.profile, role)  # type: ignore[arg-type]
    summary = build_report(first, role).sections[0]
    keys = [b.canvas.key for b in summary.blocks if isinstance(b, Chart)]
    assert keys == ["traits", "role-fit"]
    html = render_html(build_report(first, role))
    inside = sum(p.status == "inside" for p in fit.traits)
    assert f"Overall fit {fit.overall:.0f} of 100: {inside} of {len(fit.traits)} scored traits are inside" in html
    assert "Scale: 100 = every scored trait inside its band" in html


def test_style_and_ability_traits_are_drawn_apart_and_labelled(first: ReportInput) -> None:
    html = render_html(build_report(first))
    assert "STYLES · neither pole is better" in html and "ABILITIES · higher is better performance" in html
    assert 'data-kind="ability"' in html and 'data-kind="style"' in html


def test_declined_session_says_declined_and_nothing_else(refused: ReportInput) -> None:
    doc = build_report(refused)
    assert [s.key for s in doc.sections] == ["summary"]
    html = render_html(doc)
    assert "declined the consent" in html and "Declined at the consent step" in html
    assert "not completed" not in html and "<svg" not in html


def test_name_appears_only_when_passed_in(first: ReportInput) -> None:
    plain = render_html(build_report(first))
    assert "Ada Lovelace" not in plain and "the candidate is named by pseudonym" in plain
    named = dataclasses.replace(first, meta=dataclasses.replace(first.meta, name="Ada Lovelace"))
    html = render_html(build_report(named))
    assert "P-7K3Q (Ada Lovelace)" in html
    assert "named by pseudonym" not in html and "this copy carries the candidate's name" in html  # footer is true


def test_decision_style_sits_beside_strengths_and_considerations(first: ReportInput) -> None:
    columns = next(b for b in build_report(first).sections[0].blocks if isinstance(b, Columns))
    assert [type(b).__name__ for b in columns.right] == ["Bullets", "Bullets"]
    assert columns.right[1].title == "Considerations for the interview"  # type: ignore[union-attr]


def test_comparison_aligns_every_candidate_on_one_axis_with_fit_per_candidate(
    first: ReportInput, others: list[ReportInput]
) -> None:
    role = load_role("operations_analyst")
    doc = build_comparison([first, *others], role)
    chart = doc.charts()[0].canvas
    markers = [dict(s.data) for s in chart.shapes if getattr(s, "cls", "") == "marker"]
    assert {m["candidate"] for m in markers} == {"A", "B", "C"}
    html = render_html(doc)
    for inp in (first, *others):
        fit = role_fit(inp.profile, role)  # type: ignore[arg-type]
        assert f"{fit.overall:.0f} of 100" in html


@pytest.mark.parametrize("count", [1, 5])
def test_comparison_needs_two_to_four_distinct_sessions(count: int, first: ReportInput,
                                                       others: list[ReportInput]) -> None:
    pool = [first, *others, *others]
    with pytest.raises(CompareError, match="2 to 4"):
        build_comparison(pool[:count])
    with pytest.raises(CompareError, match="distinct"):
        build_comparison([first, first])
