"""What the receiver commands share: the receiver database (--db, default under --data-dir)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError

__all__ = ["DEFAULT_DB", "add_db_argument", "open_storage", "receiver_storage"]

DEFAULT_DB = "receiver/receiver.sqlite3"


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """--db PATH."""
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help=f"receiver database (default: DATA_DIR/{DEFAULT_DB})")


def open_storage(args: argparse.Namespace) -> Any:
    """The receiver's SQLite storage at --db (created if missing); the caller closes it."""
    import sqlite3

    from sync.receiver.storage import SqliteStorage

    path = args.db or args.data_dir / DEFAULT_DB
    try:
        return SqliteStorage(path)
    except (sqlite3.Error, OSError) as exc:
        raise CliError(f"cannot open the receiver database {path}: {exc}") from None


@contextmanager
def receiver_storage(args: argparse.Namespace) -> Iterator[Any]:
    """The receiver's storage for the length of a block."""
    storage = open_storage(args)
    try:
        yield storage
    finally:
        storage.close()
