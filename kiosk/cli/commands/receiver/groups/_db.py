"""The group-label database option (--groups, default beside the receiver's database)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from i18n import _s
from kiosk.cli.common import CliError

__all__ = ["DEFAULT_GROUPS", "add_groups_argument", "open_groups"]

DEFAULT_GROUPS = "receiver/groups.sqlite3"


def add_groups_argument(parser: argparse.ArgumentParser) -> None:
    """--groups PATH."""
    parser.add_argument("--groups", type=Path, default=None, metavar="PATH",
                        help=_s("group-label database, kept apart from the sessions (default: DATA_DIR/{file})").format(
                            file=DEFAULT_GROUPS))


def open_groups(args: argparse.Namespace) -> Any:
    """The group-label database (created if missing); the caller closes it."""
    import sqlite3

    from sync.receiver.groups import GroupLabels

    path = args.groups or args.data_dir / DEFAULT_GROUPS
    try:
        return GroupLabels(path)
    except (sqlite3.Error, OSError) as exc:
        raise CliError(_s("cannot open the group-label database {path}: {error}").format(path=path, error=exc)) \
            from None
