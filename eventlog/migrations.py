"""Registered, recorded schema migrations of the station database; none rewrites an event row.

Each migration runs in one transaction together with its row in `_migrations` (eventlog.transaction.atomic):
a migration that fails halfway leaves the schema and `_migrations` exactly as they were, and the next start
tries it again. So a migration executes its statements one by one (`run(conn, ...)`), never with
`executescript()`, which would COMMIT the transaction first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from eventlog.errors import SchemaTooNewError
from eventlog.transaction import atomic

__all__ = ["MIGRATIONS", "Migration", "applied_migrations", "migrate", "migration", "run"]


@dataclass(frozen=True)
class Migration:
    """One numbered schema step."""

    number: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


MIGRATIONS: list[Migration] = []


Step = Callable[[sqlite3.Connection], None]


def migration(number: int, name: str) -> Callable[[Step], Step]:
    """Register a migration; numbers must be unique and increasing in registration order."""

    def decorate(fn: Step) -> Step:
        if any(m.number == number for m in MIGRATIONS):
            raise ValueError(f"migration {number} is registered twice")
        MIGRATIONS.append(Migration(number, name, fn))
        MIGRATIONS.sort(key=lambda m: m.number)
        return fn

    return decorate


def run(conn: sqlite3.Connection, *statements: str) -> None:
    """Execute SQL statements one at a time, inside the caller's transaction."""
    for statement in statements:
        conn.execute(statement)


def applied_migrations(conn: sqlite3.Connection) -> list[int]:
    """Numbers of the migrations recorded in this database (none for a new file; reading changes nothing)."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone()
    if exists is None:
        return []
    return [row[0] for row in conn.execute("SELECT number FROM _migrations ORDER BY number")]


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> list[int]:
    """Apply every registered migration not yet recorded (up to `upto`), each in one transaction with its
    record; return those applied. A failing migration raises and leaves the database as it was before it."""
    done = set(applied_migrations(conn))
    known = {m.number for m in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise SchemaTooNewError(f"database has migrations {unknown} that this app does not know; upgrade the app")
    due = [m for m in MIGRATIONS if m.number not in done and (upto is None or m.number <= upto)]
    return [step.number for step in due if _apply(conn, step)]


def _apply(conn: sqlite3.Connection, step: Migration) -> bool:
    """Apply one migration and record it, in one transaction; False if another process already had."""
    with atomic(conn):
        if step.number in applied_migrations(conn):  # applied elsewhere while this process waited for the lock
            return False
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations"
                     " (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        step.apply(conn)
        conn.execute("INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                     (step.number, step.name, datetime.now(UTC).isoformat()))
    return True


@migration(1, "station, sessions and the append-only events table")
def _initial(conn: sqlite3.Connection) -> None:
    run(
        conn,
        """
        CREATE TABLE station (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, created_utc TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            purpose TEXT NOT NULL,
            participant TEXT NOT NULL,
            battery TEXT,
            status TEXT NOT NULL,
            anchor_wall_utc TEXT NOT NULL,
            anchor_wall_ns INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            app_version TEXT NOT NULL,
            platform TEXT NOT NULL,
            closed_utc TEXT,
            event_count INTEGER,
            chain_head TEXT
        )
        """,
        """
        CREATE TABLE events (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            seq INTEGER NOT NULL,
            t_ns INTEGER NOT NULL,
            kind TEXT NOT NULL,
            game TEXT,
            trial INTEGER,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID
        """,
        """
        CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END
        """,
        """
        CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END
        """,
    )


@migration(2, "personal data apart from the log, and session lookups by status")
def _people_and_status(conn: sqlite3.Connection) -> None:
    run(
        conn,
        """
        CREATE TABLE people (
            participant TEXT PRIMARY KEY, name TEXT, email TEXT, created_utc TEXT NOT NULL
        )
        """,
        "CREATE INDEX sessions_by_status ON sessions(status)",
    )


@migration(4, "station operations: one-time access codes, proctor settings, session progress for resume")
def _station_operations(conn: sqlite3.Connection) -> None:
    run(
        conn,
        """
        CREATE TABLE access_codes (
            code TEXT PRIMARY KEY,
            participant TEXT NOT NULL,
            battery TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            expires_utc TEXT NOT NULL,
            used_utc TEXT,
            session_id TEXT
        )
        """,
        "CREATE TABLE station_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE session_progress (
            session_id TEXT PRIMARY KEY,
            battery TEXT NOT NULL,
            code TEXT,
            game_index INTEGER NOT NULL DEFAULT 0,
            game TEXT,
            trial INTEGER,
            owner_pid INTEGER,
            updated_utc TEXT NOT NULL
        )
        """,
    )


@migration(5, "sync outbox: one signed bundle per completed session and its delivery state")
def _sync_outbox(conn: sqlite3.Connection) -> None:
    run(
        conn,
        """
        CREATE TABLE outbox (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id),
            bundle_path TEXT NOT NULL,
            bundle_sha256 TEXT NOT NULL,
            bundle_size INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'conflict', 'rejected')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_utc TEXT NOT NULL,
            last_attempt_utc TEXT,
            last_error TEXT,
            receipt TEXT,
            endpoint TEXT,
            enqueued_utc TEXT NOT NULL,
            delivered_utc TEXT
        )
        """,
        "CREATE INDEX outbox_by_state ON outbox(state, next_attempt_utc)",
    )


@migration(3, "derived scoring results, keyed by session and scoring version (never in the events table)")
def _results(conn: sqlite3.Connection) -> None:
    run(
        conn,
        """
        CREATE TABLE results (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            scoring_version TEXT NOT NULL,
            canonical_json BLOB NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (session_id, scoring_version)
        )
        """,
    )


APPEND_ONLY_TABLES = ("events", "checkpoints", "station_keys")


def append_only_triggers(table: str) -> tuple[str, str]:
    """The two triggers that make a table append-only (verify-log checks they exist with exactly this text)."""
    return (
        f"CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table}\n"
        f"        BEGIN SELECT RAISE(ABORT, '{table} are append-only: UPDATE refused'); END",
        f"CREATE TRIGGER {table}_refuse_delete BEFORE DELETE ON {table}\n"
        f"        BEGIN SELECT RAISE(ABORT, '{table} are append-only: DELETE refused'); END",
    )


@migration(6, "signed checkpoints of session chain heads and the station's key history, both append-only")
def _checkpoints(conn: sqlite3.Connection) -> None:
    run(
        conn,
        """
        CREATE TABLE checkpoints (
            n INTEGER PRIMARY KEY,
            prev TEXT NOT NULL,
            session_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            head TEXT NOT NULL,
            reason TEXT NOT NULL,
            status TEXT,
            closed_utc TEXT,
            signed_utc TEXT NOT NULL,
            public_key TEXT NOT NULL,
            signature TEXT NOT NULL
        )
        """,
        "CREATE INDEX checkpoints_by_session ON checkpoints(session_id, seq)",
        """
        CREATE TABLE station_keys (
            n INTEGER PRIMARY KEY,
            public_key TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            reason TEXT NOT NULL
        )
        """,
        *append_only_triggers("checkpoints"),
        *append_only_triggers("station_keys"),
    )


@migration(7, "access codes kept only as hashes (with a hint); session progress keeps the code's hint")
def _hashed_codes(conn: sqlite3.Connection) -> None:
    from eventlog.codehash import code_salt, hash_code, hint_of

    run(conn, "ALTER TABLE access_codes ADD COLUMN hint TEXT")
    plain = [row[0] for row in conn.execute("SELECT code FROM access_codes")]
    if plain:
        salt = code_salt(conn)
        for code in plain:
            conn.execute("UPDATE access_codes SET code = ?, hint = ? WHERE code = ?",
                         (hash_code(code, salt), hint_of(code), code))
    for session_id, code in conn.execute("SELECT session_id, code FROM session_progress WHERE code IS NOT NULL"
                                         ).fetchall():
        conn.execute("UPDATE session_progress SET code = ? WHERE session_id = ?", (hint_of(code), session_id))
