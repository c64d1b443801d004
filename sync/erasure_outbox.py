"""The station's queue of erasure requests to its receiver (table erasure_requests, migration 21), and receipts.

`queue_request` runs inside the erasure's transaction (kiosk.services.erasure), right after the tombstone: the
request (sync/erasure_protocol.py) is signed by the station key then and stored with its exact bytes, so every
retry sends the same request. States: queued (waiting, or backing off after a failure), sent (posted, no answer
kept yet), verified (the receiver's receipt is stored and its signature checked), rejected (the receiver refused
it; `requeue` puts it back). The receiver's receipt-signing key is pinned in station_settings the first time a
receipt verifies; a later receipt signed by another key is not taken.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from eventlog import Store
from eventlog.checkpoints import Signer
from eventlog.transaction import atomic
from sync.erasure_protocol import REQUEST_CONTEXT, ErasureReceipt, new_request

__all__ = [
    "RECEIPT_KEY_SETTING",
    "QueuedErasure",
    "due_requests",
    "mark_failed",
    "mark_sent",
    "mark_verified",
    "next_due",
    "pin_receipt_key",
    "pinned_receipt_key",
    "queue_request",
    "requests_of",
    "requeue",
]

RECEIPT_KEY_SETTING = "sync_receipt_key"
FIELDS = ("request_id", "session_id", "body", "signature", "state", "attempts", "next_attempt_utc",
          "last_attempt_utc", "last_error", "endpoint", "receipt", "receiver_key", "enqueued_utc", "answered_utc")


def _now() -> str:
    from sync.outbox import utc_now

    return utc_now()


@dataclass(frozen=True)
class QueuedErasure:
    """One row of erasure_requests."""

    request_id: str
    session_id: str
    body: str
    signature: str
    state: str
    attempts: int
    next_attempt_utc: str
    last_attempt_utc: str | None
    last_error: str | None
    endpoint: str | None
    receipt: str | None
    receiver_key: str | None
    enqueued_utc: str
    answered_utc: str | None

    def parsed_receipt(self) -> ErasureReceipt | None:
        """The stored receipt, or None."""
        return ErasureReceipt.model_validate_json(self.receipt) if self.receipt else None


def _station_id(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT id FROM station LIMIT 1").fetchone()
    if row is None:
        raise sqlite3.IntegrityError("no station row: run `hiremate init` first")
    return str(row[0])


def queue_request(conn: sqlite3.Connection, signer: Signer, session_id: str, participant: str | None,
                  reason: str) -> QueuedErasure:
    """Sign and queue a request to erase this session at the receiver, inside the caller's transaction."""
    request = new_request(_station_id(conn), signer.public_raw.hex(), session_id, participant, reason)
    body = request.body()
    now = _now()
    values = (request.request_id, session_id, body.decode(), signer.sign(REQUEST_CONTEXT + body).hex(), "queued", 0,
              now, None, None, None, None, None, now, None)
    conn.execute(f"INSERT INTO erasure_requests ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})",
                 values)
    return QueuedErasure(*values)


def _rows(conn: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()) -> list[QueuedErasure]:
    sql = f"SELECT {', '.join(FIELDS)} FROM erasure_requests {where} ORDER BY enqueued_utc, rowid"
    return [QueuedErasure(*row) for row in conn.execute(sql, params)]


def requests_of(conn: sqlite3.Connection, session_id: str | None = None) -> list[QueuedErasure]:
    """Every queued request (or one session's), oldest first; none in a database without the table."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'erasure_requests'").fetchone() is None:
        return []
    return _rows(conn, "WHERE session_id = ?", (session_id,)) if session_id else _rows(conn)


def due_requests(conn: sqlite3.Connection, now: str, force: bool = False) -> list[QueuedErasure]:
    """Requests not yet answered (queued, or sent without an answer kept) that are due (all of them with force)."""
    if force:
        return _rows(conn, "WHERE state IN ('queued', 'sent')")
    return _rows(conn, "WHERE state IN ('queued', 'sent') AND next_attempt_utc <= ?", (now,))


def next_due(conn: sqlite3.Connection) -> str | None:
    """When the earliest unanswered request is due, or None."""
    row = conn.execute("SELECT min(next_attempt_utc) FROM erasure_requests WHERE state IN ('queued', 'sent')")
    when = row.fetchone()[0]
    return None if when is None else str(when)


def mark_sent(conn: sqlite3.Connection, request_id: str, endpoint: str) -> None:
    """Count an attempt before posting, so a crash mid-request is still counted (and retried)."""
    conn.execute("UPDATE erasure_requests SET state = 'sent', attempts = attempts + 1, last_attempt_utc = ?, "
                 "endpoint = ? WHERE request_id = ?", (_now(), endpoint, request_id))


def mark_verified(conn: sqlite3.Connection, request_id: str, receipt: ErasureReceipt) -> None:
    """Store a receipt whose signature verified, and pin its key if none is pinned yet (one transaction)."""
    with atomic(conn):
        conn.execute("UPDATE erasure_requests SET state = 'verified', receipt = ?, receiver_key = ?, answered_utc = ?,"
                     " last_error = NULL WHERE request_id = ?", (receipt.as_json(), receipt.receiver_key, _now(),
                                                                 request_id))
        conn.execute("INSERT INTO station_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                     (RECEIPT_KEY_SETTING, receipt.receiver_key))


def mark_failed(conn: sqlite3.Connection, request_id: str, state: str, error: str, next_attempt_utc: str) -> None:
    """A failed attempt: queued again (retry at next_attempt_utc) or rejected."""
    assert state in ("queued", "rejected"), state
    conn.execute("UPDATE erasure_requests SET state = ?, last_error = ?, next_attempt_utc = ? WHERE request_id = ?",
                 (state, error, next_attempt_utc, request_id))


def requeue(conn: sqlite3.Connection) -> int:
    """Put rejected requests back in the queue, due now; how many."""
    return conn.execute("UPDATE erasure_requests SET state = 'queued', next_attempt_utc = ? WHERE state = "
                        "'rejected'", (_now(),)).rowcount


def requeue_refused(store: Store, states: tuple[str, ...] = ("rejected",)) -> int:
    """Put refused bundles and rejected erasure requests back in their queues, due now, in one transaction; how
    many rows."""
    from sync.outbox import requeue as requeue_bundles

    with store.atomic():
        return requeue_bundles(store, states) + (requeue(store.conn) if "rejected" in states else 0)


def pin_receipt_key(conn: sqlite3.Connection, key: bytes | None) -> None:
    """Pin this receiver receipt key (None: forget the pin; the next verified receipt pins its key)."""
    if key is None:
        conn.execute("DELETE FROM station_settings WHERE key = ?", (RECEIPT_KEY_SETTING,))
    else:
        conn.execute("INSERT INTO station_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                     "value = excluded.value", (RECEIPT_KEY_SETTING, key.hex()))


def pinned_receipt_key(conn: sqlite3.Connection) -> bytes | None:
    """The receiver receipt key this station pinned (its first verified receipt), or None."""
    row = conn.execute("SELECT value FROM station_settings WHERE key = ?", (RECEIPT_KEY_SETTING,)).fetchone()
    return bytes.fromhex(row[0]) if row and row[0] else None
