"""`hiremate privacy purge`: remove what has expired now (it also runs whenever the station starts)."""

from __future__ import annotations

import argparse

from kiosk.cli.commands.privacy._shared import add_role, signer
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """privacy purge's options."""
    add_role(parser)


def run(args: argparse.Namespace) -> int:
    """Purge in one transaction; print the pseudonyms and sessions removed (never the data)."""
    from kiosk.services.privacy import cli_actor, retention
    from kiosk.services.retention import purge_expired

    with open_store(args) as store:
        keys = signer(args) if retention(store).session_days is not None else None
        try:
            outcome = purge_expired(store, cli_actor(args.role), signer=keys)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json({"people": outcome.people, "sessions": outcome.sessions})
        return 0
    print(f"purged personal data of {len(outcome.people)} participant(s)"
          + (f": {', '.join(outcome.people)}" if outcome.people else ""))
    print(f"erased {len(outcome.sessions)} session(s) past their retention"
          + (f": {', '.join(outcome.sessions)}" if outcome.sessions else ""))
    return 0
