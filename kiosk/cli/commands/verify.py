"""`hiremate verify`: check bundles' signature, member hashes, event chain and re-scored results."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.common import CliError, print_json

if TYPE_CHECKING:
    from sync.verify import BundleReport

__all__ = ["add_arguments", "run"]

MARK = {"pass": "PASS", "fail": "FAIL", "skipped": "SKIP"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """verify's arguments."""
    parser.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE", help="bundle files")
    parser.add_argument("--key", metavar="KEY_OR_FILE",
                        help="also require this station public key (PEM file or 64 hex digits)")


def _trusted(key: str | None) -> list[bytes] | None:
    from sync.errors import IdentityError
    from sync.identity import parse_public_key

    if key is None:
        return None
    path = Path(key)
    try:
        return [parse_public_key(path.read_bytes() if path.is_file() else key, where=key)]
    except IdentityError as exc:
        raise CliError(str(exc), status=2) from None


def _report(path: Path, trusted: list[bytes] | None) -> BundleReport:
    from sync.verify import BundleReport, CheckResult, verify_bundle

    try:
        data = path.read_bytes()
    except OSError as exc:
        report = BundleReport(str(path))
        report.checks.append(CheckResult("structure", "fail", f"cannot read the file ({exc.strerror})"))
        return report
    return verify_bundle(data, str(path), trusted)


def run(args: argparse.Namespace) -> int:
    """Print pass/fail per check per bundle; 0 only if every check of every bundle passed."""
    trusted = _trusted(args.key)
    reports = [_report(path, trusted) for path in args.bundles]
    if args.json:
        print_json({"ok": all(r.ok for r in reports), "bundles": [r.as_dict() for r in reports]})
    else:
        for report in reports:
            print(f"{report.source}: {'OK' if report.ok else 'FAILED'}"
                  + (f" (session {report.session_id})" if report.session_id else ""))
            for check in report.checks:
                print(f"  {MARK[check.status]}  {check.name:<10} {check.detail}")
    return 0 if all(r.ok for r in reports) else 1
