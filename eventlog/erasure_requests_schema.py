"""Migration 21: the station's queue of erasure requests to its receiver, and the signed receipts that come back.

One row per erased session (kiosk.services.erasure writes it in the tombstone's transaction): the exact signed
request body and its signature (resent unchanged on every retry, so the receiver sees one request id), its
delivery state (queued → sent → verified, or rejected), attempts and backoff as the bundle outbox keeps them,
and the receiver's receipt with the receiver key that signed it. Not tied to the sessions table: the session's
row is gone by the time the request is sent. Numbered 21 apart from the station's running sequence.
"""

from __future__ import annotations

import sqlite3

from eventlog.migrations import migration, run

__all__ = ["ERASURE_REQUEST_STATES"]

ERASURE_REQUEST_STATES = ("queued", "sent", "verified", "rejected")


@migration(21, "erasure requests queued to the receiver and its signed receipts")
def _erasure_requests(conn: sqlite3.Connection) -> None:
    run(
        conn,
        f"""
        CREATE TABLE erasure_requests (
            request_id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            body TEXT NOT NULL,
            signature TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ({', '.join(repr(s) for s in ERASURE_REQUEST_STATES)})),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_utc TEXT NOT NULL,
            last_attempt_utc TEXT,
            last_error TEXT,
            endpoint TEXT,
            receipt TEXT,
            receiver_key TEXT,
            enqueued_utc TEXT NOT NULL,
            answered_utc TEXT
        )
        """,
        "CREATE INDEX erasure_requests_by_state ON erasure_requests(state, next_attempt_utc)",
        "CREATE INDEX erasure_requests_by_session ON erasure_requests(session_id)",
    )
