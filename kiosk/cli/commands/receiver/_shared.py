"""What the receiver commands share: the receiver database (--db: a SQLite file, default under --data-dir, or a
PostgreSQL URL; else $HIREMATE_RECEIVER_DB, which keeps a password out of the process list) and the folder of
the receiver's own files (its age identity)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from i18n import _s
from kiosk.cli.common import CliError

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "add_db_argument",
    "db_target",
    "open_storage",
    "operator",
    "receiver_home",
    "receiver_storage",
]

DEFAULT_DB = "receiver/receiver.sqlite3"
DB_ENV = "HIREMATE_RECEIVER_DB"


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """--db PATH_OR_URL."""
    parser.add_argument("--db", default=None, metavar="PATH_OR_URL",
                        help=_s("receiver database: a SQLite file or a PostgreSQL URL "
                                "postgresql://user:password@host:5432/dbname (default: ${variable}, else "
                                "DATA_DIR/{file})").format(variable=DB_ENV, file=DEFAULT_DB))


def db_target(args: argparse.Namespace) -> str:
    """The database --db names (a URL as given, a file path as a string), else $HIREMATE_RECEIVER_DB, else the
    default SQLite file."""
    return str(args.db or os.environ.get(DB_ENV) or args.data_dir / DEFAULT_DB)


def receiver_home(args: argparse.Namespace) -> Path:
    """The folder of the receiver's own files: beside a SQLite database, else DATA_DIR/receiver."""
    target = db_target(args)
    if target.startswith(("postgresql://", "postgres://")):
        return Path(args.data_dir) / Path(DEFAULT_DB).parent
    return Path(target).parent


def open_storage(args: argparse.Namespace, pool_size: int = 8) -> Any:
    """The receiver's storage --db names (a SQLite file is created if missing); the caller closes it."""
    from sync.receiver.backends import StorageOpenError
    from sync.receiver.backends import open_storage as open_backend

    try:
        return open_backend(db_target(args), pool_size=pool_size, home=receiver_home(args))
    except StorageOpenError as exc:
        raise CliError(str(exc)) from None


@contextmanager
def receiver_storage(args: argparse.Namespace) -> Iterator[Any]:
    """The receiver's storage for the length of a block."""
    storage = open_storage(args)
    try:
        yield storage
    finally:
        storage.close()


def operator() -> str:
    """Who runs a receiver command, for the audit and access records: `operator:<operating-system account>`."""
    import getpass

    try:
        return f"operator:{getpass.getuser()}"
    except (KeyError, OSError):
        return "operator:unknown"
