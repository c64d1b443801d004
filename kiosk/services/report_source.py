"""A station session as report input (no Qt): its stored profile, events and metadata, the name only on request."""

from __future__ import annotations

from collections.abc import Sequence

from eventlog import EventRecord, SessionRow, Store
from i18n import session_language
from reports import ReportInput, SessionMeta
from reports.session_data import consent_version
from scoring import SUPPORTED_VERSIONS, Profile, ScoringError, score_session
from sync.stored_results import first_stored_results

__all__ = ["report_input"]

UNSCORED = ("declined", "open", "interrupted")


def _name(store: Store, participant: str) -> str | None:
    row = store.conn.execute("SELECT name FROM people WHERE participant = ?", (participant,)).fetchone()
    return str(row[0]) if row and row[0] else None


def _profile(store: Store, row: SessionRow, records: Sequence[EventRecord]) -> Profile | None:
    stored = first_stored_results(store, row.id, SUPPORTED_VERSIONS)
    if stored is not None:
        return Profile.model_validate_json(stored[1])
    if row.status in UNSCORED or not records:
        return None
    try:
        return score_session(records)  # scored for the report only: derived data is never written here
    except ScoringError:
        return None


def report_input(store: Store, row: SessionRow, with_name: bool = False) -> ReportInput:
    """The report input of one session; the candidate's name only when `with_name` and the station holds one."""
    records = store.events(row.id)
    station = store.station() or {}
    language, chosen_by = session_language(records)  # the language the candidate saw, named in the report
    meta = SessionMeta(session_id=row.id, participant=row.participant, battery=row.battery, status=row.status,
                       started_utc=row.anchor_wall_utc, closed_utc=row.closed_utc, time_zone=row.time_zone,
                       station=str(station.get("name", "")), name=_name(store, row.participant) if with_name else None,
                       consent_version=consent_version(records), language=language, language_source=chosen_by)
    return ReportInput(meta, _profile(store, row, records), tuple(records))
