"""`hiremate sync`: one upload pass of the outbox with a progress bar, or the outbox's status."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from eventlog import Store
from kiosk.cli.common import CliError, open_store, print_json
from kiosk.services.stationdb import StationDb, validate_endpoint
from sync.client import Progress, SyncClient
from sync.errors import SyncError, TlsError
from sync.outbox import items, requeue, summary
from sync.trust import CertInfo, cert_info, load_ca_file, parse_certificates

__all__ = ["register"]

BAR_WIDTH = 30


def register(sub: Any) -> None:
    """Add the `sync` subcommand."""
    parser = sub.add_parser("sync", help="upload completed sessions' bundles once, or show the outbox status")
    parser.add_argument("--endpoint", metavar="URL",
                        help="receiver base URL, e.g. http://127.0.0.1:8765 (default: $HIREMATE_SYNC_ENDPOINT, "
                             "else the endpoint saved with --set-endpoint or in the proctor panel)")
    parser.add_argument("--set-endpoint", metavar="URL",
                        help="save the station's receiver URL ('' turns sync off) and exit")
    parser.add_argument("--ca-file", type=Path, metavar="FILE",
                        help="trust only this CA / self-signed receiver certificate (PEM) for an https:// endpoint "
                             "this once (default: the one saved with --set-ca-file, else the system trust store)")
    parser.add_argument("--set-ca-file", metavar="FILE",
                        help="save the receiver certificate to trust (its PEM text is stored; '' goes back to the "
                             "system trust store) and exit")
    parser.add_argument("--status", action="store_true", help="show the outbox instead of uploading")
    parser.add_argument("--retry-rejected", action="store_true", help="put refused bundles back in the queue first")
    parser.add_argument("--json", action="store_true", help="print machine-readable output")
    parser.set_defaults(handler=run)


def _ca_pem(args: argparse.Namespace, endpoint: str, saved: str | None) -> str | None:
    """--ca-file (only with an https:// endpoint), else the saved certificate; None means the system store."""
    if args.ca_file is None:
        return saved
    if not endpoint.lower().startswith("https://"):
        raise CliError(f"--ca-file is for https:// endpoints; {endpoint} is plain HTTP", status=2)
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
    for source, value in (("--endpoint", args.endpoint), ("HIREMATE_SYNC_ENDPOINT", os.environ.get(
            "HIREMATE_SYNC_ENDPOINT"))):
        if value:
            try:
                return validate_endpoint(value)
            except ValueError as exc:
                raise CliError(f"{source}: {exc}", status=2) from None
    return StationDb(store).sync_endpoint()


def _set_endpoint(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            url = StationDb(store).set_sync_endpoint(args.set_endpoint)
        except ValueError as exc:
            raise CliError(f"--set-endpoint: {exc}", status=2) from None
    if args.json:
        print_json({"endpoint": url})
    else:
        print(f"sync endpoint saved: {url}" if url else "sync endpoint cleared: the station will not upload")
    return 0


def _ca_infos(pem: str | None) -> list[CertInfo]:
    """What a saved / given PEM holds, one CertInfo per certificate (none: the system trust store)."""
    return [cert_info(cert) for cert in parse_certificates(pem.encode(), "saved CA certificate")] if pem else []


def _set_ca_file(args: argparse.Namespace) -> int:
    try:
        pem = load_ca_file(Path(args.set_ca_file), "--set-ca-file") if args.set_ca_file.strip() else None
    except TlsError as exc:
        raise CliError(str(exc), status=2) from None
    with open_store(args) as store:
        StationDb(store).set_sync_ca_pem(pem)
        endpoint = StationDb(store).sync_endpoint()
    infos = _ca_infos(pem)
    if args.json:
        print_json({"ca": [info.__dict__ for info in infos] or None})
    elif not infos:
        print("receiver CA cleared: https:// endpoints are checked against the system trust store")
    else:
        print("receiver certificate saved; for https:// the station now trusts only:")
        for info in infos:
            print(f"  {info.line()}")
    if pem and endpoint and not endpoint.lower().startswith("https://"):
        print(f"warning: the saved endpoint {endpoint} is plain HTTP; the certificate is used only for https://",
              file=sys.stderr)
    return 0


def _status(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        counts, rows, saved = summary(store), items(store), StationDb(store).sync_endpoint()
        ca = _ca_infos(StationDb(store).sync_ca_pem())
    if args.json:
        print_json({"counts": counts, "items": [row.as_dict() for row in rows], "endpoint": saved,
                    "ca": [info.__dict__ for info in ca] or None})
        return 0
    print(f"endpoint: {saved or 'none saved'}")
    print("trusts: " + ("; ".join(info.line() for info in ca) if ca else "the system trust store"))
    print("outbox: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    for row in rows:
        extra = row.last_error if row.state != "delivered" else f"receipt {row.bundle_sha256[:12]}…"
        print(f"  {row.session_id}  {row.state:<9} attempts {row.attempts}  {extra or ''}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run one pass (every pending bundle, due or not); exit 1 if anything is left undelivered."""
    if args.set_endpoint is not None:
        return _set_endpoint(args)
    if args.set_ca_file is not None:
        return _set_ca_file(args)
    if args.status:
        return _status(args)
    with open_store(args) as store:
        endpoint = _endpoint(args, store)
        saved_ca = StationDb(store).sync_ca_pem()
    if not endpoint:
        raise CliError("give --endpoint URL (or set HIREMATE_SYNC_ENDPOINT, or save one with --set-endpoint)", status=2)
    ca_pem = _ca_pem(args, endpoint, saved_ca)
    with open_store(args) as store, SyncClient(endpoint, ca_pem=ca_pem) as client:
        if args.retry_rejected:
            requeue(store)
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
        print(f"{report.delivered} delivered, {report.retry} to retry, {report.conflict} conflict(s), "
              f"{report.rejected} rejected; outbox: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        if report.unreachable:
            print(f"endpoint {endpoint} is unreachable; pending bundles stay queued", file=sys.stderr)
            print(f"last error: {report.errors[-1] if report.errors else 'none recorded'}", file=sys.stderr)
    return 0 if counts["pending"] == counts["conflict"] == counts["rejected"] == 0 else 1
