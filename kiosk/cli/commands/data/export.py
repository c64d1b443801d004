"""`hiremate data export`: trial tables, session summaries and a codebook as CSV, TSV, JSON Lines or BIDS."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json, session_ids

__all__ = ["FORMATS", "ProgressBar", "add_arguments", "run"]

FORMATS = ("csv", "tsv", "bids", "jsonl")  # datasets.FORMATS, spelled here so --help imports nothing (tested)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """data export's arguments."""
    parser.add_argument("sessions", nargs="*", metavar="SESSION",
                        help=_s("sessions to export: each a session id, any unique start of one, or a pseudonym"))
    parser.add_argument("--all", action="store_true", help=_s("every closed assessment session (not practice)"))
    parser.add_argument("--since", metavar="DATE", help=_s("only sessions started on or after DATE (ISO, UTC); "
                                                           "alone it means --all --since DATE"))
    parser.add_argument("--format", choices=FORMATS, default="csv", help=_s("output format (default: csv)"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                        help=_s("a new or empty folder to write into"))


class ProgressBar:
    """A one-line progress bar on a terminal (nothing when the stream is not a terminal)."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total, self.width = total, width
        self.stream = stream or sys.stderr  # looked up now: a default bound at import would outlive a redirection
        self.active = self.stream.isatty() and total > 0

    def __call__(self, done: int, _session_id: str) -> None:
        if not self.active:
            return
        filled = round(self.width * done / self.total)
        self.stream.write("\r" + _s("[{bar}] {done}/{total} sessions").format(
            bar="#" * filled + "-" * (self.width - filled), done=done, total=self.total))
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self.active:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    """Export the chosen sessions; one line on failure, nothing written when the selection is bad."""
    from datasets import ExportError, SelectionError, export_sessions, parse_since, select_sessions, station_sources
    from kiosk.services.data_export import stored_profile
    from kiosk.services.version import APP_VERSION

    if not args.sessions and not args.all and not args.since:
        raise CliError(_s("name at least one SESSION, or use --all or --since DATE"), status=2)
    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        raise CliError(str(exc), status=2) from None
    with open_store(args) as store:
        try:
            rows = select_sessions(store, session_ids(store, list(args.sessions)), args.all, since)
        except SelectionError as exc:
            raise CliError(str(exc)) from None
        if not rows:
            raise CliError(_s("no sessions match; nothing was written"))
        bar = ProgressBar(len(rows))
        sources = station_sources(store, rows, lambda sid: stored_profile(store, sid))
        try:
            summary = export_sessions(sources, args.format, args.output, APP_VERSION, progress=bar)
        except ExportError as exc:
            raise CliError(str(exc)) from None
        finally:
            bar.finish()
        from kiosk.services.privacy import cli_actor, record_access

        record_access(store, "data_export", cli_actor("researcher"), [row.id for row in rows],
                      output=str(args.output), format=args.format)
    if args.json:
        print_json({"format": summary.format, "directory": str(summary.directory), "sessions": summary.sessions,
                    "rows": summary.rows, "files": summary.files,
                    "scoring_errors": [{"session_id": s, "error": e} for s, e in summary.scoring_errors]})
    else:
        print(summary.line())
    return 0

