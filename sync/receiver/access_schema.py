"""Receiver schema version 5 (SQLite and PostgreSQL): the access log, receiver settings, the receiver audit table.

`access_log` has one row per read of candidate data (who, when, what, which sessions, from where) and
`receiver_audit` one row per retention purge or setting change (counts and ids, never the data). Both are
append-only for real: the database refuses UPDATE and DELETE on them (triggers on SQLite; a trigger function
on PostgreSQL, which also refuses TRUNCATE). `receiver_settings` holds the retention periods.
"""

from __future__ import annotations

__all__ = ["APPEND_ONLY_TABLES", "MIGRATION_NAME", "PG_STATEMENTS", "SQLITE_STATEMENTS", "VERSION"]

VERSION = 5
MIGRATION_NAME = "access log of reads, receiver settings (retention), append-only receiver audit"
APPEND_ONLY_TABLES = ("access_log", "receiver_audit")

_COLUMNS = ("at_utc TEXT NOT NULL, token_id {int}, token_label TEXT, via TEXT NOT NULL, route TEXT NOT NULL, "
            "session_ids TEXT NOT NULL, client TEXT, detail TEXT NOT NULL")
_AUDIT = "at_utc TEXT NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT NOT NULL"
_SETTINGS = "CREATE TABLE IF NOT EXISTS receiver_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def _sqlite_guard(table: str, verb: str) -> str:
    return (f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN "
            f"SELECT RAISE(ABORT, '{table} is append-only: {verb} refused'); END")


SQLITE_STATEMENTS: tuple[str, ...] = (
    f"CREATE TABLE IF NOT EXISTS access_log (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    f"{_COLUMNS.format(int='INTEGER')})",
    "CREATE INDEX IF NOT EXISTS access_log_by_token ON access_log(token_id)",
    f"CREATE TABLE IF NOT EXISTS receiver_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, {_AUDIT})",
    _SETTINGS,
    *(_sqlite_guard(table, verb) for table in APPEND_ONLY_TABLES for verb in ("UPDATE", "DELETE")),
)

# no '%' anywhere: psycopg would read it as a placeholder
PG_STATEMENTS: tuple[str, ...] = (
    f"CREATE TABLE IF NOT EXISTS access_log (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
    f"{_COLUMNS.format(int='BIGINT')})",
    "CREATE INDEX IF NOT EXISTS access_log_by_token ON access_log(token_id)",
    f"CREATE TABLE IF NOT EXISTS receiver_audit (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, {_AUDIT})",
    _SETTINGS,
    """CREATE OR REPLACE FUNCTION hiremate_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' refused'; END $$""",
    *(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION "
      "hiremate_append_only()" for table in APPEND_ONLY_TABLES),
    *(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION "
      "hiremate_append_only()" for table in APPEND_ONLY_TABLES),
)
