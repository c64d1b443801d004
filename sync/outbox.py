"""The station's outbox: one signed bundle file per completed session and its delivery state.

Every write here is a single statement (atomic by itself in autocommit mode, and part of the caller's
transaction when one is open): no `with conn:`, which would COMMIT a caller's transaction early.

When the station knows its receiver's age recipient (sync/recipient.py), the file is the bundle encrypted for it
(`<session>.hiremate.zip.age`) and the plain bundle is never written; bundle_sha256 is always the hash of the
file, which is what is uploaded and what the receipt must name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventlog import Store
from sync.errors import OutboxError
from sync.files import write_atomic
from sync.identity import StationIdentity, load_identity
from sync.protocol import BUNDLE_SUFFIX
from sync.sealing import SEALED_SUFFIX, seal

__all__ = [
    "RECIPIENT_KEY",
    "STATES",
    "OutboxItem",
    "bundle_relative_path",
    "enqueue",
    "enqueue_completed",
    "exportable_sessions",
    "item",
    "items",
    "load_recipient",
    "mark_attempt",
    "mark_delivered",
    "mark_failed",
    "outbox_dir",
    "read_item_bytes",
    "requeue",
    "summary",
    "utc_now",
]

STATES = ("pending", "delivered", "conflict", "rejected")
OUTBOX_DIR = "outbox"


def utc_now() -> str:
    """Now in UTC, as the outbox stores times (sortable ISO text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")

RECIPIENT_KEY = "sync_recipient"


def load_recipient(store: Store) -> str | None:
    """The saved age recipient of the station's receiver, or None (bundles stay plain)."""
    row = store.conn.execute("SELECT value FROM station_settings WHERE key = ?", (RECIPIENT_KEY,)).fetchone()
    return row[0] if row and row[0] else None


@dataclass(frozen=True)
class OutboxItem:
    """One outbox row."""

    session_id: str
    bundle_path: str
    bundle_sha256: str
    bundle_size: int
    state: str
    attempts: int
    next_attempt_utc: str
    last_attempt_utc: str | None
    last_error: str | None
    receipt: str | None
    endpoint: str | None
    enqueued_utc: str
    delivered_utc: str | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the receipt parsed)."""
        data = dict(self.__dict__)
        data["receipt"] = json.loads(self.receipt) if self.receipt else None
        return data


def outbox_dir(store: Store) -> Path:
    """The folder beside the station database that holds outbox bundle files."""
    return store.path.parent / OUTBOX_DIR


def item(store: Store, session_id: str) -> OutboxItem | None:
    """A session's outbox row, or None."""
    rows = store.rows("SELECT * FROM outbox WHERE session_id = ?", (session_id,))
    return OutboxItem(**rows[0]) if rows else None


def items(store: Store, state: str | None = None) -> list[OutboxItem]:
    """Outbox rows in the order they were enqueued, optionally only one state."""
    where, args = ("state = ?", [state]) if state else (None, None)
    sql = "SELECT * FROM outbox" + (f" WHERE {where}" if where else "") + " ORDER BY enqueued_utc, rowid"
    return [OutboxItem(**row) for row in store.rows(sql, args or ())]


def summary(store: Store) -> dict[str, int]:
    """How many outbox rows are in each state."""
    counts = dict.fromkeys(STATES, 0)
    for state, count in store.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state"):
        counts[state] = count
    return counts


def exportable_sessions(store: Store) -> list[str]:
    """Completed assessment sessions (practice sessions are not candidate data), oldest first."""
    return [row.id for row in store.sessions("completed") if row.purpose != "practice"]


def bundle_relative_path(session_id: str, sealed: bool) -> str:
    """Where a session's outbox file lives, relative to the data dir."""
    return f"{OUTBOX_DIR}/{session_id}{BUNDLE_SUFFIX}{SEALED_SUFFIX if sealed else ''}"


def enqueue(store: Store, session_id: str, identity: StationIdentity | None = None) -> OutboxItem:
    """Build the session's bundle (encrypted, if a recipient is saved) into the outbox folder and record it as
    pending (idempotent)."""
    from sync.bundle import build_bundle, bundle_sha256  # not at the top: first paint needs none

    existing = item(store, session_id)
    if existing is not None:
        return existing
    identity = identity or load_identity(store.path.parent)
    data = build_bundle(store, session_id, identity)
    recipient = load_recipient(store)
    if recipient is not None:
        data = seal(data, recipient)
    relative = bundle_relative_path(session_id, sealed=recipient is not None)
    write_atomic(store.path.parent / relative, data)
    now = utc_now()
    row = {"session_id": session_id, "bundle_path": relative, "bundle_sha256": bundle_sha256(data),
           "bundle_size": len(data), "state": "pending", "attempts": 0, "next_attempt_utc": now,
           "enqueued_utc": now}
    store.conn.execute(
        f"INSERT OR IGNORE INTO outbox ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    found = item(store, session_id)
    assert found is not None
    return found


def enqueue_completed(store: Store, identity: StationIdentity | None = None) -> list[str]:
    """Enqueue every exportable session not yet in the outbox; return their ids."""
    have = {row[0] for row in store.conn.execute("SELECT session_id FROM outbox")}
    missing = [sid for sid in exportable_sessions(store) if sid not in have]
    if missing:
        identity = identity or load_identity(store.path.parent)
        for sid in missing:
            enqueue(store, sid, identity)
    return missing


def read_item_bytes(store: Store, entry: OutboxItem) -> bytes:
    """The bundle file's bytes, checked against the hash recorded when it was enqueued."""
    from sync.bundle import bundle_sha256  # not at the top: first paint needs none

    path = store.path.parent / entry.bundle_path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OutboxError(f"{path}: cannot read the outbox bundle ({exc})") from None
    if bundle_sha256(data) != entry.bundle_sha256:
        raise OutboxError(f"{path}: bundle file no longer matches its recorded SHA-256")
    return data


def _update(store: Store, session_id: str, **fields: Any) -> None:
    assignments = ", ".join(f"{name} = ?" for name in fields)
    store.conn.execute(f"UPDATE outbox SET {assignments} WHERE session_id = ?", [*fields.values(), session_id])


def mark_attempt(store: Store, session_id: str, endpoint: str) -> None:
    """Count an attempt before sending, so a crash mid-upload is still counted."""
    store.conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_attempt_utc = ?, endpoint = ? WHERE session_id = ?",
        (utc_now(), endpoint, session_id),
    )


def mark_delivered(store: Store, session_id: str, receipt: dict[str, Any]) -> None:
    """The receiver's receipt named this bundle's hash."""
    _update(store, session_id, state="delivered", receipt=json.dumps(receipt, sort_keys=True),
            delivered_utc=utc_now(), last_error=None)


def mark_failed(store: Store, session_id: str, state: str, error: str, next_attempt_utc: str | None = None) -> None:
    """Record a failed attempt: pending (retry at next_attempt_utc), conflict or rejected."""
    if state not in STATES or state == "delivered":
        raise OutboxError(f"field 'state': {state!r} is not a failure state")
    fields: dict[str, Any] = {"state": state, "last_error": error}
    if next_attempt_utc is not None:
        fields["next_attempt_utc"] = next_attempt_utc
    _update(store, session_id, **fields)


def requeue(store: Store, states: tuple[str, ...] = ("rejected",)) -> int:
    """Put refused bundle rows back to pending, due now; return how many rows (sync.erasure_outbox.requeue_refused
    also puts rejected erasure requests back, in the same transaction)."""
    marks = ", ".join("?" * len(states))
    with store.atomic():
        cursor = store.conn.execute(
            f"UPDATE outbox SET state = 'pending', next_attempt_utc = ? WHERE state IN ({marks})",
            (utc_now(), *states),
        )
        return cursor.rowcount
