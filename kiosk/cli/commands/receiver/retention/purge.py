"""`hiremate receiver retention purge`: remove the sessions and group labels past their retention now (`receiver
serve` does it at start and daily)."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, operator, receiver_storage
from kiosk.cli.commands.receiver.groups._db import add_groups_argument
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database and the group-label file."""
    add_db_argument(parser)
    add_groups_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Purge, one transaction and audit row per session (and one for the labels), and say what went."""
    from kiosk.cli.commands.receiver.retention._start import purge_all

    with receiver_storage(args) as storage:
        before = len(storage.audit_rows("purge.session"))
        lines = purge_all(storage, args, operator(), record_empty=True)
        removed = len(storage.audit_rows("purge.session")) - before
    if args.json:
        print_json({"removed": lines, "sessions_removed": removed})
        return 0
    for line in lines:
        print(line)
    print(_s("{count} session(s) removed; recorded in the receiver audit table").format(count=removed))
    return 0
