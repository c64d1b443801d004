"""Opening the receiver's storage from what `--db` says: a PostgreSQL URL, else a SQLite file (the default)."""

from __future__ import annotations

from pathlib import Path

from sync.receiver.storage import BundleStorage

__all__ = ["StorageOpenError", "open_storage"]


class StorageOpenError(Exception):
    """The receiver database cannot be opened; the message names it (never with its password) and says why."""


def open_storage(target: str | Path, pool_size: int = 8, home: Path | None = None) -> BundleStorage:
    """SqliteStorage for a file path (created if missing), PostgresStorage for postgresql://… (its age identity in
    `home`); StorageOpenError with one line otherwise."""
    import sqlite3

    from sync.receiver.postgres_store import is_postgres_url, redacted
    from sync.receiver.schema import SchemaError

    text = str(target)
    if is_postgres_url(text):
        import psycopg
        from psycopg_pool import PoolTimeout

        from sync.receiver.postgres_store import PostgresStorage

        try:
            return PostgresStorage(text, pool_size=pool_size, home=home)
        except (psycopg.Error, PoolTimeout) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StorageOpenError(f"cannot open the receiver database {redacted(text)}: {reason}") from None
        except SchemaError as exc:
            raise StorageOpenError(f"{redacted(text)}: {exc}") from None
    from sync.receiver.sqlite_store import SqliteStorage

    try:
        return SqliteStorage(text)
    except (sqlite3.Error, OSError, SchemaError) as exc:
        raise StorageOpenError(f"cannot open the receiver database {text}: {exc}") from None
