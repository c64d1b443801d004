"""`hiremate sync run`: one upload pass over every pending bundle in the outbox, with a progress bar."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

if TYPE_CHECKING:
    from eventlog import Store
    from sync.progress import Progress

__all__ = ["add_arguments", "run"]

BAR_WIDTH = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to upload this once, which certificate to trust, and whether to retry refused bundles."""
    parser.add_argument("--endpoint", metavar="URL",
                        help=_s("receiver base URL, e.g. http://127.0.0.1:8765 (default: $HIREMATE_SYNC_ENDPOINT, "
                                "else the endpoint saved with `sync set-endpoint` or in the proctor panel)"))
    parser.add_argument("--ca-file", type=Path, metavar="FILE",
                        help=_s("trust only this CA / self-signed receiver certificate (PEM) for an https:// "
                                "endpoint this once (default: the one saved with `sync set-ca`, else the system trust "
                                "store)"))
    parser.add_argument("--retry-rejected", action="store_true",
                        help=_s("put refused bundles back in the queue first"))


def _ca_pem(args: argparse.Namespace, endpoint: str, saved: str | None) -> str | None:
    """--ca-file (only with an https:// endpoint), else the saved certificate; None means the system store."""
    from sync.errors import TlsError
    from sync.trust import load_ca_file

    if args.ca_file is None:
        return saved
    if not endpoint.lower().startswith("https://"):
        raise CliError(_s("--ca-file is for https:// endpoints; {endpoint} is plain HTTP").format(endpoint=endpoint),
                       status=2)
    try:
        return load_ca_file(args.ca_file)
    except TlsError as exc:
        raise CliError(str(exc), status=2) from None


def _bar(step: Progress) -> None:
    filled = BAR_WIDTH * (step.index - (step.state == "sending")) // max(step.total, 1)
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    line = f"[{bar}] {step.index}/{step.total} {step.session_id[:8]} {step.state}"
    print(f"\r{line:<72}", end="", file=sys.stderr, flush=True)


def _endpoint(args: argparse.Namespace, store: Store) -> str | None:
    """--endpoint, else $HIREMATE_SYNC_ENDPOINT, else the saved station setting (checked like a saved one)."""
    from kiosk.services.stationdb import StationDb, validate_endpoint

    for source, value in (("--endpoint", args.endpoint), ("HIREMATE_SYNC_ENDPOINT", os.environ.get(
            "HIREMATE_SYNC_ENDPOINT"))):
        if value:
            try:
                return validate_endpoint(value)
            except ValueError as exc:
                raise CliError(f"{source}: {exc}", status=2) from None  # i18n-ok: an option's name and its error
    return StationDb(store).sync_endpoint()


def run(args: argparse.Namespace) -> int:
    """Run one pass (every pending bundle, due or not); exit 1 if anything is left undelivered."""
    from kiosk.services.stationdb import StationDb
    from sync.client import SyncClient
    from sync.erasure_outbox import requeue_refused
    from sync.errors import SyncError
    from sync.outbox import summary

    with open_store(args) as store:
        endpoint = _endpoint(args, store)
        saved_ca = StationDb(store).sync_ca_pem()
    if not endpoint:
        raise CliError(_s("give --endpoint URL (or set HIREMATE_SYNC_ENDPOINT, or save one with "
                          "`hiremate sync set-endpoint URL`)"), status=2)
    ca_pem = _ca_pem(args, endpoint, saved_ca)
    with open_store(args) as store, SyncClient(endpoint, ca_pem=ca_pem) as client:
        if args.retry_rejected:
            requeue_refused(store)
        try:
            report = client.run_pass(store, None if args.json else _bar, force=True)
            if report.attempted and not args.json:
                print(file=sys.stderr)
        except SyncError as exc:
            raise CliError(str(exc)) from None
        counts = summary(store)
    if args.json:
        print_json({"pass": report.__dict__, "counts": counts})
    else:
        print(_s("{delivered} delivered, {retry} to retry, {conflict} conflict(s), {rejected} rejected; outbox: "
                 "{outbox}").format(delivered=report.delivered, retry=report.retry, conflict=report.conflict,
                                    rejected=report.rejected, outbox=", ".join(f"{n} {s}" for s, n in counts.items())))
        if report.erasures_sent:
            print(_s("erasure requests: {verified} receipt(s) verified, {retry} to retry, {rejected} rejected "
                     "(`hiremate privacy receipts`)").format(verified=report.erasures_verified,
                                                             retry=report.erasures_retry,
                                                             rejected=report.erasures_rejected))
        if report.unreachable:
            print(_s("endpoint {endpoint} is unreachable; pending bundles stay queued (last error: {error})").format(
                endpoint=endpoint, error=report.errors[-1] if report.errors else _s("none recorded")), file=sys.stderr)
    return 0 if counts["pending"] == counts["conflict"] == counts["rejected"] == 0 else 1
