"""`hiremate receiver retention status`: what the receiver holds, how old it is, and when it expires."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.commands.receiver.groups._db import add_groups_argument
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]

SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database and the group-label file."""
    add_db_argument(parser)
    add_groups_argument(parser)


def _print(status: dict[str, Any]) -> None:
    days = status["session_days"]
    sessions = status["sessions"]
    print(f"retention: sessions kept {'until erased' if days is None else f'{days} days after they closed'}")
    print(f"held: {sessions['count']} session(s), {sessions['events']} events; received from "
          f"{sessions['oldest_received_utc'] or '-'} to {sessions['newest_received_utc'] or '-'}")
    if days is not None:
        print(f"next to expire: {sessions['next_expiry_utc'] or '-'}; past retention now: {sessions['expired_now']}")
    for held in status["held"][:SHOWN]:
        print(f"  {held['session_id']}  station {held['station_id']}  closed {held['closed_utc'] or '-'}  "
              f"received {held['received_utc']}  expires {held['expires_utc'] or 'when erased'}")
    if len(status["held"]) > SHOWN:
        print(f"  … {len(status['held']) - SHOWN} more (--json lists every one)")
    labels = status["group_labels"]
    print(f"group labels (consented, for the audit): {labels['count']} held, kept {status['personal_days']} days "
          f"after import; oldest imported {labels['oldest_imported_utc'] or '-'}, expires "
          f"{labels['oldest_expires_utc'] or '-'}")
    print(f"purged by retention so far: {status['sessions_purged']} session(s); last purge "
          f"{status['last_purge_utc'] or 'never'}; reads on record: {status['access_rows']} "
          "(`hiremate receiver access-log`)")


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
