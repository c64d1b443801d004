"""`hiremate receiver norms check FILE`: whether the sessions a norm table used are still held by the receiver."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.norms.check import add_check_arguments, load_table, report_inputs
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database and the norm table file."""
    add_db_argument(parser)
    add_check_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Check the table's sessions against what the receiver stores, its erasures and its retention purges."""
    from sync.receiver.norm_inputs import norm_inputs

    table = load_table(args.table)
    with receiver_storage(args) as storage:
        rows = [row.as_dict() for row in norm_inputs(storage, table.sessions)]
    return report_inputs(args, table, rows, _s("by the receiver"))  # report_inputs prints args.json output too
