"""Recruiter reports on the receiver: a stored bundle as report input, and the report rendered as HTML or PDF."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal, Protocol

from eventlog import EventRecord
from i18n import LANGUAGES, check_language, session_language
from reports import CompareError, Document, ReportInput, SessionMeta, build_comparison, render_html
from reports.html import Paper
from reports.session_data import consent_version
from scoring import Profile, Role, load_role, role_names
from sync.receiver.storage import StoredBundle

__all__ = ["ReportRequestError", "SessionSource", "chosen_language", "chosen_role", "compared", "comparison_inputs",
           "rendered", "report_input"]

Format = Literal["html", "pdf"]
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


class ReportRequestError(ValueError):
    """A report request the receiver refuses (unknown role, bad format, wrong number of sessions)."""


def chosen_role(name: str | None) -> Role | None:
    """A shipped role by name (None for none); ReportRequestError for a name that is not shipped."""
    if not name:
        return None
    if name not in role_names():  # shipped roles only: a path from a request is never read
        raise ReportRequestError(f"unknown role {name!r}; roles: {', '.join(role_names())}")
    return load_role(name)


def chosen_language(tag: str) -> str:
    """A shipped language's tag (the report is written in it); ReportRequestError naming any other."""
    try:
        return check_language(tag)
    except ValueError:
        raise ReportRequestError(f"unknown language {tag!r}; languages: {', '.join(LANGUAGES)}") from None


class SessionSource(Protocol):
    """Where stored sessions are read from: the storage, or a logged read's transaction (access_log.LoggedRead)."""

    def get(self, session_id: str, station: str | None = None) -> StoredBundle | None:
        """One stored bundle."""
        ...

    def events(self, session_id: str, station: str | None = None) -> list[EventRecord]:
        """Its events."""
        ...


def report_input(source: SessionSource, session_id: str, station: str | None = None) -> ReportInput | None:
    """What a report needs of one stored session (None if the receiver does not hold it)."""
    item = source.get(session_id, station)
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
    records = tuple(source.events(session_id, item.public_key))
    language, chosen_by = session_language(records)  # the language the candidate saw, named in the report
    return ReportInput(replace(meta, consent_version=consent_version(records), language=language,
                               language_source=chosen_by), profile, records)


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


def comparison_inputs(source: SessionSource, ids: Sequence[str]) -> tuple[list[ReportInput], str]:
    """The inputs of 2-4 stored sessions, or ([], the first id the receiver does not hold)."""
    if not 2 <= len(ids) <= 4:
        raise ReportRequestError(f"compare needs 2 to 4 session ids, got {len(ids)}")
    inputs = []
    for sid in ids:
        inp = report_input(source, sid)
        if inp is None:
            return [], sid
        inputs.append(inp)
    return inputs, ""


def compared(inputs: Sequence[ReportInput], role: Role | None) -> Document:
    """The comparison document of 2-4 sessions' inputs."""
    try:
        return build_comparison(list(inputs), role)
    except CompareError as exc:
        raise ReportRequestError(str(exc)) from None
