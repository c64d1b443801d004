"""`hiremate receiver retention status`: what the receiver holds, how old it is, and when it expires."""

from __future__ import annotations

import argparse
from typing import Any

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.commands.receiver.groups._db import add_groups_argument
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]

SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database and the group-label file."""
    add_db_argument(parser)
    add_groups_argument(parser)


def kept_after_closing(days: int | None) -> str:
    """How long the receiver keeps a session, in words."""
    return _s("until erased") if days is None else _s("{days} days after they closed").format(days=days)


def _print(status: dict[str, Any]) -> None:
    days = status["session_days"]
    sessions = status["sessions"]
    print(_s("retention: sessions kept {period}").format(period=kept_after_closing(days)))
    print(_s("held: {count} session(s), {events} events; received from {oldest} to {newest}").format(
        count=sessions["count"], events=sessions["events"], oldest=sessions["oldest_received_utc"] or "-",
        newest=sessions["newest_received_utc"] or "-"))
    if days is not None:
        print(_s("next to expire: {when}; past retention now: {count}").format(
            when=sessions["next_expiry_utc"] or "-", count=sessions["expired_now"]))
    for held in status["held"][:SHOWN]:
        print(_s("  {session}  station {station}  closed {closed}  received {received}  expires {expires}").format(
            session=held["session_id"], station=held["station_id"], closed=held["closed_utc"] or "-",
            received=held["received_utc"], expires=held["expires_utc"] or _s("when erased")))
    if len(status["held"]) > SHOWN:
        print(_s("  … {more} more (--json lists every one)").format(more=len(status["held"]) - SHOWN))
    labels = status["group_labels"]
    print(_s("group labels (consented, for the audit): {count} held, kept {days} days after import; oldest imported "
             "{oldest}, expires {expires}").format(count=labels["count"], days=status["personal_days"],
                                                   oldest=labels["oldest_imported_utc"] or "-",
                                                   expires=labels["oldest_expires_utc"] or "-"))
    print(_s("purged by retention so far: {count} session(s); last purge {when}; reads on record: {reads} "
             "(`hiremate receiver access-log`)").format(count=status["sessions_purged"],
                                                         when=status["last_purge_utc"] or _s("never"),
                                                         reads=status["access_rows"]))


def run(args: argparse.Namespace) -> int:
    """The settings, the sessions held (soonest to expire first) and the purges so far."""
    from datetime import datetime, timedelta

    from kiosk.cli.commands.receiver.retention._start import existing_groups

    with receiver_storage(args) as storage:
        status = storage.retention_status()
        status["personal_days"] = storage.personal_days()
    labels = existing_groups(args)
    count, oldest = (0, None) if labels is None else labels.oldest()
    if labels is not None:
        labels.close()
    expires = (datetime.fromisoformat(oldest) + timedelta(days=status["personal_days"])).isoformat() if oldest else None
    status["group_labels"] = {"count": count, "oldest_imported_utc": oldest, "oldest_expires_utc": expires}
    if args.json:
        print_json(status)
    else:
        _print(status)
    return 0
