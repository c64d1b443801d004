"""`hiremate receiver stations`: the station keys this receiver trusts."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database."""
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """One line per enrolled key: fingerprint, label, when."""
    from sync.identity import fingerprint_of

    with receiver_storage(args) as storage:
        rows = [{**row, "fingerprint": fingerprint_of(bytes.fromhex(row["public_key"]))}
                for row in storage.stations()]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(_s("{fingerprint}  {label}  (enrolled {when})").format(fingerprint=row["fingerprint"],
                                                                        label=row["label"], when=row["enrolled_utc"]))
        print(_s("{count} enrolled station key(s)").format(count=len(rows)))
    return 0
