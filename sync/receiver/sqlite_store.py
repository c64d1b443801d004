"""The embedded receiver backend: one SQLite file (":memory:" for a throwaway receiver), schema in schema.py.

One connection per process, serialised by a lock; every call is one transaction (BEGIN IMMEDIATE, so several
receiver processes on one file wait for each other's writes instead of failing).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventlog import atomic
from sync.receiver.schema import migrate
from sync.receiver.sqlbase import Sql, SqlStorage

__all__ = ["SqliteStorage"]


class _SqliteSql:
    """Sql over a sqlite3 connection (it already uses `?` placeholders)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.conn.execute(sql, params).fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.conn.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.conn.execute(sql, params).rowcount

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)


class SqliteStorage(SqlStorage):
    """BundleStorage on one SQLite file (":memory:" for a throwaway receiver), serialised by a lock."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self.migrated_from = migrate(self._conn)

    @property
    def home(self) -> Path | None:
        """The folder of the receiver's own files (its age identity): the database file's (None for :memory:)."""
        return None if self.path == ":memory:" else Path(self.path).parent

    @property
    def location(self) -> str:
        """The database file."""
        return self.path

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[Sql]:
        if not write:  # autocommit reads: WAL gives each statement a consistent snapshot without the write lock
            with self._lock:
                yield _SqliteSql(self._conn)
            return
        with self._lock, atomic(self._conn):
            yield _SqliteSql(self._conn)
