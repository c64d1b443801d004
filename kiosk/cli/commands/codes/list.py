"""`hiremate codes list`: every access code with its state (unused, used, expired, void)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from i18n import _s
from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """codes list has only the shared options."""


def _state(row: Any, now: datetime) -> str:
    if row.used_utc:
        return "used" if row.session_id else "void"
    return "expired" if datetime.fromisoformat(row.expires_utc) <= now else "unused"


def run(args: argparse.Namespace) -> int:
    """Every code with its state (and its accommodations, when any were granted)."""
    from kiosk.services.accommodations import code_accommodations
    from kiosk.services.stationdb import StationDb

    now = datetime.now(UTC)
    with open_store(args) as store:
        db = StationDb(store)
        rows = db.codes()
        granted = {r.ref: code_accommodations(db, r.ref) for r in rows}
    if args.json:
        print_json([{**r.as_dict(), "state": _state(r, now),
                     "accommodations": granted[r.ref].payload() if granted[r.ref].any else None} for r in rows])
        return 0
    if not rows:
        print(_s("no codes issued yet (hiremate codes issue --count N)"))
    for r in rows:
        extra = _s("  accommodations: {granted}").format(granted=granted[r.ref].describe()) if granted[r.ref].any \
            else ""
        print(_s("{code}  {participant} {battery} {state} expires {expires}Z  {session}{extra}").format(
            code=r.shown, participant=f"{r.participant:<14}", battery=f"{r.battery:<12}", state=f"{_state(r, now):<8}",
            expires=r.expires_utc[:16], session=r.session_id or "", extra=extra))
    return 0
