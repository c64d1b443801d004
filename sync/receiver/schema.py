"""The SQLite receiver database's schema (version 5) and its migrations, recorded in the database.

Version 1 (no user_version; until the squatting fix) keyed bundles by session id alone, so any enrolled station
could take another station's session id first. Version 2 keys them by (public_key, session_id), gives each
bundle a row id that its events reference, and lets a station key be bound to one station id. The migration
copies every row in one transaction and is refused, changing nothing, if a foreign key would dangle. Version 3
adds each station's live state (its latest heartbeat), dashboard logins, and the `schema_migrations` table that
records every version applied (also kept in `PRAGMA user_version`). Version 4 adds the append-only `erasures`
table (erasure_schema.py); version 5 (access_schema.py) the access log, receiver settings and the receiver
audit table. The PostgreSQL schema is pg_schema.py.
"""

from __future__ import annotations

import sqlite3

from eventlog import atomic
from sync.receiver import access_schema
from sync.receiver.erasure_schema import ERASURES_NAME, SQLITE_ERASURES

__all__ = ["LIVE_SCHEMA", "MIGRATION_NAMES", "SCHEMA", "SCHEMA_VERSION", "SchemaError", "migrate"]

SCHEMA_VERSION = access_schema.VERSION
MIGRATION_NAMES = {
    1: "bundles, events, stations and read tokens, sessions keyed by session id",
    2: "sessions keyed by (station key, session id); a station key bound to one station id",
    3: "live station state (heartbeats), dashboard logins, recorded migrations",
    4: ERASURES_NAME,
    access_schema.VERSION: access_schema.MIGRATION_NAME,
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS stations (
    public_key TEXT PRIMARY KEY, label TEXT NOT NULL, enrolled_utc TEXT NOT NULL, station_id TEXT
);
CREATE TABLE IF NOT EXISTS bundles (
    id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, station_id TEXT NOT NULL,
    public_key TEXT NOT NULL, manifest TEXT NOT NULL, results BLOB NOT NULL, scoring_version TEXT NOT NULL,
    rescore TEXT NOT NULL, received_utc TEXT NOT NULL, bundle BLOB NOT NULL, UNIQUE (public_key, session_id)
);
CREATE INDEX IF NOT EXISTS bundles_by_session ON bundles(session_id);
CREATE TABLE IF NOT EXISTS events (
    bundle_id INTEGER NOT NULL REFERENCES bundles(id), session_id TEXT NOT NULL, seq INTEGER NOT NULL,
    t_ns INTEGER NOT NULL, kind TEXT NOT NULL, game TEXT, trial INTEGER, payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (bundle_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS read_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sha256 TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    created_utc TEXT NOT NULL, revoked_utc TEXT
);
"""

LIVE_SCHEMA = """
CREATE TABLE IF NOT EXISTS station_live (
    public_key TEXT PRIMARY KEY, station_id TEXT NOT NULL, seq INTEGER NOT NULL, received_utc TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dashboard_logins (
    sha256 TEXT PRIMARY KEY, token_id INTEGER NOT NULL REFERENCES read_tokens(id), created_utc TEXT NOT NULL,
    expires_utc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT
);
"""

_V1_TO_V2 = (
    """CREATE TABLE bundles_v2 (
        id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, station_id TEXT NOT NULL,
        public_key TEXT NOT NULL, manifest TEXT NOT NULL, results BLOB NOT NULL, scoring_version TEXT NOT NULL,
        rescore TEXT NOT NULL, received_utc TEXT NOT NULL, bundle BLOB NOT NULL, UNIQUE (public_key, session_id))""",
    """INSERT INTO bundles_v2 (session_id, bundle_sha256, station_id, public_key, manifest, results, scoring_version,
        rescore, received_utc, bundle)
       SELECT session_id, bundle_sha256, station_id, public_key, manifest, results, scoring_version, rescore,
        received_utc, bundle FROM bundles ORDER BY rowid""",
    """CREATE TABLE events_v2 (
        bundle_id INTEGER NOT NULL REFERENCES bundles(id), session_id TEXT NOT NULL, seq INTEGER NOT NULL,
        t_ns INTEGER NOT NULL, kind TEXT NOT NULL, game TEXT, trial INTEGER, payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (bundle_id, seq)) WITHOUT ROWID""",
    """INSERT INTO events_v2 SELECT b.id, e.session_id, e.seq, e.t_ns, e.kind, e.game, e.trial, e.payload,
        e.prev_hash, e.hash FROM events e JOIN bundles_v2 b ON b.session_id = e.session_id""",
    "DROP TABLE events",
    "DROP TABLE bundles",
    "ALTER TABLE bundles_v2 RENAME TO bundles",
    "ALTER TABLE events_v2 RENAME TO events",
    "ALTER TABLE stations ADD COLUMN station_id TEXT",
    # a key that has only ever signed for one station id is bound to it, as a first upload would bind it now
    """UPDATE stations SET station_id = (SELECT CASE WHEN count(DISTINCT station_id) = 1 THEN min(station_id) END
        FROM bundles WHERE bundles.public_key = stations.public_key)""",
)


class SchemaError(Exception):
    """The receiver database cannot be used or migrated; the message says why."""


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    counts = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("bundles", "events")]
    conn.execute("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction: set before it starts
    try:
        with atomic(conn):
            for statement in _V1_TO_V2:
                conn.execute(statement)
            after = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("bundles", "events")]
            dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
            if after != counts or dangling:
                raise SchemaError(f"migrating the receiver database to version 2 would keep {after} of {counts} "
                                  f"bundles/events ({len(dangling)} dangling references); nothing was changed")
            conn.execute("PRAGMA user_version = 2")
    finally:
        conn.execute("PRAGMA foreign_keys=ON")


def _record(conn: sqlite3.Connection, baseline: int) -> None:
    """Record every version in schema_migrations: those above `baseline` (the version the database had) as applied
    now, older ones without a time (applied before migrations were recorded)."""
    from sync.outbox import utc_now

    now = utc_now()
    for version, name in MIGRATION_NAMES.items():
        conn.execute("INSERT INTO schema_migrations (version, name, applied_utc) VALUES (?, ?, ?) "
                     "ON CONFLICT (version) DO NOTHING", (version, name, now if version > baseline else None))


def migrate(conn: sqlite3.Connection) -> int:
    """Bring a receiver database to SCHEMA_VERSION (creating it if empty); return the version it had."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise SchemaError(f"the receiver database has schema version {version}; this receiver knows up to "
                          f"{SCHEMA_VERSION} (upgrade the app)")
    migrated_v1 = version < 2 and "session_id" in _columns(conn, "bundles") and "id" not in _columns(conn, "bundles")
    if migrated_v1:
        _v1_to_v2(conn)
    with atomic(conn):  # statements one by one: executescript() would commit each on its own
        for statement in (SCHEMA + LIVE_SCHEMA).split(";"):
            if statement.strip():
                conn.execute(statement)
        for statement in (*SQLITE_ERASURES, *access_schema.SQLITE_STATEMENTS):  # triggers hold ';': not split
            conn.execute(statement)
        _record(conn, 1 if migrated_v1 else version)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return version
