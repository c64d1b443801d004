"""Benchmark reports: size of one report and time to render it (HTML and PDF), as ratios to scoring it.

The baseline is measured in the same run: scoring the same session from its events (score_session). Prints
figures only (no thresholds): median of --repeat runs for scoring, building the document, rendering HTML,
rendering the PDF (A4) and the comparison of three candidates; sizes of the HTML and the PDF.
Run: .venv/bin/python benchmarks/bench_report.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reports import ReportInput, build_comparison, build_report, meta_from_events, render_html
from reports.pdf import render_pdf
from scoring import load_role, score_session
from tests.reports.conftest import make_input
from tests.reports.sessions import candidate


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    records = candidate()
    role = load_role("sales_associate")
    base, profile = timed(lambda: score_session(records), args.repeat)
    inp = ReportInput(meta_from_events(records), profile, tuple(records))
    build_s, doc = timed(lambda: build_report(inp, role), args.repeat)
    html_s, html = timed(lambda: render_html(doc), args.repeat)
    pdf_s, pdf = timed(lambda: render_pdf(doc), args.repeat)
    trio = [inp, make_input("P-2MNB", "b"), make_input("P-5RTC", "c")]
    cmp_s, cmp_doc = timed(lambda: render_pdf(build_comparison(trio, role)), max(1, args.repeat // 2))
    print(f"session: {len(records)} events; scoring it (baseline) {base * 1000:.1f} ms (median of {args.repeat})")
    for name, value in (("build the document", build_s), ("render HTML", html_s), ("render PDF (A4)", pdf_s),
                        ("build + HTML", build_s + html_s), ("build + PDF", build_s + pdf_s),
                        ("comparison of 3 as PDF", cmp_s)):
        print(f"{name:>24}: {value / base:6.2f} x scoring   ({value * 1000:.1f} ms)")
    print(f"sizes: HTML {len(html.encode()) / 1024:.0f} KiB, PDF {len(pdf) / 1024:.0f} KiB, "
          f"comparison PDF {len(cmp_doc) / 1024:.0f} KiB; events JSON of the session "
          f"{sum(len(r.to_json()) for r in records) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
