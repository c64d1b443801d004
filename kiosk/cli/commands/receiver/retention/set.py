"""`hiremate receiver retention set --sessions-days N|never`: how long the receiver keeps a session after it closed."""

from __future__ import annotations

import argparse

from kiosk.cli.commands.receiver._shared import add_db_argument, operator, receiver_storage
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database and the period."""
    add_db_argument(parser)
    parser.add_argument("--sessions-days", required=True, metavar="N|never",
                        help="days a session is kept after it closed at the station ('never': until erased, the "
                             "default); expired sessions are purged at start and daily by `receiver serve`")


def run(args: argparse.Namespace) -> int:
    """Check and save the period (with its audit row); say what it means now."""
    from sync.receiver.retention import parse_days

    try:
        days = parse_days(args.sessions_days)
    except ValueError as exc:
        raise CliError(str(exc), status=2) from None
    with receiver_storage(args) as storage:
        storage.set_session_days(days, operator())
        expired = storage.retention_status()["sessions"]["expired_now"]
    if args.json:
        print_json({"session_days": days, "expired_now": expired})
        return 0
    print(f"sessions are kept {'until erased' if days is None else f'{days} days after they closed'}"
          + (f"; {expired} stored session(s) are past it and go at the next purge (`hiremate receiver retention "
             "purge`, or when the receiver starts)" if expired else ""))
    return 0
