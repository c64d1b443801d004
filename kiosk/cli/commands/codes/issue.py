"""`hiremate codes issue`: one-time access codes bound to a pseudonym, a battery and an expiry; a printable list."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """codes issue's options."""
    parser.add_argument("--count", type=int, required=True, help="how many codes")
    parser.add_argument("--battery", default="default", help="battery name or .toml path (default: default)")
    parser.add_argument("--expires", default="24h", help="90m, 48h, 7d or an ISO date (default: 24h)")
    parser.add_argument("--participant-prefix", default="P", help="pseudonym prefix (default: P)")
    parser.add_argument("--language", default=None, metavar="TAG",
                        help="the candidate's language: en, es, de or ar (default: the station's; the candidate can "
                             "still switch on the welcome screen)")
    parser.add_argument("--html", type=Path, default=None, help="printable list path (default: DATA/codes/…)")
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                        help="also save the codes as a PDF ready to print (one code per row)")
    parser.add_argument("--slips", action="store_true", help="with --pdf: cut-apart slips, one per participant")
    parser.add_argument("--accommodation", action="append", default=[], metavar="NAME[=VALUE]",
                        help="grant an accommodation (repeatable): extended_time=1.5 (1-3), type_scale=1.5 (1-2), "
                        "high_contrast, breaks (docs/ACCOMMODATIONS.md)")


def _validated(args: argparse.Namespace) -> tuple[datetime, Any, Any]:
    """The expiry, the battery and the accommodations, after checking every option (nothing is issued when one is
    wrong)."""
    from kiosk.services.accommodations import check_battery, parse_accommodations
    from kiosk.services.battery import BatteryError, resolve_battery
    from kiosk.services.stationdb import parse_expires

    if args.count < 1 or args.count > 10_000:
        raise CliError(f"--count must be between 1 and 10000, got {args.count}")
    if not args.participant_prefix.replace("_", "").replace("-", "").isalnum():
        raise CliError(f"--participant-prefix {args.participant_prefix!r}: use letters, digits, - or _")
    if args.slips and args.pdf is None:
        raise CliError("--slips needs --pdf FILE")
    if args.language is not None:
        from i18n import check_language

        try:
            check_language(args.language)
        except ValueError as exc:
            raise CliError(f"--language: {exc}") from None
    try:
        granted = parse_accommodations(args.accommodation)
        expires, battery = parse_expires(args.expires), resolve_battery(args.battery)
        check_battery(granted, battery)
    except (ValueError, BatteryError) as exc:  # AccommodationError is a ValueError
        raise CliError(str(exc)) from None
    return expires, battery, granted


def _check_html_target(path: Path | None) -> None:
    """Refuse an --html path that cannot be written, before any code is issued."""
    if path is None:
        return
    if path.is_dir():
        raise CliError(f"--html {path}: is a folder, not a file")
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("/"))
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise CliError(f"--html {path}: cannot write in {folder}")


def _write_list(path: Path, codes: list[Any], station: str) -> Path:
    from kiosk.services.printable import write_code_list

    try:
        return write_code_list(path, codes, station)
    except OSError as exc:
        raise CliError(f"cannot write the printable list {path} ({exc.strerror or exc}); the codes were issued: "
                       "see `hiremate codes list`") from None


def run(args: argparse.Namespace) -> int:
    """Issue codes, save the printable list, print the codes."""
    from kiosk.services.accommodations import issue_codes
    from kiosk.services.stationdb import StationDb

    expires, battery, granted = _validated(args)
    _check_html_target(args.html)
    if args.pdf is not None:
        _check_pdf_target(args.pdf)  # before any code is issued
    with open_store(args) as store:
        db = StationDb(store)
        codes = issue_codes(db, args.count, battery, expires, granted, args.participant_prefix,
                            language=args.language)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        station = db.station_info()["name"]
    path = _write_list(args.html or args.data_dir / "codes" / f"codes-{stamp}.html", codes, station)
    pdf = _write_pdf(args.pdf, codes, station, args.slips) if args.pdf is not None else None
    if args.json:
        print_json({"codes": [c.as_dict() for c in codes], "printable": str(path),
                    "pdf": None if pdf is None else {"path": str(pdf[0]), "pages": pdf[1]},
                    "battery_minutes": battery.minutes, "battery_duration": battery.minutes_text(),
                    "accommodations": granted.payload() if granted.any else None, "language": args.language})
        return 0
    print(f"battery {battery.ref}: {battery.minutes_text()}" + (f"; language {args.language}" if args.language else ""))
    if granted.any:
        print(f"accommodations: {granted.describe()}")
    for c in codes:
        print(f"{c.shown}  {c.participant}  {c.battery}  expires {c.expires_utc[:16]}Z")
    print(f"printable list: {path}")
    if pdf is not None:
        print(f"PDF: {pdf[0]} ({pdf[1]} page{'s' if pdf[1] != 1 else ''})")
    return 0


def _check_pdf_target(path: Path) -> None:
    """Refuse an unwritable PDF path, or a missing Qt, before codes are issued (imports Qt: only with --pdf)."""
    try:
        from kiosk.ui.codes_print import SheetWriteError, check_writable
    except ImportError as exc:
        raise CliError(f"--pdf needs Qt (PySide6), which cannot be loaded here: {exc}") from None

    try:
        check_writable(path, keep=False)
    except SheetWriteError as exc:
        raise CliError(str(exc)) from None


def _write_pdf(path: Path, codes: list[Any], station: str, slips: bool) -> tuple[Path, int]:
    """The PDF of the sheet, drawn offscreen (no display needed)."""
    from kiosk.ui.codes_print import SheetWriteError
    from kiosk.ui.headless import write_sheet_pdf

    try:
        output = write_sheet_pdf(path, codes, station, slips)
    except SheetWriteError as exc:
        raise CliError(f"{exc} (the codes were issued: see `hiremate codes list`)") from None
    return Path(output.target), output.pages
