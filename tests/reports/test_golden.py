"""Golden report: a fixed session's HTML (and PDF) is byte-identical run to run, also in a fresh process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from reports import build_report, render_html
from reports.pdf import render_pdf
from scoring import load_role
from tests.reports.conftest import make_input

ROOT = Path(__file__).resolve().parents[2]
CHILD = ("import hashlib; from reports import build_report, render_html; from reports.pdf import render_pdf; "
         "from scoring import load_role; from tests.reports.conftest import make_input; "
         "doc = build_report(make_input('P-7K3Q', 'golden'), load_role('sales_associate')); "
         "print(hashlib.sha256(render_html(doc).encode()).hexdigest(), hashlib.sha256(render_pdf(doc)).hexdigest())")


def test_the_same_session_gives_the_same_bytes_here_and_in_another_process() -> None:
    doc = build_report(make_input("P-7K3Q", "golden"), load_role("sales_associate"))
    html = render_html(doc)
    assert html == render_html(build_report(make_input("P-7K3Q", "golden"), load_role("sales_associate")))
    pdf = render_pdf(doc)
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, cwd=ROOT,
                           check=True)
    assert child.stdout.split() == [hashlib.sha256(html.encode()).hexdigest(), hashlib.sha256(pdf).hexdigest()]
    assert "2026" not in html and "generated" not in html.lower()  # no generation time inside
