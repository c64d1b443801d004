"""The PDF from our renderer (fpdf2): A4 and Letter, real text holding every trait and figure of the profile,
vector charts, pages rendered with pdftoppm."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from reports import ReportInput, build_comparison, build_report
from reports.build import FOOTER
from reports.evidence import humanise, quality_value
from reports.labels import format_value, label_for
from reports.pdf import render_pdf
from reports.texts import READINGS, reading
from scoring import load_role, role_fit

pytestmark = pytest.mark.slow


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", out)
    return re.sub(re.escape(FOOTER) + r" Page \d+ of \d+ ", "", text)  # a sentence may run across a page break


def _info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(("paper", "size"), [("a4", "595.28 x 841.89"), ("letter", "612 x 792")])
def test_pdf_holds_every_trait_and_figure_of_the_profile_as_text(
    first: ReportInput, tmp_path: Path, paper: str, size: str
) -> None:
    role = load_role("sales_associate")
    path = tmp_path / f"report-{paper}.pdf"
    path.write_bytes(render_pdf(build_report(first, role), paper))  # type: ignore[arg-type]
    assert size in _info(path)
    text = _text(path)
    profile = first.profile
    assert profile is not None
    for t in profile.traits:
        assert t.label in text and t.low_pole in text and t.high_pole in text, t.key
        rel = "reliability not estimable" if t.reliability is None else f"{t.reliability_label} reliability"
        assert f"{t.position:.0f} (band {t.band_low:.0f}–{t.band_high:.0f}, {rel})" in text, t.key
        if t.reliability is not None:
            assert f"reliability {t.reliability:.2f} ({t.reliability_label})" in text, t.key
        for sentence in t.evidence:
            assert humanise(sentence) in text, sentence
    for game in profile.games:
        for m in game.metrics:
            shown = format_value(m)
            assert shown.replace(" of 100", "").replace(" points", "") in text, (m.key, m.group, shown)
            if not m.group:
                assert label_for(m.key).label in text, m.key
    for i in profile.interpretations:
        assert f"{READINGS[i.key]}: {reading(i.key, i.value, i.details)} (confidence {i.confidence:.0%})" in text
    for q in profile.quality:
        assert quality_value(q.key, q.value) in text
    fit = role_fit(profile, role)
    assert f"Overall fit {fit.overall:.0f} of 100" in text
    for s in [*profile.strengths, *profile.considerations]:
        assert s in text


def test_pdf_page_one_is_the_summary_and_pdftoppm_renders_it(first: ReportInput, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(build_report(first, load_role("sales_associate"))))
    pages = int(re.search(r"Pages:\s+(\d+)", _info(path)).group(1))  # type: ignore[union-attr]
    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True,
                                check=True).stdout
    assert "Overall fit" in first_page and "Strengths" in first_page and "Balloon game" not in first_page
    assert f"Page 1 of {pages}" in first_page
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True)
    png = next(tmp_path.glob("page-*.png"))
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert b"/Subtype /Image" not in path.read_bytes()  # charts are vector drawing, not pictures


def test_comparison_pdf(first: ReportInput, others: list[ReportInput], tmp_path: Path) -> None:
    path = tmp_path / "compare.pdf"
    path.write_bytes(render_pdf(build_comparison([first, *others], load_role("operations_analyst")), "letter"))
    text = _text(path)
    for inp in (first, *others):
        assert inp.meta.participant in text
    assert "Traits on one axis" in text and "Fit to the role: Operations analyst" in text
