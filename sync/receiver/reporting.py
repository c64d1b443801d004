"""Recruiter reports on the receiver: a stored bundle as report input, and the report rendered as HTML or PDF."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from reports import CompareError, Document, ReportInput, SessionMeta, build_comparison, build_report, render_html
from reports.html import Paper
from reports.session_data import consent_version
from scoring import Profile, Role, load_role, role_names
from sync.receiver.storage import BundleStorage

__all__ = ["ReportRequestError", "comparison", "rendered", "report"]

Format = Literal["html", "pdf"]
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


class ReportRequestError(ValueError):
    """A report request the receiver refuses (unknown role, bad format, wrong number of sessions)."""


def _role(name: str | None) -> Role | None:
    if not name:
        return None
    if name not in role_names():  # shipped roles only: a path from a request is never read
        raise ReportRequestError(f"unknown role {name!r}; roles: {', '.join(role_names())}")
    return load_role(name)


def _input(storage: BundleStorage, session_id: str, station: str | None = None) -> ReportInput | None:
    item = storage.get(session_id, station)
    if item is None:
        return None
    session = json.loads(item.manifest)["session"]
    meta = SessionMeta(session_id=item.session_id, participant=session["participant"], battery=session["battery"],
                       status=session["status"], started_utc=session["anchor_wall_utc"],
                       closed_utc=session["closed_utc"], time_zone=session["time_zone"], station=item.station_id[:12])
    try:
        profile: Profile | None = Profile.model_validate_json(item.results)
    except ValueError:
        profile = None
    records = tuple(storage.events(session_id, station))
    return ReportInput(replace(meta, consent_version=consent_version(records)), profile, records)


PAPERS: dict[str, Paper] = {"a4": "a4", "letter": "letter"}


def rendered(doc: Document, fmt: str, paper: str = "a4") -> tuple[bytes, str]:
    """(body, media type) of a document in the asked format."""
    size = PAPERS.get(paper)
    if fmt not in MEDIA or size is None:
        raise ReportRequestError("format must be html or pdf, paper a4 or letter")
    if fmt == "pdf":
        from reports.pdf import render_pdf

        return render_pdf(doc, size), MEDIA["pdf"]
    return render_html(doc, size).encode("utf-8"), MEDIA["html"]


def report(storage: BundleStorage, session_id: str, role: str | None, station: str | None = None) -> Document | None:
    """The report of one stored session (None if the receiver does not hold it)."""
    chosen = _role(role)
    inp = _input(storage, session_id)
    return None if inp is None else build_report(inp, chosen)


def comparison(storage: BundleStorage, ids: Sequence[str], role: str | None) -> tuple[Document | None, str]:
    """The comparison of 2-4 stored sessions, or (None, the first id the receiver does not hold)."""
    chosen = _role(role)
    if not 2 <= len(ids) <= 4:
        raise ReportRequestError(f"compare needs 2 to 4 session ids, got {len(ids)}")
    inputs = []
    for sid in ids:
        inp = _input(storage, sid)
        if inp is None:
            return None, sid
        inputs.append(inp)
    try:
        return build_comparison(inputs, chosen), ""
    except CompareError as exc:
        raise ReportRequestError(str(exc)) from None
