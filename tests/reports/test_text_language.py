"""The terminal rendering of a report writes its own words (notice marks, an empty list, a chart it cannot draw) in
the report's language, and English outside `reporting_in`."""

from __future__ import annotations

import pytest

from i18n import reporting_in
from reports.canvas import Canvas
from reports.document import Bullets, Chart, Document, Notice, Section
from reports.text import render_text

DOC = Document(title="T", subtitle="S", footer="F", sections=(Section(key="s", title="Sec", blocks=(
    Notice("Checked.", "warn"), Bullets(items=(), title="Strengths"),
    Chart(title="Pumps", canvas=Canvas("c", 100, 50, (), "pumps")),
)),))


def test_english_outside_a_report_language() -> None:
    text = render_text(DOC, 100)
    assert "NOTE: Checked." in text and "none noted" in text
    assert "[chart: Pumps; drawn in the HTML and PDF report]" in text


@pytest.mark.parametrize(("tag", "words"), [
    ("de", ("HINWEIS: Checked.", "nichts vermerkt", "[Diagramm: Pumps;")),
    ("es", ("NOTA: Checked.", "ninguno registrado", "[gráfico: Pumps;")),
    ("ar", ("ملاحظة: Checked.", "لا شيء مسجَّل", "[مخطط: Pumps؛")),
])
def test_the_reports_language(tag: str, words: tuple[str, ...]) -> None:
    with reporting_in(tag):
        text = render_text(DOC, 100)
    for word in words:
        assert word in text
    assert "none noted" not in text and "NOTE" not in text
