"""`hiremate sync status`: the saved endpoint and recipient, the trusted receiver certificate and the outbox, row by
row."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.sync._shared import ca_infos
from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """sync status has only the shared options."""


def run(args: argparse.Namespace) -> int:
    """Print the settings and every outbox row with its state and last error or receipt."""
    from kiosk.services.stationdb import StationDb
    from sync.outbox import items, summary

    with open_store(args) as store:
        db = StationDb(store)
        counts, rows, saved, recipient = summary(store), items(store), db.sync_endpoint(), db.recipient()
        ca = ca_infos(db.sync_ca_pem())
    if args.json:
        print_json({"counts": counts, "items": [row.as_dict() for row in rows], "endpoint": saved,
                    "recipient": recipient, "ca": [info.__dict__ for info in ca] or None})
        return 0
    print(_s("endpoint: {endpoint}").format(endpoint=saved or _s("none saved")))
    print(_s("encrypted for: {recipient}").format(
        recipient=recipient or _s("no one: bundles are plain (signed, not encrypted)")))
    print(_s("trusts: {trusted}").format(
        trusted="; ".join(info.line() for info in ca) if ca else _s("the system trust store")))
    print(_s("outbox: {counts}").format(counts=", ".join(f"{n} {state}" for state, n in counts.items())))
    for row in rows:
        extra = row.last_error if row.state != "delivered" else _s("receipt {sha}…").format(
            sha=row.bundle_sha256[:12])
        print(_s("  {session}  {state} attempts {attempts}  {extra}").format(
            session=row.session_id, state=f"{row.state:<9}", attempts=row.attempts, extra=extra or ""))
    return 0
