"""`hiremate report SESSION...`: a recruiter report (or a comparison of 2-4 candidates) as HTML or PDF."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, open_store

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """report's arguments."""
    parser.add_argument("sessions", nargs="+", metavar="SESSION",
                        help="session id, any unique start of one, or a pseudonym")
    parser.add_argument("--role", metavar="NAME", help="show the fit to a role profile (assets/roles/NAME.toml or a "
                        "path)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--html", type=Path, metavar="FILE", help="write a self-contained HTML file (default: HTML on "
                     "standard output)")
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF file")
    parser.add_argument("--compare", action="store_true", help="compare 2-4 sessions side by side")
    parser.add_argument("--norms", type=Path, metavar="FILE", help="show percentiles against a norm table "
                        "(`hiremate norms build`); without it the report says that none is loaded")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    parser.add_argument("--language", metavar="TAG", default="en", help="write the report in this language (en, es, "
                        "de, ar; default en), or 'session' for the language the candidate saw")
    parser.add_argument("--with-name", action="store_true", help="show the candidate's name where the station holds "
                        "one (reports otherwise name candidates by pseudonym only)")


def _inputs(args: argparse.Namespace) -> list[Any]:
    from kiosk.services.report_source import report_input
    from kiosk.services.session_lookup import SessionLookupError, find_sessions

    with open_store(args) as store:
        try:
            rows = find_sessions(store, list(args.sessions))
        except SessionLookupError as exc:
            raise CliError(str(exc)) from None
        inputs = [report_input(store, row, args.with_name) for row in rows]
        from kiosk.services.privacy import cli_actor, record_access

        record_access(store, "report", cli_actor("recruiter"), [row.id for row in rows], with_name=args.with_name)
        return inputs


def _language(args: argparse.Namespace, inputs: list[Any]) -> str:
    """The report's language: --language, or with 'session' the one every given session was taken in."""
    from i18n import check_language

    tag = args.language
    if tag == "session":
        seen = sorted({inp.meta.language for inp in inputs})
        if len(seen) > 1:
            raise CliError(f"--language session: the sessions were taken in different languages ({', '.join(seen)}); "
                           "give one with --language TAG")
        tag = seen[0] if seen else "en"
    try:
        return check_language(tag)
    except ValueError as exc:
        raise CliError(f"--language: {exc}") from None


def _document(args: argparse.Namespace, inputs: list[Any]) -> Any:
    from i18n import reporting_in

    with reporting_in(_language(args, inputs)):
        return _built(args, inputs)


def _built(args: argparse.Namespace, inputs: list[Any]) -> Any:
    from reports import CompareError, build_comparison, build_report
    from scoring import ScoringError, load_role

    try:
        role = load_role(args.role) if args.role else None
    except ScoringError as exc:
        raise CliError(str(exc)) from None
    if args.compare:
        try:
            return build_comparison(inputs, role)
        except CompareError as exc:
            raise CliError(str(exc)) from None
    if len(inputs) > 1:
        raise CliError(f"{len(inputs)} sessions given: add --compare to compare them, or give one session")
    return build_report(inputs[0], role, _norm_table(args))


def _norm_table(args: argparse.Namespace) -> Any:
    from scoring.norms import NormError, load_norms

    try:
        return load_norms(args.norms) if args.norms else None
    except NormError as exc:
        raise CliError(str(exc)) from None


def _write(target: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, so a failure never leaves half a report."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {target}: no such folder {folder}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".report-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise CliError(f"cannot write {target}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    """Find the sessions, build the document, write HTML or PDF; one line on any failure."""
    doc = _document(args, _inputs(args))
    if args.pdf is not None:
        from reports.fonts import FontMissing
        from reports.pdf import render_pdf

        try:
            data = render_pdf(doc, args.paper)
        except FontMissing as exc:
            raise CliError(str(exc)) from None
        _write(args.pdf, data)
        print(f"wrote {args.pdf} ({len(data) // 1024} KiB)", file=sys.stderr)
        return 0
    from reports import render_html

    html = render_html(doc, args.paper)
    if args.html is None:
        sys.stdout.write(html)
        return 0
    _write(args.html, html.encode("utf-8"))
    print(f"wrote {args.html} ({len(html.encode()) // 1024} KiB)", file=sys.stderr)
    return 0
