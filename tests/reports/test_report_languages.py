"""A report in Spanish, German or Arabic (issue 17): none of the English of our report messages is left, read from
the page a real headless Chromium lays out and from the PDF's text (pdftotext); the Arabic page is right to left
with its charts left to right, and the Arabic PDF's text is the Arabic words, shaped; English is unchanged."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from games.decision.scenarios import load_scenarios
from i18n import reporting_in
from reports import Document, ReportInput, build_comparison, build_report, meta_from_events, render_html
from reports.pdf import render_pdf
from scoring import load_role, score_session
from tests.reports.browser import chromium
from tests.reports.languages import english_left, foreign_text, normalise
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate_memory import play_memory_attention
from tests.scoring.simulate_trials import trial_games

pytestmark = pytest.mark.slow

LANGUAGES = ("es", "de", "ar")
ROLE = "sales_associate"
SVG_TEXT = "return [...document.querySelectorAll('svg text')].map(t => t.textContent).join('\\n')"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with chromium(900, 1200) as driver:
        yield driver


@pytest.fixture(scope="module")
def games_input() -> ReportInput:
    """A session of the memory, attention and trial games (their sections, charts and labels)."""
    b = StreamBuilder("7c2d4e6f-5555-4c3b-9d7e-0a1b2c3d4e5f", "P-GM4L")
    play_memory_attention(b, seed=3)
    trial_games(b, seed=3)
    records = b.close()
    return ReportInput(meta_from_events(records, "front-desk"), score_session(records), tuple(records))


def _documents(language: str, first: ReportInput, others: list[ReportInput], games: ReportInput) -> list[Document]:
    with reporting_in(language):
        role = load_role(ROLE)
        return [build_report(first, role), build_report(games), build_comparison([first, *others], role)]


def _foreign(inputs: list[ReportInput]) -> str:
    """English that scoring, the scenario, battery and role files and reports/texts.py wrote (not ours)."""
    scenarios = [f"{s.title} {s.prompt}" for s in load_scenarios()]
    profiles = [i.profile.model_dump_json() for i in inputs if i.profile is not None]
    role = load_role(ROLE)
    return foreign_text([*profiles, *scenarios, role.name, role.description, role.origin])


def _shown(driver: Any, html: str, path: Path) -> str:
    """The page's text as Chromium lays it out, with its charts' text."""
    path.write_text(html, encoding="utf-8")
    driver.get(path.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"
    return driver.execute_script("return document.body.innerText") + "\n" + driver.execute_script(SVG_TEXT)


def _pdf_text(data: bytes, path: Path) -> str:
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_of_ours_is_left_in_the_html(browser: Any, first: ReportInput, others: list[ReportInput],
                                                 games_input: ReportInput, language: str, tmp_path: Path) -> None:
    docs = _documents(language, first, others, games_input)
    foreign = _foreign([first, *others, games_input])
    for n, doc in enumerate(docs):
        shown = _shown(browser, render_html(doc), tmp_path / f"{n}.html")
        assert english_left(shown, language, foreign) == [], f"{doc.kind} {n} in {language}"
        assert len(normalise(shown)) > 2000


def test_the_check_finds_our_english_in_an_english_report(browser: Any, first: ReportInput, others: list[ReportInput],
                                                         games_input: ReportInput, tmp_path: Path) -> None:
    """The control: the same walk over the English report finds our messages (the check can fail)."""
    docs = _documents("en", first, others, games_input)
    left = english_left(_shown(browser, render_html(docs[0]), tmp_path / "en.html"), "de",
                        _foreign([first, *others, games_input]))
    assert len(left) > 40 and any("Candidate assessment report" in item for item in left)


def test_the_arabic_page_is_right_to_left_and_its_charts_left_to_right(browser: Any, first: ReportInput,
                                                                      tmp_path: Path) -> None:
    with reporting_in("ar"):
        doc = build_report(first, load_role(ROLE))
    _shown(browser, render_html(doc), tmp_path / "ar.html")
    html = browser.execute_script("return [document.documentElement.lang, document.documentElement.dir]")
    assert html == ["ar", "rtl"]
    style = browser.execute_script(
        "const s = e => getComputedStyle(document.querySelector(e));"
        "return [s('h2').direction, s('th').textAlign, s('figure svg').direction, s('.fact').borderRightWidth]")
    assert style == ["rtl", "right", "ltr", "3px"]
    heading = browser.execute_script("const r = e => document.querySelector(e).getBoundingClientRect().right;"
                                     "return [r('h2'), r('section')]")
    assert abs(heading[0] - heading[1]) < 1  # the heading sits at the right edge
    assert "تقرير تقييم المرشح" in browser.execute_script("return document.querySelector('h1').textContent")


def test_no_english_of_ours_is_left_in_the_pdfs(first: ReportInput, others: list[ReportInput],
                                                games_input: ReportInput, tmp_path: Path) -> None:
    for language in LANGUAGES:
        docs = _documents(language, first, others, games_input)
        foreign = _foreign([first, *others, games_input])
        picked = docs if language == "ar" else docs[:1]  # every kind once in Arabic (shaped), the report in es, de
        for n, doc in enumerate(picked):
            text = _pdf_text(render_pdf(doc), tmp_path / f"{language}-{n}.pdf")
            assert english_left(text, language, foreign) == [], f"{doc.kind} {n} in {language}"


def test_the_arabic_pdf_text_is_the_arabic_words(first: ReportInput, tmp_path: Path) -> None:
    with reporting_in("ar"):
        doc = build_report(first, load_role(ROLE))
    data = render_pdf(doc)
    text = normalise(_pdf_text(data, tmp_path / "ar.pdf"))
    for words in ("تقرير تقييم المرشح", "جودة البيانات", "الضخّات لكل بالون", "نقاط القوة", "فحوص جودة البيانات",
                  "الصفحة"):  # words without lam-alef: pdftotext spells that ligature's two letters in the wrong order
        assert words in text
    assert b"/Lang (ar)" in data
    english = render_pdf(build_report(first, load_role(ROLE)))
    assert b"/Lang (en)" in english and "Candidate assessment report" in _pdf_text(english, tmp_path / "en.pdf")


def test_spanish_and_german_pages_name_their_language(first: ReportInput) -> None:
    for language, title in (("es", "Informe de evaluación del candidato"), ("de", "Bewertungsbericht zum Kandidaten")):
        with reporting_in(language):
            doc = build_report(first)
        html = render_html(doc)
        assert doc.language == language and f'<html lang="{language}">' in html and f"<h1>{title}</h1>" in html
    assert render_html(build_report(first)).startswith('<!DOCTYPE html>\n<html lang="en">\n')
