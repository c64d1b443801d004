"""A report in another language shows the texts scoring stored in the profile (trait names and poles, strengths,
considerations, the decision-style note, quality messages, evidence, the "no norm table" line) in that language,
through scoring.words.localise, while the stored profile stays English; an English report is unchanged."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from i18n import reporting_in
from reports import ReportInput, build_report, render_html
from scoring.norms import NO_NORMS
from scoring.words import localise


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _stored_texts(inp: ReportInput) -> list[str]:
    """Whole texts of the profile a report shows as they are (not cut to fit a chart, not rewritten)."""
    p = inp.profile
    assert p is not None
    return [t for t in (p.recruiter_notes, *p.strengths, *p.considerations, NO_NORMS) if t]


def _headings(inp: ReportInput) -> dict[str, str]:
    """Each trait's evidence heading in English -> in the report's language."""
    assert inp.profile is not None
    return {f"{t.label}: {t.low_pole} ↔ {t.high_pole}":
            f"{localise(t.label)}: {localise(t.low_pole)} ↔ {localise(t.high_pole)}" for t in inp.profile.traits}


@pytest.mark.parametrize("language", ["es", "de", "ar"])
def test_the_profiles_texts_are_in_the_reports_language(first: ReportInput, language: str) -> None:
    stored = first.profile.model_dump_json() if first.profile else ""
    with reporting_in(language):
        shown = _text(render_html(build_report(first)))
        wanted = {text: " ".join(localise(text).split()) for text in _stored_texts(first)} | _headings(first)
    for english, translated in wanted.items():
        assert translated != english, english
        assert english not in shown, f"still English: {english!r}"
        assert translated.replace("\u200f", "") in shown.replace("\u200f", ""), translated
    assert (first.profile.model_dump_json() if first.profile else "") == stored  # nothing was changed


def test_an_english_report_shows_the_stored_texts(first: ReportInput) -> None:
    shown = _text(render_html(build_report(first)))
    for text in [*_stored_texts(first), *_headings(first)]:
        assert " ".join(text.split()) in shown, text
