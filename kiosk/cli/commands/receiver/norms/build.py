"""`hiremate receiver norms build SESSION... -o norms.toml`: a norm table from the sessions the receiver holds."""

from __future__ import annotations

import argparse

from kiosk.cli.commands.norms.build import add_norm_arguments, finish
from kiosk.cli.commands.receiver._shared import add_db_argument, operator, receiver_storage
from kiosk.cli.common import CliError

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database, the sessions and the table's description."""
    add_db_argument(parser)
    add_norm_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Score the stored sessions again with the current version and build the table (the read is recorded in the
    access log first)."""
    from sync.receiver.access_log import AccessNotRecorded, Accessor
    from sync.receiver.scored import UnknownStoredSession, receiver_scored
    from sync.receiver.storage import AmbiguousSession

    with receiver_storage(args) as storage:
        try:
            items = receiver_scored(storage, args.sessions, args.all)
            storage.log_access(Accessor(None, operator(), "cli"), "norms.build",
                               [item.session_id for item in items], {"group": args.group})
        except (UnknownStoredSession, AmbiguousSession, AccessNotRecorded) as exc:
            raise CliError(str(exc)) from None  # unrecorded: no table is written
    return finish(args, items)  # finish prints args.json output too
