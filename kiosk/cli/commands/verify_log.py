"""`hiremate verify-log`: recompute every chain and check database integrity."""

from __future__ import annotations

import argparse

from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """verify-log has only the shared options."""


def run(args: argparse.Namespace) -> int:
    """Exit 0 only when the integrity check passes and every chain verifies."""
    from eventlog import verify_store

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
