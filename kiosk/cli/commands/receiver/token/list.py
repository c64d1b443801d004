"""`hiremate receiver token list`: every read token with its state (never the token itself)."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.common import print_json

__all__ = ["TOKEN_FIELDS", "add_arguments", "run"]

TOKEN_FIELDS = ("id", "label", "created_utc", "revoked_utc")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database."""
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """One line per token: ID, label, created, active or revoked."""
    with receiver_storage(args) as storage:
        rows = [{key: row[key] for key in TOKEN_FIELDS} for row in storage.tokens()]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = _s("revoked {when}").format(when=row["revoked_utc"]) if row["revoked_utc"] else _s("active")
        print(_s("{id}  {label}  (created {when}; {state})").format(id=f"{row['id']:>4}", label=row["label"],
                                                                   when=row["created_utc"], state=state))
    print(_s("{active} active read token(s), {count} in all").format(
        active=sum(not row["revoked_utc"] for row in rows), count=len(rows)))
    return 0
