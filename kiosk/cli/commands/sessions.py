"""`hiremate sessions`: the station's sessions with their status (in progress, interrupted, completed, ...)."""

from __future__ import annotations

import argparse

from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """sessions has only the shared options."""


def run(args: argparse.Namespace) -> int:
    """Print the sessions, newest first."""
    from kiosk.services import session_ops
    from kiosk.services.stationdb import StationDb

    with open_store(args) as store:
        infos = session_ops.overview(StationDb(store), None, args.data_dir)
    if args.json:
        print_json([i.as_dict() for i in infos])
        return 0
    if not infos:
        print("no sessions yet")
    for i in infos:
        where = f"game {i.game_index + 1} {i.game} trial {i.trial}" if i.game_index is not None and i.game else ""
        print(f"{i.session_id}  {i.started_utc[:19]}  {i.purpose:<10} {i.participant:<14} {i.status:<12} "
              f"{i.events:>5} events  {where}")
    return 0
