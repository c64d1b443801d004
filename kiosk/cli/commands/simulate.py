"""`hiremate simulate`: a scripted candidate through the real station screens, headless; prints the session id."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime, timedelta
from typing import Any

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]

SIM_BATTERY = "test_fast"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """simulate's options."""
    parser.add_argument("--battery", default=SIM_BATTERY,
                        help=_s("battery name or .toml path (default: {battery}, fast parameters)").format(
                            battery=SIM_BATTERY))
    parser.add_argument("--seed", type=int, default=None,
                        help=_s("fixed seed for every game (default: battery policy)"))
    parser.add_argument("--speed", type=float, default=20.0,
                        help=_s("player speed factor (default 20; 1 = human pace)"))
    parser.add_argument("--practice", action="store_true",
                        help=_s("also play the practice rounds the battery offers"))
    parser.add_argument("--timeout", type=float, default=600.0, help=_s("give up after this many seconds"))
    parser.add_argument("--show", action="store_true", help=_s("show the window instead of running offscreen"))


def _issue_code(args: argparse.Namespace) -> str:
    from kiosk.services.battery import BatteryError, resolve_battery
    from kiosk.services.stationdb import StationDb

    try:
        battery = resolve_battery(args.battery)
    except BatteryError as exc:
        raise CliError(str(exc)) from None
    with open_store(args, create=True) as store:
        db = StationDb(store)
        db.station_info()
        codes = db.issue_codes(1, battery.ref, datetime.now(UTC) + timedelta(hours=1), prefix="SIM")
    code = codes[0].code
    assert code is not None  # just issued: the code is in memory, in clear
    return code


def _drive(args: argparse.Namespace, code: str, lock: Any) -> tuple[Any, list[str]]:
    from kiosk.ui.headless import simulate_station

    outcome = simulate_station(args.data_dir, code, args.seed, args.speed, args.practice, args.timeout, lock)
    return outcome.closed, outcome.problems


def _take_lock(args: argparse.Namespace) -> Any:
    """The data directory's station lock, before anything is written: refused (exit 4) when a station runs there."""
    from kiosk.services.station_lock import StationLock, StationLockedError

    lock = StationLock(args.data_dir)
    try:
        lock.acquire()
    except StationLockedError as exc:
        raise CliError(_s("{error}; nothing was changed").format(error=exc), status=4) from None
    return lock


def run(args: argparse.Namespace) -> int:
    """Take the station lock, issue a code, run the station offscreen with a scripted candidate (a session of
    purpose "simulation"), report the closed session."""
    if not args.show:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    lock = _take_lock(args)
    try:
        code = _issue_code(args)
        closed, problems = _drive(args, code, lock)
    finally:
        lock.release()
    if problems or closed is None:
        raise CliError("; ".join(problems) or _s("the simulated session did not close"))
    result = {"session_id": closed.session_id, "reason": closed.reason, "chain_head": closed.chain_head,
              "scored": closed.scored, "queued": closed.queued, "problems": list(closed.problems)}
    if args.json:
        print_json(result)
    else:
        print(closed.session_id)
    return 0
