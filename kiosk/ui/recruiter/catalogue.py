"""What the recruiter view reads, on the DB worker: completed sessions as candidates, a report, a comparison.

Each public function takes the station's StationDb (it runs inside DbOps.read) and returns plain values the GUI
thread shows: the report's HTML comes with its charts as SVG text, turned into images on the GUI thread.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from i18n import reporting_in, station_language
from kiosk.services.privacy import cli_actor, record_access
from kiosk.services.report_source import report_input
from kiosk.services.stationdb import StationDb
from kiosk.ui.screens.panel_text import battery_name
from reports import Document, build_comparison, build_report, render_html
from reports.pdf import render_pdf
from scoring import load_role

__all__ = ["Candidate", "ReportPage", "Shown", "candidates", "matches", "report_page", "save_pdf"]

SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


@dataclass(frozen=True)
class Candidate:
    """One completed assessment session as the recruiter's list shows it."""

    session_id: str
    participant: str
    name: str  # "" unless the station holds one
    date: str  # YYYY-MM-DD HH:MM (UTC)
    battery: str
    station: str


@dataclass(frozen=True)
class ReportPage:
    """A report's HTML with each chart's SVG replaced by an image reference `chart-N.png` (N = index in charts)."""

    title: str
    html: str
    charts: tuple[str, ...]


def candidates(db: StationDb) -> list[Candidate]:
    """Every completed assessment session, newest first, with the candidate's name where the station holds it."""
    station = str((db.store.station() or {}).get("name", ""))
    names = dict(db.conn.execute("SELECT participant, name FROM people WHERE name IS NOT NULL AND name != ''"))
    rows = [r for r in db.store.sessions(status="completed") if r.purpose == "assessment"]
    return [Candidate(r.id, r.participant, str(names.get(r.participant, "")),
                      r.anchor_wall_utc[:16].replace("T", " "), battery_name(r.battery), station)
            for r in reversed(rows)]


def matches(candidate: Candidate, query: str) -> bool:
    """Whether every word of the query is in the pseudonym, name, date or battery (case-insensitive)."""
    text = " ".join((candidate.participant, candidate.name, candidate.date, candidate.battery)).lower()
    return all(word in text for word in query.lower().split())


QT_SPELLING = (  # what QTextBrowser's HTML subset shows as the page means it (it knows no figure, grid or padding)
    ("<figure>", "<div>"), ("</figure>", "</div>"), ("<figcaption>", '<p class="caption">'),
    ("</figcaption>", "</p>"), ("<table", '<table cellpadding="4" cellspacing="0"'),
    ("</b><span>", "</b>&nbsp; <span>"),
    ("</head>", "<style>td, th { padding: 3px 10px; } ul { list-style: disc; }</style>\n</head>"),
)


def _for_qt(html: str) -> str:
    for old, new in QT_SPELLING:
        html = html.replace(old, new)
    return html


def _split_charts(title: str, html: str) -> ReportPage:
    charts: list[str] = []

    def image(found: re.Match[str]) -> str:
        charts.append(found.group(0))
        return f'<p style="line-height: 100%"><img src="chart-{len(charts) - 1}.png"></p>'

    return ReportPage(title, _for_qt(SVG.sub(image, html)), tuple(charts))


@dataclass(frozen=True)
class Shown:
    """What a report page shows: one session's report, or a comparison of 2-4, for a role or none."""

    session_ids: tuple[str, ...]
    role: str | None
    compare: bool = False


def _document(db: StationDb, shown: Shown) -> Document:
    rows = {r.id: r for r in db.store.sessions()}
    missing = [sid[:8] for sid in shown.session_ids if sid not in rows]
    if missing:
        raise LookupError(f"session {', '.join(missing)} is no longer on this station")
    inputs = [report_input(db.store, rows[sid], with_name=True) for sid in shown.session_ids]
    role = load_role(shown.role) if shown.role else None
    with reporting_in(station_language()):  # the recruiter reads the station's language (a worker thread's own)
        return build_comparison(inputs, role) if shown.compare else build_report(inputs[0], role)


def report_page(db: StationDb, shown: Shown) -> ReportPage:
    """A report, or a comparison (build_comparison refuses other counts than 2-4 with a one-line reason); the
    name is shown where the station holds one (the recruiter view is behind the recruiter PIN)."""
    doc = _document(db, shown)
    return _split_charts(doc.title, render_html(doc))


def record_read(db: StationDb, shown: Shown, what: str) -> None:
    """One row per session in the station's access record: the recruiter view read it (docs/PRIVACY.md)."""
    record_access(db.store, f"recruiter_view.{what}", cli_actor("recruiter"), shown.session_ids,
                  role=shown.role, with_name=True)


def save_pdf(db: StationDb, shown: Shown, target: Path) -> int:
    """Write what is shown as a PDF (A4) through a temporary file in the same folder (owner-only), recorded in the
    access record; its size."""
    data = render_pdf(_document(db, shown))
    fd, tmp = tempfile.mkstemp(prefix=".report-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    record_read(db, shown, "pdf")
    return len(data)
