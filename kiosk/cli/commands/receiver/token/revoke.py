"""`hiremate receiver token revoke ID`: a revoked read token is refused from then on."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.commands.receiver.token.list import TOKEN_FIELDS
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def _token_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _s("a token ID is a number from `hiremate receiver token list`, not {value}").format(value=repr(text))) \
            from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The token's ID and the database."""
    parser.add_argument("token_id", type=_token_id, metavar="ID", help=_s("the token's ID (see `token list`)"))
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Revoke; an unknown ID fails naming it."""
    with receiver_storage(args) as storage:
        row = storage.revoke_token(args.token_id)
    if row is None:
        raise CliError(_s("no read token with ID {id} (see `hiremate receiver token list`)").format(id=args.token_id))
    if args.json:
        print_json({key: row[key] for key in TOKEN_FIELDS})
    else:
        print(_s("read token {id} ({label}) revoked at {when}").format(id=row["id"], label=row["label"],
                                                                      when=row["revoked_utc"]))
    return 0
