"""`hiremate codes issue`: one-time access codes bound to a pseudonym, a battery and an expiry; a printable list."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from i18n import _s, ngettext_s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """codes issue's options."""
    parser.add_argument("--count", type=int, required=True, help=_s("how many codes"))
    parser.add_argument("--battery", default="default", help=_s("battery name or .toml path (default: default)"))
    parser.add_argument("--expires", default="24h", help=_s("90m, 48h, 7d or an ISO date (default: 24h)"))
    parser.add_argument("--participant-prefix", default="P", help=_s("pseudonym prefix (default: P)"))
    parser.add_argument("--language", default=None, metavar="TAG",
                        help=_s("the candidate's language: en, es, de or ar (default: the station's; the candidate "
                                "can still switch on the welcome screen)"))
    parser.add_argument("--html", type=Path, default=None, help=_s("printable list path (default: DATA/codes/…)"))
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                        help=_s("also save the codes as a PDF ready to print (one code per row)"))
    parser.add_argument("--slips", action="store_true", help=_s("with --pdf: cut-apart slips, one per participant"))
    parser.add_argument("--accommodation", action="append", default=[], metavar="NAME[=VALUE]",
                        help=_s("grant an accommodation (repeatable): extended_time=1.5 (1-3), type_scale=1.5 (1-2), "
                                "high_contrast, breaks (docs/ACCOMMODATIONS.md)"))


def _validated(args: argparse.Namespace) -> tuple[datetime, Any, Any]:
    """The expiry, the battery and the accommodations, after checking every option (nothing is issued when one is
    wrong)."""
    from kiosk.services.accommodations import check_battery, parse_accommodations
    from kiosk.services.battery import BatteryError, resolve_battery
    from kiosk.services.stationdb import parse_expires

    if args.count < 1 or args.count > 10_000:
        raise CliError(_s("--count must be between 1 and 10000, got {count}").format(count=args.count))
    if not args.participant_prefix.replace("_", "").replace("-", "").isalnum():
        raise CliError(_s("--participant-prefix {prefix}: use letters, digits, - or _").format(
            prefix=repr(args.participant_prefix)))
    if args.slips and args.pdf is None:
        raise CliError(_s("--slips needs --pdf FILE"))
    if args.language is not None:
        from i18n import check_language

        try:
            check_language(args.language)
        except ValueError as exc:
            raise CliError(_s("--language: {error}").format(error=exc)) from None
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
        raise CliError(_s("--html {path}: is a folder, not a file").format(path=path))
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("/"))
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise CliError(_s("--html {path}: cannot write in {folder}").format(path=path, folder=folder))


def _write_list(path: Path, codes: list[Any], station: str) -> Path:
    from kiosk.services.printable import write_code_list

    try:
        return write_code_list(path, codes, station)
    except OSError as exc:
        raise CliError(_s("cannot write the printable list {path} ({error}); the codes were issued: see "
                          "`hiremate codes list`").format(path=path, error=exc.strerror or exc)) from None


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
                    "battery_minutes": battery.minutes, "battery_duration": battery.minutes_text(translated=False),
                    "accommodations": granted.payload() if granted.any else None, "language": args.language})
        return 0
    heading = (_s("battery {battery}: {duration}; language {language}") if args.language
               else _s("battery {battery}: {duration}"))
    print(heading.format(battery=battery.ref, duration=battery.minutes_text(), language=args.language))
    if granted.any:
        print(_s("accommodations: {granted}").format(granted=granted.describe()))
    for c in codes:
        print(_s("{code}  {participant}  {battery}  expires {expires}Z").format(
            code=c.shown, participant=c.participant, battery=c.battery, expires=c.expires_utc[:16]))
    print(_s("printable list: {path}").format(path=path))
    if pdf is not None:
        print(ngettext_s("PDF: {path} ({pages} page)", "PDF: {path} ({pages} pages)", pdf[1]).format(
            path=pdf[0], pages=pdf[1]))
    return 0


def _check_pdf_target(path: Path) -> None:
    """Refuse an unwritable PDF path, or a missing Qt, before codes are issued (imports Qt: only with --pdf)."""
    try:
        from kiosk.ui.codes_print import SheetWriteError, check_writable
    except ImportError as exc:
        raise CliError(_s("--pdf needs Qt (PySide6), which cannot be loaded here: {error}").format(error=exc)) \
            from None

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
        raise CliError(_s("{error} (the codes were issued: see `hiremate codes list`)").format(error=exc)) from None
    return Path(output.target), output.pages
