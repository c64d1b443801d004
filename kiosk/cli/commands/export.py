"""`hiremate export`: write completed sessions' signed bundles to a folder (e.g. a USB stick)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """export's arguments."""
    parser.add_argument("sessions", nargs="*", metavar="SESSION", help="session ids to export")
    parser.add_argument("--all", action="store_true", help="every completed assessment session (not practice)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder to write into")


def run(args: argparse.Namespace) -> int:
    """Export; nothing is written if any named session is unknown or incomplete."""
    from sync.errors import SyncError
    from sync.export import export_sessions
    from sync.outbox import exportable_sessions

    if not args.sessions and not args.all:
        raise CliError("name at least one SESSION, or use --all", status=2)
    with open_store(args) as store:
        ids = list(args.sessions) + (exportable_sessions(store) if args.all else [])
        try:
            paths = export_sessions(store, ids, args.output)
        except (SyncError, OSError) as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json({"written": [str(p) for p in paths]})
    else:
        for path in paths:
            print(path)
        print(f"{len(paths)} bundle(s) written to {args.output}")
    return 0
