"""Data protection at the station (no Qt): retention settings, the purge of expired personal data, the privacy
audit table (purges, erasures, and who read which candidate's data) and the status a data-protection officer reads.

Personal data is the `people` table (a participant's name and e-mail beside the pseudonym); it expires
`retention_personal_days` after it was recorded (365 by default, seed 001). Session data (events, results,
outbox) is kept until erased, unless `retention_session_days` is set: then a session closed longer ago than that
is erased through the same signed-tombstone path as `hiremate privacy erase` (the purge: kiosk.services.retention).
Every audit row holds counts, ids and pseudonyms, never a name or an e-mail.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from eventlog import Store
from i18n import _s

__all__ = [
    "PERSONAL_DAYS_KEY",
    "SESSION_DAYS_KEY",
    "AuditRow",
    "Retention",
    "audit_rows",
    "cli_actor",
    "exported_copies",
    "record",
    "record_access",
    "retention",
    "set_retention",
    "status",
]

PERSONAL_DAYS_KEY = "retention_personal_days"
SESSION_DAYS_KEY = "retention_session_days"
DEFAULT_PERSONAL_DAYS = 365


@dataclass(frozen=True)
class Retention:
    """How long the station keeps personal data and sessions (None: until erased)."""

    personal_days: int
    session_days: int | None


@dataclass(frozen=True)
class AuditRow:
    """One row of the append-only privacy audit table."""

    n: int
    at_utc: str
    action: str
    actor: str
    subject: str | None
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return asdict(self)


def _now() -> datetime:
    return datetime.now(UTC)


def _setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM station_settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row and row[0] != "" else None


def retention(store: Store) -> Retention:
    """The station's retention settings (defaults: personal data 365 days, sessions until erased)."""
    personal = _setting(store.conn, PERSONAL_DAYS_KEY)
    sessions = _setting(store.conn, SESSION_DAYS_KEY)
    return Retention(int(personal) if personal else DEFAULT_PERSONAL_DAYS, int(sessions) if sessions else None)


def _days(text: str, what: str, allow_never: bool) -> int | None:
    if allow_never and text.strip().lower() in ("never", "none", ""):
        return None
    try:
        days = int(text)
    except ValueError:
        refusal = (_s("{option} {value}: give a whole number of days or 'never'") if allow_never
                   else _s("{option} {value}: give a whole number of days"))
        raise ValueError(refusal.format(option=what, value=repr(text))) from None
    if days < 1:
        raise ValueError(_s("{option} {value}: must be at least 1 day").format(option=what, value=repr(text)))
    return days


def set_retention(store: Store, personal: str | None, sessions: str | None, actor: str) -> Retention:
    """Check and save new retention settings with their audit row, in one transaction."""
    personal_days = _days(personal, "--personal-days", False) if personal is not None else None
    session_days = _days(sessions, "--session-days", True) if sessions is not None else None
    with store.atomic():
        changed: dict[str, Any] = {}
        for key, given, value in ((PERSONAL_DAYS_KEY, personal, personal_days),
                                  (SESSION_DAYS_KEY, sessions, session_days)):
            if given is not None:
                store.conn.execute("INSERT INTO station_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                                   "UPDATE SET value = excluded.value", (key, "" if value is None else str(value)))
                changed[key] = value
        record(store, "retention.set", actor, None, changed)
        return retention(store)


def record(store: Store, action: str, actor: str, subject: str | None, detail: dict[str, Any],
           at: datetime | None = None) -> None:
    """Append one audit row (inside the caller's transaction when there is one)."""
    store.conn.execute("INSERT INTO privacy_audit (at_utc, action, actor, subject, detail) VALUES (?, ?, ?, ?, ?)",
                       ((at or _now()).isoformat(), action, actor, subject,
                        json.dumps(detail, sort_keys=True, ensure_ascii=False)))


def cli_actor(role: str | None) -> str:
    """Who runs a CLI command: a role (HIREMATE_ROLE overrides the command's default) and the operating-system
    account, e.g. 'recruiter:jane'."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{os.environ.get('HIREMATE_ROLE') or role or 'proctor'}:{user}"


def record_access(store: Store, what: str, actor: str, session_ids: Sequence[str], **detail: Any) -> None:
    """Record that `actor` read these sessions' data through `what` (report, export, score, data export): one row
    per session, naming it and its pseudonym, all in one transaction."""
    rows = {sid: store.session(sid) for sid in session_ids}
    with store.atomic():
        for sid, row in rows.items():
            record(store, f"read.{what}", actor, row.participant if row else sid,
                   {"session_id": sid, **detail})


def audit_rows(store: Store, subject: str | None = None, action: str | None = None) -> list[AuditRow]:
    """The audit table, oldest first; optionally only one subject (a pseudonym) or actions starting with a word."""
    sql, args = "SELECT n, at_utc, action, actor, subject, detail FROM privacy_audit WHERE 1", list[str]()
    if subject is not None:
        sql, args = sql + " AND subject = ?", [*args, subject]
    if action is not None:
        sql, args = sql + " AND (action = ? OR action LIKE ?)", [*args, action, f"{action}.%"]
    return [AuditRow(n, at, act, who, subj, json.loads(detail))
            for n, at, act, who, subj, detail in store.conn.execute(sql + " ORDER BY n", args)]


def exported_copies(store: Store, session_id: str) -> list[str]:
    """Copies of a session that left the station and cannot be recalled: bundles delivered to a receiver and
    bundles written by `hiremate export` (from the access record)."""
    copies = [f"delivered to {endpoint or 'the receiver'} at {when} (sha256 {sha[:16]}…)"
              for endpoint, when, sha in store.conn.execute(
                  "SELECT endpoint, delivered_utc, bundle_sha256 FROM outbox WHERE session_id = ? AND state = "
                  "'delivered'", (session_id,))]
    for row in store.conn.execute("SELECT at_utc, detail FROM privacy_audit WHERE action = 'read.export' AND "
                                  "json_extract(detail, '$.session_id') = ? ORDER BY n", (session_id,)):
        copies.append(f"bundle written to {json.loads(row[1]).get('output', '?')} at {row[0]}")
    return copies


def status(store: Store, now: datetime | None = None) -> dict[str, Any]:
    """What the station holds, how old it is, and when it expires (for `hiremate privacy status`)."""
    now = now or _now()
    keep = retention(store)
    people = [{"participant": p, "recorded_utc": created, "has_name": name is not None, "has_email": email is not None,
               "expires_utc": (datetime.fromisoformat(created) + timedelta(days=keep.personal_days)).isoformat()}
              for p, name, email, created in store.conn.execute(
                  "SELECT participant, name, email, created_utc FROM people ORDER BY created_utc")]
    sessions = store.conn.execute("SELECT count(*), min(anchor_wall_utc), max(anchor_wall_utc) FROM sessions"
                                  ).fetchone()
    events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    stones = store.conn.execute("SELECT count(*) FROM tombstones").fetchone()[0]
    oldest_closed = store.conn.execute("SELECT min(closed_utc) FROM sessions WHERE closed_utc IS NOT NULL"
                                       ).fetchone()[0]
    session_expiry = None
    if keep.session_days is not None and oldest_closed:
        session_expiry = (datetime.fromisoformat(oldest_closed) + timedelta(days=keep.session_days)).isoformat()
    last = audit_rows(store, action="purge")
    return {"now_utc": now.isoformat(), "retention": asdict(keep), "people": people,
            "sessions": {"count": sessions[0], "oldest_utc": sessions[1], "newest_utc": sessions[2],
                         "events": events, "oldest_expires_utc": session_expiry},
            "tombstones": stones, "last_purge_utc": last[-1].at_utc if last else None,
            "access_records": store.conn.execute("SELECT count(*) FROM privacy_audit WHERE action LIKE 'read.%'"
                                                 ).fetchone()[0]}
