"""Receiver schema version 4: the append-only `erasures` table (SQLite and PostgreSQL statements).

One row per erasure request the receiver carried out: request id, session id, station id and key, who asked
(the station, or `receiver:<account>` at the receiver), the reason, the time, the counts removed per table and
the signed receipt (JSON) it answered with: never the erased data. Triggers refuse UPDATE and DELETE. A row also
makes the receiver refuse a later upload of that (station id, session id).
"""

from __future__ import annotations

__all__ = ["ERASURES_NAME", "PG_ERASURES", "SQLITE_ERASURES"]

ERASURES_NAME = "erasures: the append-only record of erased sessions and the signed receipts given"

_TABLE = """CREATE TABLE IF NOT EXISTS erasures (
    request_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, station_id TEXT NOT NULL, station_key TEXT NOT NULL,
    requested_by TEXT NOT NULL, reason TEXT NOT NULL, erased_utc TEXT NOT NULL, removed TEXT NOT NULL,
    receipt TEXT NOT NULL)"""
_INDEX = "CREATE INDEX IF NOT EXISTS erasures_by_session ON erasures(station_id, session_id)"

SQLITE_ERASURES = (
    _TABLE,
    _INDEX,
    "CREATE TRIGGER IF NOT EXISTS erasures_refuse_update BEFORE UPDATE ON erasures "
    "BEGIN SELECT RAISE(ABORT, 'erasures are append-only: UPDATE refused'); END",
    "CREATE TRIGGER IF NOT EXISTS erasures_refuse_delete BEFORE DELETE ON erasures "
    "BEGIN SELECT RAISE(ABORT, 'erasures are append-only: DELETE refused'); END",
)

PG_ERASURES = (
    _TABLE,
    _INDEX,
    """CREATE OR REPLACE FUNCTION hiremate_erasures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'erasures are append-only: UPDATE and DELETE refused'; END $$""",
    """CREATE TRIGGER erasures_append_only BEFORE UPDATE OR DELETE ON erasures
    FOR EACH ROW EXECUTE FUNCTION hiremate_erasures_append_only()""",
)
