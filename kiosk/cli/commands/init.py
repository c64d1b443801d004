"""`hiremate init`: create the station's data directory and database (idempotent)."""

from __future__ import annotations

import argparse
from typing import Any

from eventlog.store import DB_FILENAME
from kiosk.cli.common import open_store, print_json
from sync.identity import init_identity_step

__all__ = ["register"]

# Hooks later features add to: each takes (data_dir, store) and returns a line of what it did or None.
INIT_STEPS: list[Any] = []
INIT_STEPS.append(init_identity_step)  # station Ed25519 key pair (sync)


def register(sub: Any) -> None:
    """Add the `init` subcommand."""
    parser = sub.add_parser("init", help="create the station data directory and database")
    parser.add_argument("--name", default="station", help="station name shown to proctors (first run only)")
    parser.add_argument("--json", action="store_true", help="print machine-readable output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Create what is missing; report whether anything changed."""
    existed = (args.data_dir / DB_FILENAME).exists()
    with open_store(args, create=True) as store:
        station, created = store.ensure_station(args.name)
        changes = [f"applied migrations {store.applied}"] if store.applied else []
        if created:
            changes.append(f"created station {station['id']} ({station['name']})")
        for step in INIT_STEPS:
            line = step(args.data_dir, store)
            if line:
                changes.append(line)
    result = {"data_dir": str(args.data_dir), "station_id": station["id"], "created": not existed,
              "changes": changes}
    if args.json:
        print_json(result)
    elif changes:
        print(f"Initialised station in {args.data_dir}:")
        for line in changes:
            print(f"  - {line}")
    else:
        print(f"Station in {args.data_dir} is already initialised; nothing changed.")
    return 0
