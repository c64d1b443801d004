"""`hiremate privacy audit [--participant P] [--action A]`: the append-only record of purges, erasures and reads."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """privacy audit's filters."""
    parser.add_argument("--participant", metavar="PSEUDONYM", help=_s("only rows about this participant"))
    parser.add_argument("--action",
                        help=_s("only this action or family (purge, erase, withdraw, read, read.report...)"))


def run(args: argparse.Namespace) -> int:
    """Print the audit rows, oldest first."""
    from kiosk.services.privacy import audit_rows

    with open_store(args, readonly=True) as store:
        rows = audit_rows(store, args.participant, args.action) if store.schema_has("privacy_audit") else []
    if args.json:
        print_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        detail = ", ".join(f"{key}={value}" for key, value in sorted(row.detail.items()))
        print(f"{row.n:>5}  {row.at_utc[:19]}  {row.action:<18} {row.actor:<24} {row.subject or '-':<14} {detail}")
    print(_s("{count} row(s)").format(count=len(rows)))
    return 0
