"""`hiremate sessions`: the station's sessions with their status (in progress, interrupted, completed, ...)."""

from __future__ import annotations

import argparse

from i18n import _s
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
        print(_s("no sessions yet"))
    for i in infos:
        where = _s("game {number} {game} trial {trial}").format(number=i.game_index + 1, game=i.game, trial=i.trial) \
            if i.game_index is not None and i.game else ""
        print(_s("{session}  {started}  {purpose} {participant} {status} {events} events  {where}").format(
            session=i.session_id, started=i.started_utc[:19], purpose=f"{i.purpose:<10}",
            participant=f"{i.participant:<14}", status=f"{i.status:<12}", events=f"{i.events:>5}", where=where))
    return 0
