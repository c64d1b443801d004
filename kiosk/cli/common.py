"""Helpers shared by commands: errors with exit codes, JSON output, opening the store (imported when it is opened)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from i18n import _s

if TYPE_CHECKING:
    from eventlog import Store

__all__ = ["CliError", "open_store", "print_json", "session_ids"]


class CliError(Exception):
    """A failure to report in one line, with the process exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def open_store(args: argparse.Namespace, create: bool = False, readonly: bool = False) -> Store:
    """Open the station store in --data-dir; refuse to create one unless asked. The data directory is made private
    first (each repair is one line on stderr; kiosk.services.private_dir). `readonly` opens it without writing
    anything at all and without migrating (and repairs nothing)."""
    from eventlog import Store, StoreError
    from eventlog.store import DB_FILENAME
    from kiosk.services.private_dir import DataDirError, secure_data_dir

    data_dir: Path = args.data_dir
    if not create and not (data_dir / DB_FILENAME).exists():
        raise CliError(_s("no station database in {folder}; run `hiremate init` first").format(folder=data_dir))
    try:
        if readonly:
            return Store(data_dir / DB_FILENAME, readonly=True)
        repaired = secure_data_dir(data_dir)
        if repaired:
            print(_s("hiremate: made {count} entries of {folder} private (they were readable by others): "
                     "{entries}").format(count=len(repaired), folder=data_dir, entries="; ".join(repaired)),
                  file=sys.stderr)
        return Store.in_dir(data_dir)
    except (StoreError, DataDirError) as exc:
        raise CliError(str(exc)) from None


def session_ids(store: Store, texts: list[str]) -> list[str]:
    """The sessions named on the command line, each by pseudonym or by any unique start of its id; one line naming
    the matches when a text is ambiguous or matches nothing."""
    import sqlite3

    from eventlog.pages import with_damaged_page
    from kiosk.services.session_lookup import SessionLookupError, find_sessions

    try:
        return [row.id for row in find_sessions(store, texts)]
    except SessionLookupError as exc:
        raise CliError(str(exc)) from None
    except sqlite3.DatabaseError as exc:  # a damaged file: name the page (hiremate verify-log says the rest)
        raise CliError(_s("cannot read the sessions list: {error}").format(
            error=with_damaged_page(store.path, str(exc)))) from None


def print_json(value: Any) -> None:
    """Print a value as sorted, indented JSON."""
    import json

    print(json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False))
