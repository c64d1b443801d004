"""The station database: opening, migrating and reading sessions and events (no Qt)."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import eventlog.accommodation_schema
import eventlog.language_schema
import eventlog.privacy_schema  # noqa: F401  (registers migration 20: privacy audit, tombstones)
from eventlog.columns import EVENT_COLUMNS, checked_records
from eventlog.errors import SchemaTooNewError, StoreError
from eventlog.migrations import MIGRATIONS, applied_migrations, migrate
from eventlog.records import EventRecord, record_of
from eventlog.rows import check_row, read_rows, shown_value, strict_payload
from eventlog.transaction import atomic

__all__ = ["DB_FILENAME", "STATION_TABLES", "SessionRow", "Store", "atomic", "connect", "connect_readonly"]

DB_FILENAME = "station.sqlite3"
STATION_TABLES = ("_migrations", "station", "sessions", "events")
SIDE_FILES = ("-wal", "-shm", "-journal")
_EVENTS = f"SELECT {EVENT_COLUMNS} FROM events WHERE session_id = ? ORDER BY seq"


def connect(path: Path | str) -> sqlite3.Connection:
    """Open a connection with the station's pragmas: WAL, full sync, foreign keys, busy wait."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    try:
        _read_schema(conn)
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a HireMate station database: {exc}") from exc
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def connect_readonly(path: Path | str) -> sqlite3.Connection:
    """Open a database for reading only: nothing is written, not even a WAL or shared-memory file. A file with no
    -wal beside it holds everything (the last connection merged it), so it is read as immutable, which works on
    read-only media too; one with a -wal (a station running, or one that crashed) is opened `mode=ro`, so the
    log's newest events are read too (that needs the -wal's shared-memory file, or a writable folder)."""
    file = Path(path)
    if not file.is_file():
        raise StoreError(f"{file}: no such database file")
    if file.stat().st_size == 0:
        raise StoreError(f"{file} is not a HireMate station database (an empty file)")
    uri = file.resolve().as_uri()
    wal = file.with_name(file.name + "-wal")
    try:
        if not wal.exists():
            return _checked_open(f"{uri}?mode=ro&immutable=1")
        return _checked_open(f"{uri}?mode=ro")
    except sqlite3.OperationalError as exc:
        advice = (f"; it has a write-ahead log ({wal.name}) that only a writable copy can read: copy the folder "
                  "somewhere writable") if wal.exists() else ""
        raise StoreError(f"{file}: cannot open read-only ({exc}){advice}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{file} is not a HireMate station database: {exc}") from None


def _checked_open(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        _read_schema(conn)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _read_schema(conn: sqlite3.Connection) -> None:
    """Make SQLite parse the schema now. A damaged schema is a DatabaseError: SQLite quotes the damaged name in its
    message, and when that is not UTF-8 Python cannot decode the message (UnicodeDecodeError)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except UnicodeDecodeError:
        raise sqlite3.DatabaseError("malformed database schema (its text is not valid UTF-8)") from None


def _missing_tables(conn: sqlite3.Connection) -> list[str]:
    have = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in STATION_TABLES if name not in have]


def _create_database(path: Path) -> None:
    """Make a new station database at path, all or nothing: it is built and migrated under a temporary name
    (owner-only, so its WAL and shared-memory files are too) and linked into place only once complete. A full
    disk or any error leaves no file behind, not even an empty one."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.new")
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = connect(temp)
        try:
            migrate(conn)
        finally:
            conn.close()
        if temp.with_name(temp.name + "-wal").exists():
            raise StoreError("its write-ahead log could not be merged when it was closed")
        _link_into_place(temp, path)
    except (OSError, sqlite3.Error, StoreError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StoreError(f"cannot create the station database {path}: {reason}") from None
    finally:
        for suffix in ("", *SIDE_FILES):
            temp.with_name(temp.name + suffix).unlink(missing_ok=True)


def _link_into_place(temp: Path, path: Path) -> None:
    """Give the finished file its name without replacing one another process made meanwhile."""
    try:
        os.link(temp, path)
    except FileExistsError:
        return  # another process created the station first: theirs is used
    except OSError:  # a file system without hard links (FAT): rename, unless the name appeared meanwhile
        if not path.exists():
            os.replace(temp, path)


def _is_empty_leftover(path: Path) -> bool:
    """A 0-byte file with no WAL beside it: what an older app left when a full disk stopped `init` (no data)."""
    wal = path.with_name(path.name + "-wal")
    return path.is_file() and path.stat().st_size == 0 and not wal.exists()


@dataclass(frozen=True)
class SessionRow:
    """A session's metadata row."""

    id: str
    purpose: str
    participant: str
    battery: str | None
    status: str
    anchor_wall_utc: str
    anchor_wall_ns: int
    time_zone: str
    app_version: str
    platform: str
    closed_utc: str | None
    event_count: int | None
    chain_head: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SessionRow:
        """Build from a `sessions` table row; StoreError naming the field when one has the wrong type (damage)."""
        values = {name: row[name] for name in cls.__dataclass_fields__}
        for name, value in values.items():
            kind = int if name in _INT_FIELDS else str
            if not (type(value) is kind or (value is None and name in _NULLABLE_FIELDS)):
                who = values["id"] if type(values["id"]) is str else f"at {values['anchor_wall_utc']!r}"
                raise StoreError(f"the sessions table is damaged: session {who}: field '{name}' is "
                                 f"{shown_value(value)}")
        return cls(**values)


_INT_FIELDS = frozenset({"anchor_wall_ns", "event_count"})
_NULLABLE_FIELDS = frozenset({"battery", "closed_utc", "event_count", "chain_head"})


class Store:
    """Read access and station metadata over one station database file.

    Opened normally it creates the file if needed (all or nothing) and applies pending migrations. Opened with
    `readonly=True` it writes nothing at all (`mode=ro`), refuses a file that is not a station database and
    never migrates: what `hiremate verify-log` uses, so it also works on read-only media.
    """

    def __init__(self, path: Path | str, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.applied: list[int] = []
        if readonly:
            self.conn = connect_readonly(self.path)
            self._check_station_schema()
        else:
            if not self.path.exists() or _is_empty_leftover(self.path):
                _create_database(self.path)
            self.conn = connect(self.path)
            try:
                self.applied = migrate(self.conn)
            except sqlite3.DatabaseError as exc:
                self.conn.close()
                raise StoreError(f"cannot migrate {self.path}: {exc}") from exc

    def _check_station_schema(self) -> None:
        try:
            missing = _missing_tables(self.conn)
            known = {m.number for m in MIGRATIONS}
            unknown = sorted(set(applied_migrations(self.conn)) - known) if not missing else []
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a HireMate station database: {exc}") from None
        if missing:
            self.conn.close()
            raise StoreError(f"{self.path} is not a HireMate station database (no {', '.join(missing)} table)")
        if unknown:
            self.conn.close()
            raise SchemaTooNewError(f"{self.path} has migrations {unknown} that this app does not know; upgrade the "
                                    "app")

    def schema_has(self, table: str) -> bool:
        """Whether the database has a table (an older schema opened read-only may lack newer ones)."""
        found = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
        return found.fetchone() is not None

    @classmethod
    def in_dir(cls, data_dir: Path | str) -> Store:
        """Open (creating if needed, owner-only) the station database inside a data directory."""
        directory = Path(data_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise StoreError(f"cannot create data directory {directory}: {exc.strerror or exc}") from None
        return cls(directory / DB_FILENAME)

    def close(self) -> None:
        """Close the read connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def atomic(self) -> AbstractContextManager[sqlite3.Connection]:
        """One transaction over this store's connection (eventlog.transaction.atomic); nests as a savepoint."""
        return atomic(self.conn)

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows of a query as dicts keyed by column name."""
        cursor = self.conn.execute(sql, tuple(args))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def station(self) -> dict[str, Any] | None:
        """The station's identity row, if `init` has made one."""
        rows = self.rows("SELECT * FROM station LIMIT 1")
        return rows[0] if rows else None

    def ensure_station(self, name: str = "station") -> tuple[dict[str, Any], bool]:
        """Return the station row, creating it on first use; the flag says whether it was created."""
        existing = self.station()
        if existing is not None:
            return existing, False
        with self.atomic():  # look again under the write lock: two processes never make two rows
            existing = self.station()
            if existing is not None:
                return existing, False
            row = {"id": str(uuid.uuid4()), "name": name, "created_utc": datetime.now(UTC).isoformat()}
            self.conn.execute("INSERT INTO station (id, name, created_utc) VALUES (?, ?, ?)",
                              (row["id"], row["name"], row["created_utc"]))
        return row, True

    def session(self, session_id: str) -> SessionRow | None:
        """One session's metadata, or None."""
        rows = self.rows("SELECT * FROM sessions WHERE id = ?", (session_id,))
        return SessionRow.from_row(rows[0]) if rows else None

    def sessions(self, status: str | None = None) -> list[SessionRow]:
        """Every session, oldest first, optionally only those with a status."""
        where, args = (" WHERE status = ?", (status,)) if status else ("", ())
        rows = self.rows(f"SELECT * FROM sessions{where} ORDER BY anchor_wall_ns", args)
        return [SessionRow.from_row(r) for r in rows]

    def iter_rows(self, session_id: str) -> Iterator[tuple[Any, ...]]:
        """A session's raw event rows in sequence order, payload as its stored text, types unchecked (verify_rows
        checks them); a damaged file raises StoreError naming the last event read."""
        return read_rows(self.conn, session_id)

    def iter_events(self, session_id: str) -> Iterator[EventRecord]:
        """A session's events in sequence order, every field typed and every payload strict JSON; a hand-edited
        row raises ChainBrokenError naming the event and field, a damaged file StoreError."""
        for position, raw in enumerate(self.iter_rows(session_id)):
            sid, seq, t_ns, kind, game, trial, payload, prev_hash, digest = check_row(session_id, position, raw)
            yield EventRecord(sid, seq, t_ns, kind, game, trial, strict_payload(session_id, seq, payload), prev_hash,
                              digest)

    def events(self, session_id: str) -> list[EventRecord]:
        """A session's events as a list, with iter_events' checks: one query, the rows checked column by column
        and the payloads decoded in one pass (eventlog.columns); a session that does not pass is read again row by
        row, which names the problem (or accepts what only the row-by-row decoder reads)."""
        try:
            rows = self.conn.execute(_EVENTS, (session_id,)).fetchall()
        except sqlite3.DatabaseError:
            rows = None  # read again row by row: that names the last event read
        records = None if rows is None else checked_records(session_id, rows)
        return self.events_row_by_row(session_id) if records is None else records

    def events_row_by_row(self, session_id: str) -> list[EventRecord]:
        """events() read row by row, each row checked and each payload decoded on its own: what names a damaged
        row, and what events() was before issue 19 (benchmarks/bench_scoring.py compares the two)."""
        records: list[EventRecord] = []
        append = records.append
        for position, raw in enumerate(self.iter_rows(session_id)):
            sid, seq, t_ns, kind, game, trial, payload, prev_hash, digest = check_row(session_id, position, raw)
            append(record_of(sid, seq, t_ns, kind, game, trial, strict_payload(session_id, seq, payload), prev_hash,
                             digest))
        return records

    def event_count(self, session_id: str) -> int:
        """How many events a session has in the log."""
        row = self.conn.execute("SELECT count(*) FROM events WHERE session_id = ?", (session_id,)).fetchone()
        return int(row[0])

    def set_session_status(self, session_id: str, status: str) -> None:
        """Change a session's operational status (the events are never touched)."""
        self.conn.execute("UPDATE sessions SET status = ? WHERE id = ?", (status, session_id))
