"""`hiremate privacy set-retention`: how long personal data and sessions are kept."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.privacy._shared import add_role, kept_for
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """set-retention's options."""
    parser.add_argument("--personal-days", metavar="N", help=_s("days to keep names and e-mails (default 365)"))
    parser.add_argument("--session-days", metavar="N|never",
                        help=_s("days after closing to keep a session ('never' erases none: the default)"))
    add_role(parser)


def run(args: argparse.Namespace) -> int:
    """Save the settings with an audit row; print what holds now."""
    from kiosk.services.privacy import cli_actor, set_retention

    if args.personal_days is None and args.session_days is None:
        raise CliError(_s("give --personal-days N, --session-days N|never, or both"), status=2)
    with open_store(args) as store:
        try:
            keep = set_retention(store, args.personal_days, args.session_days, cli_actor(args.role))
        except ValueError as exc:
            raise CliError(str(exc), status=2) from None
    if args.json:
        print_json({"personal_days": keep.personal_days, "session_days": keep.session_days})
    else:
        print(_s("retention: personal data {days} days; sessions {sessions}").format(
            days=keep.personal_days, sessions=kept_for(keep.session_days)))
    return 0
