"""`hiremate receiver retention purge`: remove the sessions past their retention now (`receiver serve` does it at
start and daily)."""

from __future__ import annotations

import argparse

from kiosk.cli.commands.receiver._shared import add_db_argument, operator, receiver_storage
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database."""
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Purge, one transaction and audit row per session, and say what went (ids and counts)."""
    with receiver_storage(args) as storage:
        outcome = storage.purge_expired(actor=operator())
    if args.json:
        print_json({"removed": [{"session_id": sid, "station_id": station, "events": events}
                                for sid, station, events in outcome.removed]})
        return 0
    for line in outcome.lines():
        print(line)
    print(f"{len(outcome.removed)} session(s) removed; recorded in the receiver audit table")
    return 0
