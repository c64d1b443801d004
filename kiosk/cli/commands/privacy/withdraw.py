"""`hiremate privacy withdraw PSEUDONYM`: a participant withdraws consent: everything of theirs is erased."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.privacy._shared import add_role, print_outcome, signer
from kiosk.cli.common import CliError, open_store

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """withdraw's options."""
    parser.add_argument("participant", metavar="PSEUDONYM", help=_s("the participant who withdrew consent"))
    parser.add_argument("--reason", default="consent withdrawn",  # stored in the signed tombstone: not translated
                        help=_s("kept in the tombstones (default: consent withdrawn)"))
    add_role(parser)


def run(args: argparse.Namespace) -> int:
    """Erase every session, code and personal row of the pseudonym, recorded as a withdrawal."""
    from kiosk.services.erasure import ErasureError, erase_participant
    from kiosk.services.privacy import cli_actor

    keys = signer(args)
    with open_store(args) as store:
        try:
            outcome = erase_participant(store, keys, args.participant, args.reason, cli_actor(args.role),
                                        withdrawal=True)
        except ErasureError as exc:
            raise CliError(str(exc)) from None
    print_outcome(outcome, _s("{participant} withdrew").format(participant=args.participant), as_json=args.json)
    return 0
