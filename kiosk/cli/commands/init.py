"""`hiremate init`: create the station's data directory and database (idempotent)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import _s
from kiosk.cli.common import open_store, print_json

if TYPE_CHECKING:
    from eventlog import Store

__all__ = ["add_arguments", "init_steps", "run"]


def init_steps() -> list[Callable[[Path, Store], str | None]]:
    """What init does after the store: each step takes (data_dir, store) and returns a line of what it did or None."""
    from sync.key_history import init_identity_step

    return [init_identity_step]  # the station's Ed25519 key pair, recorded in its key history (sync)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """init's options."""
    parser.add_argument("--name", default="station", help=_s("station name shown to proctors (first run only)"))


def run(args: argparse.Namespace) -> int:
    """Create what is missing; report whether anything changed."""
    from eventlog.store import DB_FILENAME

    existed = (args.data_dir / DB_FILENAME).exists()
    with open_store(args, create=True) as store:
        station, created = store.ensure_station(args.name)
        changes = [f"applied migrations {store.applied}"] if store.applied else []
        if created:
            changes.append(f"created station {station['id']} ({station['name']})")
        for step in init_steps():
            line = step(args.data_dir, store)
            if line:
                changes.append(line)
    result = {"data_dir": str(args.data_dir), "station_id": station["id"], "created": not existed,
              "changes": changes}
    if args.json:
        print_json(result)
    elif changes:
        print(_s("Initialised station in {folder}:").format(folder=args.data_dir))
        for line in changes:
            print(f"  - {line}")  # the same lines as --json's "changes"
    else:
        print(_s("Station in {folder} is already initialised; nothing changed.").format(folder=args.data_dir))
    return 0
