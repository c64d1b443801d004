"""`hiremate receiver erasures`: the receiver's append-only record of erased sessions (counts, never the data)."""

from __future__ import annotations

import argparse
import json

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database."""
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """One line per erasure, oldest first: when, session, station, who asked, counts removed, why."""
    with receiver_storage(args) as storage:
        rows = storage.erasures()
    if args.json:
        print_json([{**row, "removed": json.loads(row["removed"]), "receipt": json.loads(row["receipt"])}
                    for row in rows])
        return 0
    for row in rows:
        counts = ", ".join(f"{n} {table}" for table, n in sorted(json.loads(row["removed"]).items()))
        print(_s("{when}  {session}  station {station}  by {by}  removed {counts}  {reason}").format(
            when=row["erased_utc"][:19], session=row["session_id"], station=row["station_id"], by=row["requested_by"],
            counts=counts, reason=row["reason"]))
    print(_s("{count} erasure(s)").format(count=len(rows)))
    return 0
