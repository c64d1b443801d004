"""Retention at the receiver: how long sessions are kept, the purge of expired ones, and what is held.

The setting is `retention_session_days` in `receiver_settings` (unset: sessions are kept until erased). A session
expires that many days after it closed at the station (its manifest's `closed_utc`; the time the receiver took it
when the session never closed). The purge removes each expired session — its bundle (with the results in it)
and its events — in one transaction per session, with an append-only `receiver_audit` row naming the session id,
station and counts (never the data); a `purge` row sums the run up. `hiremate receiver serve` purges at start
and once a day; `hiremate receiver retention purge` on demand.

The receiver's only personal data beyond the pseudonym is the consented group labels of the adverse-impact audit
(their own file, groups.py). They expire `retention_personal_days` after they were imported (365 by default, as
the station's personal data, seed 001); `purge_labels` removes them with a `purge.labels` audit row.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sync.receiver.sql import Sql

__all__ = [
    "DAY_S",
    "DEFAULT_PERSONAL_DAYS",
    "PERSONAL_DAYS_KEY",
    "SESSION_DAYS_KEY",
    "DailyPurge",
    "HeldSession",
    "Labels",
    "PurgeOutcome",
    "RetentionStore",
    "parse_days",
    "record_audit",
]

SESSION_DAYS_KEY = "retention_session_days"
PERSONAL_DAYS_KEY = "retention_personal_days"
DEFAULT_PERSONAL_DAYS = 365
DAY_S = 86400.0


class Labels(Protocol):
    """The group-label file as retention uses it (sync.receiver.groups.GroupLabels)."""

    def oldest(self) -> tuple[int, str | None]:
        """How many labels are held, and when the oldest was imported."""
        ...

    def purge_before(self, cutoff_utc: str) -> list[tuple[str, str]]:
        """Delete every label imported before the cutoff; (pseudonym, attribute) of each."""
        ...


@dataclass(frozen=True)
class HeldSession:
    """A stored session as retention sees it: when it closed, when the receiver took it, when it expires."""

    bundle_id: int
    session_id: str
    station_id: str
    closed_utc: str | None
    received_utc: str
    expires_utc: str | None

    def expired(self, now: datetime) -> bool:
        """Whether it is past its retention at `now`."""
        return self.expires_utc is not None and datetime.fromisoformat(self.expires_utc) <= now

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output (without the row id)."""
        return {k: v for k, v in asdict(self).items() if k != "bundle_id"}


@dataclass(frozen=True)
class PurgeOutcome:
    """What a purge removed: (session id, station id, events removed) per session."""

    removed: list[tuple[str, str, int]]

    def lines(self) -> list[str]:
        """One line per removed session (ids and counts only)."""
        return [f"removed session {sid} of station {station} ({events} events)" for sid, station, events in
                self.removed]


def parse_days(text: str, what: str = "--sessions-days") -> int | None:
    """A whole number of days (at least 1), or None for 'never'; ValueError naming the option otherwise."""
    if text.strip().lower() == "never":
        return None
    try:
        days = int(text)
    except ValueError:
        raise ValueError(f"{what} {text!r}: give a whole number of days or 'never'") from None
    if days < 1:
        raise ValueError(f"{what} {text!r}: must be at least 1 day")
    return days


def record_audit(sql: Sql, action: str, actor: str, detail: dict[str, Any], at: datetime | None = None) -> None:
    """Append one receiver_audit row inside the caller's transaction (counts and ids, never the data)."""
    sql.run("INSERT INTO receiver_audit (at_utc, action, actor, detail) VALUES (?, ?, ?, ?)",
            ((at or datetime.now(UTC)).isoformat(timespec="microseconds"), action, actor,
             json.dumps(detail, sort_keys=True, ensure_ascii=False)))


def _held(row: tuple[Any, ...], days: int | None) -> HeldSession:
    bundle_id, session_id, station_id, manifest, received = row
    closed = json.loads(manifest).get("session", {}).get("closed_utc")
    start = datetime.fromisoformat(closed or received)
    expires = None if days is None else (start + timedelta(days=days)).isoformat(timespec="microseconds")
    return HeldSession(int(bundle_id), session_id, station_id, closed, received, expires)


class RetentionStore:
    """Retention's part of SqlStorage (a mixin: SqlStorage supplies _tx)."""

    def _tx(self, write: bool = True) -> AbstractContextManager[Sql]:
        raise NotImplementedError

    def _setting(self, key: str) -> str | None:
        with self._tx(write=False) as sql:
            row = sql.one("SELECT value FROM receiver_settings WHERE key = ?", (key,))
        return str(row[0]) if row and row[0] else None

    def session_days(self) -> int | None:
        """How many days after closing a session is kept (None: until erased)."""
        value = self._setting(SESSION_DAYS_KEY)
        return int(value) if value else None

    def personal_days(self) -> int:
        """How many days after import a group label is kept (default 365)."""
        value = self._setting(PERSONAL_DAYS_KEY)
        return int(value) if value else DEFAULT_PERSONAL_DAYS

    def set_retention(self, actor: str, session_days: int | str | None = "keep",
                      personal_days: int | None = None) -> None:
        """Save the periods given (session_days None: until erased; "keep" leaves it) with one audit row, in one
        transaction."""
        changed: dict[str, Any] = {}
        if session_days != "keep":
            changed[SESSION_DAYS_KEY] = session_days
        if personal_days is not None:
            changed[PERSONAL_DAYS_KEY] = personal_days
        with self._tx() as sql:
            for key, value in changed.items():
                sql.run("INSERT INTO receiver_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                        "value = excluded.value", (key, "" if value is None else str(value)))
            record_audit(sql, "retention.set", actor, {key.removeprefix("retention_"): value
                                                      for key, value in changed.items()})

    def set_session_days(self, days: int | None, actor: str) -> None:
        """Save the session retention (None: until erased) with its audit row, in one transaction."""
        self.set_retention(actor, session_days=days)

    def purge_labels(self, labels: Labels, now: datetime | None = None, actor: str = "receiver",
                     record_empty: bool = True) -> list[tuple[str, str]]:
        """Remove the group labels past the personal-data period, with a `purge.labels` audit row (pseudonyms and
        attributes, never the group). The labels are another file: they commit first, then the audit row."""
        now = now or datetime.now(UTC)
        days = self.personal_days()
        with self._tx() as sql:
            gone = labels.purge_before((now - timedelta(days=days)).isoformat(timespec="microseconds"))
            if gone or record_empty:
                record_audit(sql, "purge.labels", actor, {"labels_removed": len(gone), "personal_days": days,
                                                          "participants": sorted({p for p, _ in gone}),
                                                          "attributes": sorted({a for _, a in gone})}, now)
        return gone

    def held(self) -> list[HeldSession]:
        """Every stored session with its expiry under the current setting, soonest to expire first."""
        days = self.session_days()
        with self._tx(write=False) as sql:
            rows = sql.all("SELECT id, session_id, station_id, manifest, received_utc FROM bundles ORDER BY id")
        held = [_held(row, days) for row in rows]
        return sorted(held, key=lambda h: (h.expires_utc or "~", h.session_id))

    def purge_expired(self, now: datetime | None = None, actor: str = "receiver",
                      record_empty: bool = True) -> PurgeOutcome:
        """Remove every session past its retention, one transaction per session with its audit row, then a
        `purge` row summing up (written when something went, or always with record_empty)."""
        now = now or datetime.now(UTC)
        days = self.session_days()
        expired = [h for h in self.held() if h.expired(now)]
        removed = [gone for gone in (self._purge_one(h, days, actor, now) for h in expired) if gone is not None]
        if removed or record_empty:
            with self._tx() as sql:
                record_audit(sql, "purge", actor, {"sessions_removed": len(removed), "session_days": days,
                                                   "sessions": [sid for sid, _, _ in removed]}, now)
        return PurgeOutcome(removed)

    def _purge_one(self, held: HeldSession, days: int | None, actor: str,
                   now: datetime) -> tuple[str, str, int] | None:
        with self._tx() as sql:
            events = sql.run("DELETE FROM events WHERE bundle_id = ?", (held.bundle_id,))
            if not sql.all("DELETE FROM bundles WHERE id = ? RETURNING id", (held.bundle_id,)):
                return None  # another receiver process purged it a moment ago
            record_audit(sql, "purge.session", actor, {
                "session_id": held.session_id, "station_id": held.station_id, "events_removed": events,
                "bundles_removed": 1, "closed_utc": held.closed_utc, "received_utc": held.received_utc,
                "session_days": days}, now)
        return held.session_id, held.station_id, events

    def audit_rows(self, action: str | None = None) -> list[dict[str, Any]]:
        """The receiver audit table, oldest first (optionally only an action and its sub-actions)."""
        where, params = ("", ()) if action is None else (" WHERE action = ? OR action LIKE ?", (action, f"{action}.%"))
        with self._tx(write=False) as sql:
            rows = sql.all(f"SELECT id, at_utc, action, actor, detail FROM receiver_audit{where} ORDER BY id", params)
        return [{"id": int(r[0]), "at_utc": r[1], "action": r[2], "actor": r[3], "detail": json.loads(r[4])}
                for r in rows]

    def retention_status(self, now: datetime | None = None) -> dict[str, Any]:
        """What the receiver holds, how old, when it expires (for `hiremate receiver retention status`)."""
        now = now or datetime.now(UTC)
        held = self.held()
        with self._tx(write=False) as sql:
            events = sql.one("SELECT count(*) FROM events")
            reads = sql.one("SELECT count(*) FROM access_log")
        purges = self.audit_rows("purge")
        last = [row for row in purges if row["action"] == "purge"]
        return {"now_utc": now.isoformat(), "session_days": self.session_days(),
                "sessions": {"count": len(held), "events": int(events[0]) if events else 0,
                             "oldest_received_utc": min((h.received_utc for h in held), default=None),
                             "newest_received_utc": max((h.received_utc for h in held), default=None),
                             "next_expiry_utc": held[0].expires_utc if held else None,
                             "expired_now": sum(h.expired(now) for h in held)},
                "held": [h.as_dict() for h in held], "access_rows": int(reads[0]) if reads else 0,
                "last_purge_utc": last[-1]["at_utc"] if last else None,
                "sessions_purged": sum(row["action"] == "purge.session" for row in purges)}


class DailyPurge:
    """A thread that runs a purge (returning what went, one line each) every `interval_s` (a day) until stopped;
    a failure is reported to `report` and tried again at the next run."""

    def __init__(self, purge: Callable[[], list[str]], interval_s: float = DAY_S,
                 report: Callable[[str], None] = print) -> None:
        self._purge = purge
        self._interval_s = interval_s
        self._report = report
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="receiver-retention", daemon=True)
        self.runs = 0

    def _loop(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                for line in self._purge():
                    self._report(f"retention: {line}")
            except Exception as exc:  # the database was away: say so, try again tomorrow
                self._report(f"retention purge failed: {exc}")
            self.runs += 1

    def start(self) -> DailyPurge:
        """Start the thread (the first run is one interval from now)."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread and wait for it."""
        self._stop.set()
        self._thread.join(timeout=30)
