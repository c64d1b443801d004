"""Make the report screenshots in docs/screenshots: `python -m tests.reports.screenshots docs/screenshots`.

Chromium prints the HTML report and comparison (A4) and pdftoppm renders the pages; our own PDF's page 1 too; and
the report in Arabic, as Chromium shows its page and as our PDF's page 1 (`... docs/screenshots ar`: only those).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from i18n import reporting_in
from reports import build_comparison, build_report, render_html
from reports.pdf import render_pdf
from scoring import load_role
from tests.reports.browser import chromium, print_pdf
from tests.reports.conftest import make_input

PAGES = {"report_1_summary": ("report", 1), "report_2_balloon_game": ("report", 2),
         "report_3_reaction_time": ("report", 3), "report_4_comparison": ("compare", 1)}


def _page(pdf: Path, page: int, target: Path, dpi: int = 90) -> None:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                    str(stem)], check=True)


def arabic(out: Path) -> None:
    """report_ar.png (the HTML page's top in Chromium, 1000 px wide) and report_ar_pdf.png (our PDF's page 1)."""
    with reporting_in("ar"):
        doc = build_report(make_input("P-7K3Q", "5f0c2a9e-1111-4c3b-9d7e-0a1b2c3d4e5f"), load_role("sales_associate"))
    with tempfile.TemporaryDirectory() as tmp, chromium(1000, 1500) as driver:
        page = Path(tmp) / "ar.html"
        page.write_text(render_html(doc), encoding="utf-8")
        driver.get(page.as_uri())
        driver.save_screenshot(str(out / "report_ar.png"))
        ours = Path(tmp) / "ar.pdf"
        ours.write_bytes(render_pdf(doc))
        _page(ours, 1, out / "report_ar_pdf.png")


def main(out: Path) -> None:
    """Write the PNGs into `out`."""
    first = make_input("P-7K3Q", "5f0c2a9e-1111-4c3b-9d7e-0a1b2c3d4e5f")
    others = [make_input("P-2MNB", "a81d0f33-2222-4e11-8c55-7f1e2d3c4b5a"),
              make_input("P-5RTC", "c4b7e9d2-3333-4f22-9d66-8e2f3a4b5c6d")]
    role = load_role("sales_associate")
    docs = {"report": build_report(first, role), "compare": build_comparison([first, *others], role)}
    with tempfile.TemporaryDirectory() as tmp, chromium() as driver:
        printed = {}
        for name, doc in docs.items():
            page = Path(tmp) / f"{name}.html"
            page.write_text(render_html(doc), encoding="utf-8")
            driver.get(page.as_uri())
            printed[name] = print_pdf(driver, Path(tmp) / f"{name}.pdf")
        for target, (name, number) in PAGES.items():
            _page(printed[name], number, out / f"{target}.png")
        ours = Path(tmp) / "ours.pdf"
        ours.write_bytes(render_pdf(docs["report"]))
        _page(ours, 1, out / "report_pdf_summary.png")
    arabic(out)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    arabic(folder) if sys.argv[2:] == ["ar"] else main(folder)
