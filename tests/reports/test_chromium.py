"""The HTML report and comparison in a real headless Chromium: no console errors, every chart in the DOM with its
data, a screenshot, and the page printed to PDF by Chromium with the expected pages."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reports import ReportInput, build_comparison, build_report, render_html
from reports.session_data import session_data
from scoring import load_role
from tests.reports.browser import chromium, print_pdf, screenshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with chromium(900, 1200) as driver:
        yield driver


def _open(driver: Any, html: str, path: Path) -> None:
    path.write_text(html, encoding="utf-8")
    driver.get(path.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def _console(driver: Any) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "WARNING")]


def _page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def _metric(inp: ReportInput, game: str, key: str) -> Any:
    found = inp.profile.game(game).metric(key)  # type: ignore[union-attr]
    assert found is not None
    return found.value


def test_report_loads_clean_with_every_chart_and_its_data(browser: Any, first: ReportInput, tmp_path: Path) -> None:
    doc = build_report(first, load_role("sales_associate"))
    _open(browser, render_html(doc), tmp_path / "report.html")
    assert _console(browser) == []
    charts = browser.execute_script(
        "return [...document.querySelectorAll('svg[data-chart]')].map(s => [s.dataset.chart, "
        "s.getBoundingClientRect().width, s.getBoundingClientRect().height])")
    assert [c[0] for c in charts] == [c.canvas.key for c in doc.charts()]
    assert all(w > 500 and h > 20 for _, w, h in charts)
    data = session_data(first.records)
    bars = browser.execute_script("return [...document.querySelectorAll('svg[data-chart=bart-pumps] rect.balloon')]"
                                  ".map(r => [+r.dataset.pumps, r.dataset.burst])")
    assert bars == [[b.pumps, "1" if b.burst else "0"] for b in data.balloons]
    assert sum(burst == "1" for _, burst in bars) == _metric(first, "bart", "bart.bursts")
    dots = browser.execute_script("return document.querySelectorAll('svg[data-chart=rt-simple_rt] .response').length")
    assert dots == sum(p.latency_ms is not None for p in data.rt_games[0].points)
    alarms = browser.execute_script("return +document.querySelector('svg[data-chart=go-nogo]').dataset.falseAlarms")
    nogo = browser.execute_script("return +document.querySelector('svg[data-chart=go-nogo]').dataset.nogo")
    assert alarms == round(_metric(first, "go_nogo", "rt.commission_rate") * nogo)
    tasks = browser.execute_script("return document.querySelectorAll('svg[data-chart=decision-timeline] rect.task')"
                                   ".length")
    assert tasks == _metric(first, "decision", "decision.tasks_completed")
    marks = browser.execute_script("return Object.fromEntries([...document.querySelectorAll("
                                   "'svg[data-chart=traits] circle.marker')].map(c => [c.dataset.trait, "
                                   "+c.dataset.position]))")
    assert marks == {t.key: round(t.position) for t in first.profile.traits if t.position is not None}  # type: ignore[union-attr]
    shot = screenshot(browser, tmp_path / "report.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printed_by_chromium_summary_fits_page_one_and_each_part_starts_a_page(
    browser: Any, first: ReportInput, tmp_path: Path, paper: str
) -> None:
    doc = build_report(first, load_role("sales_associate"))
    _open(browser, render_html(doc, paper), tmp_path / "report.html")  # type: ignore[arg-type]
    pages = _page_texts(print_pdf(browser, tmp_path / "report.pdf"))
    assert "Candidate assessment report" in pages[0] and "Overall fit" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0] and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    titles = ("Balloon game (risk taking)", "Simple reaction time", "Workplace decision scenarios",
              "Evidence behind every figure")
    starts = [next((i for i, p in enumerate(pages) if title in p.strip().splitlines()[0]), None) for title in titles]
    assert starts[0] == 1, "the summary must fit page one, and the first game start page two"
    assert None not in starts and starts == sorted(set(starts)), f"each part starts a page of its own: {starts}"
    size = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True, text=True).stdout
    assert ("(A4)" in size) if paper == "a4" else ("(letter)" in size)


def test_comparison_in_chromium(browser: Any, first: ReportInput, others: list[ReportInput], tmp_path: Path) -> None:
    doc = build_comparison([first, *others], load_role("sales_associate"))
    _open(browser, render_html(doc), tmp_path / "compare.html")
    assert _console(browser) == []
    lanes = browser.execute_script("return [...document.querySelectorAll('svg[data-chart=compare] circle.marker')]"
                                   ".map(c => c.dataset.candidate + ':' + c.dataset.trait + ':' + c.dataset.position)")
    expected = [f"{'ABC'[i]}:{t.key}:{round(t.position)}" for i, inp in enumerate([first, *others])
                for t in inp.profile.traits if t.position is not None]  # type: ignore[union-attr]
    assert sorted(lanes) == sorted(expected)
    pages = _page_texts(print_pdf(browser, tmp_path / "compare.pdf"))
    assert len(pages) == 2 and "Traits on one axis" in pages[0] and "Fit to the role" in "".join(pages)
    assert screenshot(browser, tmp_path / "compare.png").stat().st_size > 20_000


def test_declined_session_page(browser: Any, refused: ReportInput, tmp_path: Path) -> None:
    _open(browser, render_html(build_report(refused)), tmp_path / "declined.html")
    assert _console(browser) == []
    text = browser.find_element("tag name", "body").text
    assert "declined the consent" in text and "not completed" not in text
    assert len(_page_texts(print_pdf(browser, tmp_path / "declined.pdf"))) == 1
