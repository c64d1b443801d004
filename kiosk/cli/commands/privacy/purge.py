"""`hiremate privacy purge`: remove what has expired now (it also runs whenever the station starts)."""

from __future__ import annotations

import argparse

from i18n import _s
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
    people = _s("purged personal data of {count} participant(s): {names}") if outcome.people \
        else _s("purged personal data of {count} participant(s)")
    print(people.format(count=len(outcome.people), names=", ".join(outcome.people)))
    sessions = _s("erased {count} session(s) past their retention: {sessions}") if outcome.sessions \
        else _s("erased {count} session(s) past their retention")
    print(sessions.format(count=len(outcome.sessions), sessions=", ".join(outcome.sessions)))
    return 0
