"""Migration 20: the append-only privacy audit table, signed erasure tombstones, and the one DELETE the log allows.

Events stay append-only: the `events_refuse_delete` trigger still refuses every DELETE, except of the events of a
session whose signed tombstone already exists (written first, in the same transaction, by the erasure path in
kiosk.services.erasure). `privacy_audit` and `tombstones` are append-only themselves. Numbered 20, apart from the
station's running sequence, so that a branch adding the next station migration does not collide with it.
"""

from __future__ import annotations

import sqlite3

import eventlog.erasure_requests_schema  # noqa: F401  (registers migration 21: erasure requests to the receiver)
from eventlog.migrations import append_only_triggers, migration, run

__all__ = ["PRIVACY_APPEND_ONLY_TABLES", "TOMBSTONE_DELETE_TRIGGER"]

PRIVACY_APPEND_ONLY_TABLES = ("privacy_audit", "tombstones")

TOMBSTONE_DELETE_TRIGGER = (
    "CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events\n"
    "        WHEN NOT EXISTS (SELECT 1 FROM tombstones WHERE session_id = OLD.session_id)\n"
    "        BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END"
)


@migration(20, "privacy: append-only audit table, signed erasure tombstones, events deletable only under a tombstone")
def _privacy(conn: sqlite3.Connection) -> None:
    run(
        conn,
        """
        CREATE TABLE privacy_audit (
            n INTEGER PRIMARY KEY,
            at_utc TEXT NOT NULL,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            subject TEXT,
            detail TEXT NOT NULL
        )
        """,
        "CREATE INDEX privacy_audit_by_subject ON privacy_audit(subject, n)",
        """
        CREATE TABLE tombstones (
            session_id TEXT PRIMARY KEY,
            participant TEXT NOT NULL,
            event_count INTEGER NOT NULL,
            chain_head TEXT NOT NULL,
            reason TEXT NOT NULL,
            erased_utc TEXT NOT NULL,
            exported TEXT NOT NULL,
            public_key TEXT NOT NULL,
            signature TEXT NOT NULL
        )
        """,
        *append_only_triggers("privacy_audit"),
        *append_only_triggers("tombstones"),
        "DROP TRIGGER IF EXISTS events_refuse_delete",  # one dropped by hand is put back (verify-log names the rest)
        TOMBSTONE_DELETE_TRIGGER,
    )
