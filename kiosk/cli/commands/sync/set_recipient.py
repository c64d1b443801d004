"""`hiremate sync set-recipient AGE1...`: save the receiver's age recipient by hand (for a station that cannot reach
its receiver when the endpoint is saved); '' clears it. The outbox is re-encrypted for it."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The recipient."""
    parser.add_argument("recipient", metavar="AGE1...",
                        help=_s("the receiver's age X25519 recipient (`age1…`, as GET /api/v1/recipient or the "
                                "receiver's operator shows it); '' clears it (bundles stay plain)"))


def run(args: argparse.Namespace) -> int:
    """Check and save the recipient, re-encrypting the outbox for it."""
    from kiosk.services.stationdb import StationDb
    from sync.errors import SealError, SyncError

    with open_store(args) as store:
        try:
            saved = StationDb(store).set_recipient(args.recipient)
        except SealError as exc:
            raise CliError(str(exc), status=2) from None
        except SyncError as exc:
            raise CliError(_s("the recipient is saved, but the outbox could not be encrypted for it: {error}").format(
                error=exc)) from None
    if args.json:
        print_json({"recipient": saved})
    elif saved:
        print(_s("receiver recipient saved: {recipient} (exports and the outbox are encrypted for it)").format(
            recipient=saved))
    else:
        print(_s("receiver recipient cleared: bundles are written plain (signed, not encrypted)"))
    return 0
