"""`hiremate verify-log`: recompute every chain and check database integrity."""

from __future__ import annotations

import argparse
from typing import Any

from eventlog import verify_store
from kiosk.cli.common import open_store, print_json

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the `verify-log` subcommand."""
    parser = sub.add_parser("verify-log", help="verify every session's hash chain and the database integrity")
    parser.add_argument("--json", action="store_true", help="print machine-readable output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 only when the integrity check passes and every chain verifies."""
    with open_store(args) as store:
        report = verify_store(store)
    first = report.broken[0] if report.broken else None
    if args.json:
        print_json({
            "ok": report.ok, "sessions": report.sessions, "events": report.events,
            "integrity": report.integrity,
            "first_broken": None if first is None else {"session": first.session_id, "seq": first.seq,
                                                        "reason": first.reason},
            "broken_sessions": len(report.broken),
        })
    else:
        print(f"integrity_check: {report.integrity}")
        print(f"sessions: {report.sessions}, events verified: {report.events}")
        if first is not None:
            print(f"BROKEN: {len(report.broken)} session(s); first: {first}")
        else:
            print("OK: every chain verifies")
    return 0 if report.ok else 1
