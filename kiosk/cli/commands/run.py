"""`hiremate run`: open the station window (fullscreen and locked down with --kiosk)."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.common import CliError
from kiosk.cli.display import require_display

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """run's options."""
    parser.add_argument("--kiosk", action="store_true", help=_s("fullscreen, frameless, locked down"))
    parser.add_argument("--language", default=None, metavar="TAG",
                        help=_s("the station's language (en, es, de, ar): the proctor's screens and each "
                                "candidate's start (default: hiremate --language, else HIREMATE_LANGUAGE, else en)"))


def run(args: argparse.Namespace) -> int:
    """Start the Qt application on the station's store."""
    from i18n import set_candidate_language, set_station_language, station_language

    language = args.language or station_language()  # hiremate --language or HIREMATE_LANGUAGE, set by main
    try:
        set_station_language(language)
        set_candidate_language(language)
    except ValueError as exc:
        raise CliError(_s("--language: {error}").format(error=exc)) from None
    require_display()
    from kiosk.ui.app import run_station

    try:
        return run_station(args.data_dir, kiosk=args.kiosk)
    except Exception as exc:  # the error types load only now: the station paints before the event log loads
        from eventlog import StoreError
        from kiosk.services.private_dir import DataDirError
        from sync.errors import IdentityError

        if isinstance(exc, DataDirError | IdentityError | StoreError):
            raise CliError(_s("the station cannot start: {error}").format(error=exc)) from None
        raise
