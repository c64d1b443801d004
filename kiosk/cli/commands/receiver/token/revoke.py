"""`hiremate receiver token revoke ID`: a revoked read token is refused from then on."""

from __future__ import annotations

import argparse

from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.commands.receiver.token.list import TOKEN_FIELDS
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def _token_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"a token ID is a number from `hiremate receiver token list`, not {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The token's ID and the database."""
    parser.add_argument("token_id", type=_token_id, metavar="ID", help="the token's ID (see `token list`)")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Revoke; an unknown ID fails naming it."""
    with receiver_storage(args) as storage:
        row = storage.revoke_token(args.token_id)
    if row is None:
        raise CliError(f"no read token with ID {args.token_id} (see `hiremate receiver token list`)")
    if args.json:
        print_json({key: row[key] for key in TOKEN_FIELDS})
    else:
        print(f"read token {row['id']} ({row['label']}) revoked at {row['revoked_utc']}")
    return 0
