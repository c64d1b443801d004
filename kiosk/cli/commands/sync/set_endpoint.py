"""`hiremate sync set-endpoint URL`: save the receiver URL the station uploads to ('' turns sync off)."""

from __future__ import annotations

import argparse

from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The URL."""
    parser.add_argument("url", metavar="URL",
                        help="receiver base URL, e.g. https://192.168.1.20:8765 ('' turns background sync off)")


def run(args: argparse.Namespace) -> int:
    """Check and save the URL; a running station picks it up at its next start (the panel's Save: at once)."""
    from kiosk.services.stationdb import StationDb

    with open_store(args) as store:
        try:
            url = StationDb(store).set_sync_endpoint(args.url)
        except ValueError as exc:
            raise CliError(str(exc), status=2) from None
    if args.json:
        print_json({"endpoint": url})
    else:
        print(f"sync endpoint saved: {url}" if url else "sync endpoint cleared: the station will not upload")
    return 0
