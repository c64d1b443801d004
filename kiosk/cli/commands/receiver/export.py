"""`hiremate receiver export`: researcher tables of everything the receiver holds, every station merged."""

from __future__ import annotations

import argparse
from pathlib import Path

from i18n import _s
from kiosk.cli.commands.data.export import FORMATS, ProgressBar
from kiosk.cli.commands.receiver._shared import add_db_argument, operator, receiver_storage
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database, the format and the output folder."""
    add_db_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="csv", help=_s("output format (default: csv)"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                        help=_s("a new or empty folder to write into"))


def run(args: argparse.Namespace) -> int:
    """Export every stored session (docs/DATA.md), recorded in the access log first; one line on failure."""
    from datasets import ExportError
    from kiosk.services.version import APP_VERSION
    from sync.receiver.access_log import AccessNotRecorded, Accessor
    from sync.receiver.export_routes import export_receiver, logged_keys

    with receiver_storage(args) as storage:
        try:
            keys = logged_keys(storage, Accessor(None, operator(), "cli"), args.format)
        except AccessNotRecorded as exc:
            raise CliError(str(exc)) from None
        bar = ProgressBar(len(keys))
        try:
            summary = export_receiver(storage, args.format, args.output, APP_VERSION, progress=bar, keys=keys)
        except ExportError as exc:
            raise CliError(str(exc)) from None
        finally:
            bar.finish()
    if args.json:
        print_json({"format": summary.format, "directory": str(summary.directory), "sessions": summary.sessions,
                    "rows": summary.rows, "files": summary.files})
    else:
        print(summary.line())
    return 0
