"""Sessions of a station database as export sources, read one at a time (no Qt, no sync)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from functools import partial

from datasets.context import SessionInput
from eventlog.store import SessionRow, Store

__all__ = ["EXPORTABLE_STATUSES", "SelectionError", "parse_since", "select_sessions", "station_sources"]

EXPORTABLE_STATUSES = ("completed", "abandoned", "declined")
"""--all exports closed assessment sessions in these states (practice sessions are left out)."""

ResultsFor = Callable[[str], bytes | None]


class SelectionError(ValueError):
    """A session selection that names nothing exportable; the message is one line."""


def parse_since(text: str) -> datetime:
    """An ISO date or date-time (UTC when no zone is given); ValueError naming the text otherwise."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--since {text!r} is not an ISO date such as 2025-03-01 or 2025-03-01T09:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _wall(row: SessionRow) -> datetime:
    moment = datetime.fromisoformat(row.anchor_wall_utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def select_sessions(store: Store, ids: Sequence[str], all_: bool = False,
                    since: datetime | None = None) -> list[SessionRow]:
    """The session rows to export, oldest first: named ids (any closed state) or every closed assessment
    session (--all), optionally only those that started at or after `since`. SelectionError when a named
    session is unknown or still open."""
    rows: dict[str, SessionRow] = {}
    for sid in ids:
        row = store.session(sid)
        if row is None:
            raise SelectionError(f"no session {sid!r} in {store.path}; list them with `hiremate sessions`")
        if row.status in ("open",):
            raise SelectionError(f"session {sid} is still open; export it once it is closed")
        rows[sid] = row
    if all_ or (since is not None and not ids):
        for row in store.sessions():
            if row.status in EXPORTABLE_STATUSES and row.purpose != "practice":
                rows.setdefault(row.id, row)
    chosen = [r for r in rows.values() if since is None or _wall(r) >= since]
    return sorted(chosen, key=lambda r: (r.anchor_wall_ns, r.id))


def station_sources(store: Store, rows: Sequence[SessionRow], results: ResultsFor | None = None) -> Iterator[
        SessionInput]:
    """One SessionInput per row; events are read from the store only when the exporter reaches the session."""
    station = store.station()
    station_id = None if station is None else str(station["id"])
    for row in rows:
        yield SessionInput(
            session_id=row.id, participant=row.participant, station_id=station_id, battery=row.battery,
            purpose=row.purpose, status=row.status, anchor_wall_utc=row.anchor_wall_utc, closed_utc=row.closed_utc,
            time_zone=row.time_zone, app_version=row.app_version,
            events=partial(store.iter_events, row.id),
            results=partial(results, row.id) if results else (lambda: None),
        )
