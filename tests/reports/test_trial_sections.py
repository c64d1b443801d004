"""The trial games' report sections: a chart and recruiter words per game, the schematic-faces note, no raw keys,
the too-little-data words; the report with them in a real headless Chromium and printed to PDF by it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reports import ReportInput, build_report, meta_from_events, render_html
from reports.labels import label_for, spell
from scoring import score_session
from tests.reports.browser import chromium, print_pdf
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate_trials import play_igt, trial_games

RAW = re.compile(r"\b(?:igt|tower|faces|effort|money)\.[a-z_]+\b")


@pytest.fixture(scope="module")
def trials_report() -> ReportInput:
    b = StreamBuilder("9a1e0c2b-4444-4c3b-9d7e-0a1b2c3d4e5f", "P-TR1A")
    trial_games(b, seed=2)
    records = b.close()
    return ReportInput(meta_from_events(records, "front-desk"), score_session(records), tuple(records))


def test_one_section_and_chart_per_trial_game_with_recruiter_words(trials_report: ReportInput) -> None:
    doc = build_report(trials_report)
    assert [s.key for s in doc.sections] == ["summary", "game-igt", "game-tower", "game-faces", "game-effort",
                                             "game-money", "evidence"]
    assert [c.canvas.key for c in doc.charts()] == ["traits", "igt-blocks", "tower-levels", "faces-intensity",
                                                    "effort-probability", "money-shares"]
    igt = next(c.canvas for c in doc.charts() if c.canvas.key == "igt-blocks")
    assert [dict(s.data)["value"] for s in igt.shapes if getattr(s, "cls", "") == "bar"] == [
        f"{m.value:g}" for m in trials_report.profile.game("igt").metrics  # type: ignore[union-attr]
        if m.key == "igt.block_net_score"]
    html = render_html(doc)
    text = re.sub(r"<[^>]+>", " ", html.split("</style>")[1])
    assert RAW.findall(text) == []
    assert "not a validated photographic set" in text and "schematic" in text
    assert "The other player is the computer" not in text  # that is the candidate's instruction, not a finding
    assert "is told so" in text


def test_values_are_spelled_in_recruiter_units() -> None:
    assert spell(8, label_for("igt.net_score").unit) == "+8"
    assert spell(-1.25, label_for("igt.learning_slope").unit) == "-1.2 per block"
    assert spell(-25000, label_for("igt.net_money_cents").unit) == "-$250.00"
    assert spell(0.4, label_for("money.responsiveness").unit) == "+40 points"
    assert spell(0.35, label_for("faces.threshold_intensity").unit) == "35 %"
    assert spell(5.56, label_for("effort.press_rate").unit) == "5.6 per s"


def test_too_little_data_says_so_in_words() -> None:
    b = StreamBuilder("short-igt")
    play_igt(b, trials=12)
    records = b.close()
    html = render_html(build_report(ReportInput(meta_from_events(records), score_session(records), tuple(records))))
    assert "Not enough data" in html and "Invite the candidate to re-test with the full card game" in html


@pytest.mark.slow
def test_the_report_loads_clean_in_chromium_and_prints(trials_report: ReportInput, tmp_path: Path) -> None:
    doc = build_report(trials_report)
    page = tmp_path / "report.html"
    page.write_text(render_html(doc), encoding="utf-8")
    with chromium(900, 1200) as driver:
        driver.get(page.as_uri())
        errors: list[Any] = [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "WARNING")]
        assert errors == []
        charts = driver.execute_script(
            "return [...document.querySelectorAll('svg[data-chart]')].map(s => [s.dataset.chart, "
            "s.getBoundingClientRect().width])")
        assert [c[0] for c in charts] == [c.canvas.key for c in doc.charts()]
        assert all(w > 500 for _, w in charts)
        threshold = driver.execute_script("return document.querySelector('svg[data-chart=faces-intensity] "
                                          "circle.threshold').dataset.intensity")
        found = trials_report.profile.game("faces").metric("faces.threshold_intensity")  # type: ignore[union-attr]
        assert threshold == f"{100 * found.value:.0f}"  # type: ignore[union-attr, operator]
        pdf = print_pdf(driver, tmp_path / "report.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
