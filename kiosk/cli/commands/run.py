"""`hiremate run`: open the station window (fullscreen and locked down with --kiosk)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.display import require_display

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the `run` subcommand."""
    parser = sub.add_parser("run", help="open the station for candidates and proctors")
    parser.add_argument("--kiosk", action="store_true", help="fullscreen, frameless, locked down")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the Qt application on the station's store."""
    require_display()
    from kiosk.ui.app import run_station

    return run_station(args.data_dir, kiosk=args.kiosk)
