"""The PostgreSQL receiver backend (psycopg 3 with its connection pool): several receiver processes, one database.

Each process keeps a small pool; every call takes a connection for one transaction (READ COMMITTED). The
statements are sqlbase's, with `?` turned into psycopg's `%s`. The schema and its recorded migrations are in
pg_schema.py. Give the database as a libpq URL: `postgresql://user:password@host:5432/hiremate`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import ConnectionPool

from sync.receiver.pg_schema import Execute, migrate
from sync.receiver.sqlbase import Sql, SqlStorage

__all__ = ["PostgresStorage", "is_postgres_url", "redacted"]

URL_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str) -> bool:
    """Whether --db names a PostgreSQL database rather than a SQLite file."""
    return target.startswith(URL_SCHEMES)


def redacted(url: str) -> str:
    """The URL's host, port, database and user, never its password (for messages and logs)."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(unreadable URL)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def _pg(sql: str) -> bytes:
    """A sqlbase statement in psycopg's placeholder style (bytes: a query psycopg takes as it is)."""
    assert "%" not in sql, "sqlbase statements must not contain %"
    return sql.replace("?", "%s").encode()


class _PgSql:
    """Sql over one psycopg connection inside a transaction."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.conn.cursor() as cur:
            cur.execute(_pg(sql), params)
            return [tuple(row) for row in cur.fetchall()] if cur.description else []

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self.conn.cursor() as cur:
            cur.execute(_pg(sql), params)
            return cur.rowcount

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_pg(sql), rows)


def _in_transaction(conn: psycopg.Connection[Any], fn: Callable[[Execute], Any]) -> Any:
    """fn(execute) in one transaction of conn (pg_schema's statements use %s already)."""
    def execute(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with conn.cursor() as cur:
            cur.execute(sql.encode(), params)
            return [tuple(row) for row in cur.fetchall()] if cur.description else []

    with conn.transaction():
        return fn(execute)


class PostgresStorage(SqlStorage):
    """BundleStorage on a PostgreSQL database shared by any number of receiver processes."""

    def __init__(self, url: str, pool_size: int = 8, connect_timeout_s: float = 10.0,
                 home: Path | None = None) -> None:
        """home: the folder of the receiver's own files (its age identity; None keeps one in memory)."""
        self.url = url
        self.home = home
        conninfo = make_conninfo(url, connect_timeout=max(1, int(connect_timeout_s)), application_name="hiremate")
        with psycopg.connect(conninfo, autocommit=True) as conn:  # a clear error now if it cannot connect
            self.migrated_from = migrate(lambda fn: _in_transaction(conn, fn))
        self._pool = ConnectionPool(conninfo, min_size=1, max_size=pool_size, kwargs={"autocommit": True},
                                    open=False, name="hiremate-receiver")
        self._pool.open(wait=True, timeout=connect_timeout_s)

    @property
    def location(self) -> str:
        """The database URL without its password."""
        return redacted(self.url)

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[Sql]:
        with self._pool.connection() as conn:
            if not write:
                yield _PgSql(conn)
                return
            with conn.transaction():
                yield _PgSql(conn)
