"""`hiremate receiver retention set [--sessions-days N|never] [--personal-days N]`: how long the receiver keeps a
session after it closed, and consented group labels after they were imported."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, operator, receiver_storage
from kiosk.cli.commands.receiver.retention.status import kept_after_closing
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database and the periods."""
    add_db_argument(parser)
    parser.add_argument("--sessions-days", metavar="N|never",
                        help=_s("days a session is kept after it closed at the station ('never': until erased, the "
                                "default); expired sessions are purged at start and daily by `receiver serve`"))
    parser.add_argument("--personal-days", metavar="N",
                        help=_s("days a consented group label is kept after it was imported (default 365)"))


def _periods(args: argparse.Namespace) -> tuple[int | str | None, int | None]:
    from sync.receiver.retention import parse_days

    if args.sessions_days is None and args.personal_days is None:
        raise CliError(_s("give --sessions-days N|never, --personal-days N, or both"), status=2)
    try:
        sessions = "keep" if args.sessions_days is None else parse_days(args.sessions_days)
        personal = None if args.personal_days is None else parse_days(args.personal_days, "--personal-days")
    except ValueError as exc:
        raise CliError(str(exc), status=2) from None
    if args.personal_days is not None and personal is None:
        raise CliError(_s("--personal-days 'never': give a whole number of days (personal data always expires)"),
                       status=2)
    return sessions, personal


def run(args: argparse.Namespace) -> int:
    """Check and save the periods (with one audit row); say what they mean now."""
    sessions, personal = _periods(args)
    with receiver_storage(args) as storage:
        storage.set_retention(operator(), session_days=sessions, personal_days=personal)
        days, personal_days = storage.session_days(), storage.personal_days()
        expired = storage.retention_status()["sessions"]["expired_now"]
    if args.json:
        print_json({"session_days": days, "personal_days": personal_days, "expired_now": expired})
        return 0
    print(_s("sessions are kept {period}").format(period=kept_after_closing(days)) + (_s(
        "; {count} stored session(s) are past it and go at the next purge (`hiremate receiver retention purge`, or "
        "when the receiver starts)").format(count=expired) if expired else ""))
    print(_s("group labels are kept {days} days after they were imported").format(days=personal_days))
    return 0
