"""The retention purge (no Qt): expired personal data, and sessions past a session retention, go in one transaction
with one audit row (counts and ids, never the data). Runs when the station starts and with `hiremate privacy purge`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from eventlog import Store
from eventlog.checkpoints import Signer
from i18n import _s
from kiosk.services.erasure import erase_in_transaction, remove_files
from kiosk.services.privacy import Retention, record, retention

__all__ = ["PurgeOutcome", "purge_expired"]


@dataclass(frozen=True)
class PurgeOutcome:
    """What a purge removed: pseudonyms whose personal data went, and sessions erased for their age."""

    people: list[str]
    sessions: list[str]

    def lines(self) -> list[str]:
        """What went, one line each (pseudonyms and session ids only); none when nothing expired."""
        return ([f"personal data of {len(self.people)} participant(s) past retention: {', '.join(self.people)}"]
                if self.people else []) + ([f"{len(self.sessions)} session(s) past retention erased under "
                                            f"tombstones: {', '.join(self.sessions)}"] if self.sessions else [])


def _now() -> datetime:
    return datetime.now(UTC)


def _expired_people(store: Store, keep: Retention, now: datetime) -> list[str]:
    cutoff = (now - timedelta(days=keep.personal_days)).isoformat()
    return [row[0] for row in store.conn.execute(
        "SELECT participant FROM people WHERE created_utc < ? ORDER BY participant", (cutoff,))]


def _expired_sessions(store: Store, keep: Retention, now: datetime) -> list[str]:
    if keep.session_days is None:
        return []
    cutoff = (now - timedelta(days=keep.session_days)).isoformat()
    return [row[0] for row in store.conn.execute(
        "SELECT id FROM sessions WHERE closed_utc IS NOT NULL AND closed_utc < ? ORDER BY id", (cutoff,))]


def purge_expired(store: Store, actor: str = "station", now: datetime | None = None,
                  signer: Signer | None = None, record_empty: bool = True) -> PurgeOutcome:
    """Remove what has expired, in one transaction with its audit row (counts and ids, never the data). Sessions
    past a session retention are erased under signed tombstones (they need the station's `signer`). A purge that
    found nothing is recorded only with `record_empty` (the command; the start-up purge records what it removed)."""
    now = now or _now()
    with store.atomic():
        keep = retention(store)
        people = _expired_people(store, keep, now)
        sessions = _expired_sessions(store, keep, now)
        erased = None
        if sessions:
            if signer is None:
                raise ValueError(_s("{count} session(s) are past their retention but no station key was given to "
                                    "sign their tombstones").format(count=len(sessions)))
            erased = erase_in_transaction(store, signer, sessions, f"retention: closed more than "
                                          f"{keep.session_days} days ago", actor)
        store.conn.executemany("DELETE FROM people WHERE participant = ?", [(p,) for p in people])
        if people or sessions or record_empty:
            record(store, "purge", actor, None, {
                "people_removed": len(people), "participants": people, "sessions_erased": len(sessions),
                "sessions": sessions, "personal_days": keep.personal_days, "session_days": keep.session_days}, now)
    if erased is not None:
        remove_files(erased.files)
    return PurgeOutcome(people, sessions)


