"""`hiremate receiver token create`: a new read token for the receiver's GET API, shown only once."""

from __future__ import annotations

import argparse
import sys

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """A label and the database."""
    parser.add_argument("--label", default="read token",  # stored with the token: not translated
                        help=_s("what the token is for (default: read token)"))
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Create the token; the token alone goes to stdout (TOKEN=$(hiremate receiver token create) works)."""
    from sync.receiver.auth import create_token

    with receiver_storage(args) as storage:
        token, row = create_token(storage, args.label)
    if args.json:
        print_json({"id": row["id"], "label": row["label"], "created_utc": row["created_utc"], "token": token})
    else:
        print(_s("read token {id} ({label}) created; it is shown only now (the receiver keeps only its SHA-256). "
                 "Send it as `Authorization: Bearer <token>`:").format(id=row["id"], label=row["label"]),
              file=sys.stderr)
        print(token)
    return 0
