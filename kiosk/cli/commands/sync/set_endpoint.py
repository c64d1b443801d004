"""`hiremate sync set-endpoint URL`: save the receiver URL the station uploads to ('' turns sync off), and fetch and
save the receiver's age recipient with it (the outbox is re-encrypted for it)."""

from __future__ import annotations

import argparse
import sys

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The URL."""
    parser.add_argument("url", metavar="URL",
                        help=_s("receiver base URL, e.g. https://192.168.1.20:8765 ('' turns background sync off)"))


def run(args: argparse.Namespace) -> int:
    """Check and save the URL, then the receiver's recipient; a receiver out of reach is a warning, not a failure
    (the URL is saved; `sync set-recipient` sets the recipient by hand). A running station picks the URL up at
    its next start (the panel's Save: at once)."""
    from kiosk.services.stationdb import StationDb
    from kiosk.services.sync_settings import save_endpoint
    from sync.errors import SyncError

    with open_store(args) as store:
        try:
            saved = save_endpoint(StationDb(store), args.url)
        except ValueError as exc:
            raise CliError(str(exc), status=2) from None
        except SyncError as exc:  # re-encrypting the outbox failed (a bundle that cannot be rebuilt)
            raise CliError(_s("the endpoint is saved, but the outbox could not be encrypted for the receiver: "
                              "{error}").format(error=exc)) from None
    if args.json:
        print_json({"endpoint": saved.endpoint, "recipient": saved.recipient, "problem": saved.problem})
        return 0
    if saved.endpoint is None:
        print(_s("sync endpoint cleared: the station will not upload"))
        return 0
    print(_s("sync endpoint saved: {endpoint}").format(endpoint=saved.endpoint))
    if saved.problem is None:
        print(_s("receiver recipient saved: {recipient} (bundles are encrypted for it)").format(
            recipient=saved.recipient))
    else:
        print(_s("warning: the receiver's recipient could not be fetched ({problem}); bundles stay encrypted for "
                 "{recipient}; set it with `hiremate sync set-recipient AGE1...`").format(
            problem=saved.problem, recipient=saved.recipient or _s("no one (plain)")), file=sys.stderr)
    return 0
