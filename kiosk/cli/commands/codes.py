"""`hiremate codes issue|list`: one-time access codes bound to a pseudonym, a battery and an expiry."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the `codes` subcommand with `issue` and `list`."""
    parser = sub.add_parser("codes", help="issue and list one-time access codes")
    actions = parser.add_subparsers(dest="codes_action", metavar="ACTION", required=True)
    issue = actions.add_parser("issue", help="issue N fresh codes and write a printable list")
    issue.add_argument("--count", type=int, required=True, help="how many codes")
    issue.add_argument("--battery", default="default", help="battery name or .toml path (default: default)")
    issue.add_argument("--expires", default="24h", help="90m, 48h, 7d or an ISO date (default: 24h)")
    issue.add_argument("--participant-prefix", default="P", help="pseudonym prefix (default: P)")
    issue.add_argument("--html", type=Path, default=None, help="printable list path (default: DATA/codes/…)")
    issue.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                       help="also save the codes as a PDF ready to print (one code per row)")
    issue.add_argument("--slips", action="store_true", help="with --pdf: cut-apart slips, one per participant")
    issue.add_argument("--json", action="store_true", help="print machine-readable output")
    issue.set_defaults(handler=run_issue)
    listing = actions.add_parser("list", help="list codes with their state (unused, used, expired)")
    listing.add_argument("--json", action="store_true", help="print machine-readable output")
    listing.set_defaults(handler=run_list)


def _state(row: Any, now: datetime) -> str:
    if row.used_utc:
        return "used"
    return "expired" if datetime.fromisoformat(row.expires_utc) <= now else "unused"


def run_issue(args: argparse.Namespace) -> int:
    """Issue codes, save the printable list, print the codes."""
    from kiosk.services.battery import BatteryError, resolve_battery
    from kiosk.services.codes import display_code
    from kiosk.services.printable import write_code_list
    from kiosk.services.stationdb import StationDb, parse_expires

    if args.count < 1 or args.count > 10_000:
        raise CliError(f"--count must be between 1 and 10000, got {args.count}")
    if not args.participant_prefix.replace("_", "").replace("-", "").isalnum():
        raise CliError(f"--participant-prefix {args.participant_prefix!r}: use letters, digits, - or _")
    if args.slips and args.pdf is None:
        raise CliError("--slips needs --pdf FILE")
    try:
        expires = parse_expires(args.expires)
        battery = resolve_battery(args.battery)
    except (ValueError, BatteryError) as exc:
        raise CliError(str(exc)) from None
    if args.pdf is not None:
        _check_pdf_target(args.pdf)  # before any code is issued
    with open_store(args) as store:
        db = StationDb(store)
        codes = db.issue_codes(args.count, battery.ref, expires, args.participant_prefix)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        station = db.station_info()["name"]
        path = write_code_list(args.html or args.data_dir / "codes" / f"codes-{stamp}.html", codes, station)
    pdf = _write_pdf(args.pdf, codes, station, args.slips) if args.pdf is not None else None
    if args.json:
        print_json({"codes": [c.as_dict() for c in codes], "printable": str(path),
                    "pdf": None if pdf is None else {"path": str(pdf[0]), "pages": pdf[1]}})
        return 0
    for c in codes:
        print(f"{display_code(c.code)}  {c.participant}  {c.battery}  expires {c.expires_utc[:16]}Z")
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


def run_list(args: argparse.Namespace) -> int:
    """Every code with its state."""
    from kiosk.services.codes import display_code
    from kiosk.services.stationdb import StationDb

    now = datetime.now(UTC)
    with open_store(args) as store:
        rows = StationDb(store).codes()
    if args.json:
        print_json([{**r.as_dict(), "state": _state(r, now)} for r in rows])
        return 0
    if not rows:
        print("no codes issued yet (hiremate codes issue --count N)")
    for r in rows:
        print(f"{display_code(r.code)}  {r.participant:<14} {r.battery:<12} {_state(r, now):<8} "
              f"expires {r.expires_utc[:16]}Z  {r.session_id or ''}")
    return 0
