"""The station database: opening, migrating and reading sessions and events (no Qt)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventlog.errors import StoreError
from eventlog.migrations import migrate
from eventlog.records import EventRecord
from eventlog.transaction import atomic

__all__ = ["DB_FILENAME", "SessionRow", "Store", "atomic", "connect"]

DB_FILENAME = "station.sqlite3"


def connect(path: Path | str) -> sqlite3.Connection:
    """Open a connection with the station's pragmas: WAL, full sync, foreign keys, busy wait."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a HireMate station database: {exc}") from exc
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


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
        """Build from a `sessions` table row."""
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})


class Store:
    """Read access and station metadata over one station database file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        try:
            self.applied = migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"cannot migrate {self.path}: {exc}") from exc

    @classmethod
    def in_dir(cls, data_dir: Path | str) -> Store:
        """Open (creating if needed) the station database inside a data directory."""
        directory = Path(data_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create data directory {directory}: {exc}") from exc
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
        """A session's raw event rows in sequence order, payload as its stored canonical JSON text."""
        return self.conn.execute(
            "SELECT session_id, seq, t_ns, kind, game, trial, payload, prev_hash, hash"
            " FROM events WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )

    def iter_events(self, session_id: str) -> Iterator[EventRecord]:
        """A session's events in sequence order."""
        loads = json.loads
        for sid, seq, t_ns, kind, game, trial, payload, prev_hash, digest in self.iter_rows(session_id):
            yield EventRecord(sid, seq, t_ns, kind, game, trial, loads(payload), prev_hash, digest)

    def events(self, session_id: str) -> list[EventRecord]:
        """A session's events as a list."""
        return list(self.iter_events(session_id))

    def event_count(self, session_id: str) -> int:
        """How many events a session has in the log."""
        row = self.conn.execute("SELECT count(*) FROM events WHERE session_id = ?", (session_id,)).fetchone()
        return int(row[0])

    def set_session_status(self, session_id: str, status: str) -> None:
        """Change a session's operational status (the events are never touched)."""
        self.conn.execute("UPDATE sessions SET status = ? WHERE id = ?", (status, session_id))
