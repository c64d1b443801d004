"""`hiremate privacy erase PSEUDONYM | --session ID... --reason TEXT`: erase under signed tombstones."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.privacy._shared import add_role, print_outcome, signer
from kiosk.cli.common import CliError, open_store, session_ids

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """erase's options."""
    parser.add_argument("participant", nargs="?", metavar="PSEUDONYM",
                        help=_s("erase every session and the personal data of this participant"))
    parser.add_argument("--participant", dest="participant_opt", metavar="PSEUDONYM",
                        help=_s("the same, as an option"))
    parser.add_argument("--session", action="append", default=[], metavar="ID",
                        help=_s("erase one session (its id or a unique start of it); repeatable"))
    parser.add_argument("--reason", required=True,
                        help=_s("why (kept in the signed tombstone), e.g. 'request 2026-14'"))
    add_role(parser)


def run(args: argparse.Namespace) -> int:
    """Erase in one transaction; a name that matches nothing is one line and changes nothing."""
    from kiosk.services.erasure import ErasureError, erase_participant, erase_sessions
    from kiosk.services.privacy import cli_actor

    participant = args.participant or args.participant_opt
    if bool(participant) == bool(args.session):
        raise CliError(_s("give a PSEUDONYM (or --participant) or --session ID, not both and not neither"), status=2)
    keys = signer(args)
    with open_store(args) as store:
        try:
            if participant:
                outcome = erase_participant(store, keys, participant, args.reason, cli_actor(args.role))
            else:
                outcome = erase_sessions(store, keys, session_ids(store, args.session), args.reason,
                                         cli_actor(args.role))
        except ErasureError as exc:
            raise CliError(str(exc)) from None
    print_outcome(outcome, participant or "erase", as_json=args.json)  # a pseudonym or the command's name
    return 0
