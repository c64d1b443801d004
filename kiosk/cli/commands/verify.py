"""`hiremate verify`: check bundles' signer, signature, member hashes, event chain and re-scored results.

Exit status: 0 every bundle passed every check with a trusted signer (--key / --keys); 1 some check failed (or a
file could not be read, or an encrypted one not decrypted); 2 a usage error (bad --key, --keys or --identity);
3 every check passed but no trusted key was given, so the signer is not known ("signature valid, signer not
trusted"). Encrypted bundles (*.hiremate.zip.age) are decrypted with the receiver's identity (--identity FILE).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import N_, _s
from kiosk.cli.common import CliError, print_json

if TYPE_CHECKING:
    from pyrage.x25519 import Identity

    from sync.verify import BundleReport

__all__ = ["add_arguments", "run"]

MARK = {"pass": N_("PASS"), "fail": N_("FAIL"), "skipped": N_("SKIP"), "untrusted": N_("WARN")}
EXIT = {"ok": 0, "failed": 1, "untrusted": 3}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """verify's arguments."""
    parser.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE", help=_s("bundle files"))
    parser.add_argument("--key", metavar="KEY_OR_FILE",
                        help=_s("trust this station public key (PEM file or 64 hex digits)"))
    parser.add_argument("--keys", type=Path, metavar="FILE",
                        help=_s("trust the station keys in FILE (PEM public keys and/or one 64-hex-digit key per "
                                "line)"))
    parser.add_argument("--identity", type=Path, metavar="FILE",
                        help=_s("the receiver's age identity file, to decrypt encrypted bundles "
                                "(*.hiremate.zip.age)"))


def _trusted(key: str | None, keys_file: Path | None) -> list[bytes] | None:
    from sync.errors import IdentityError
    from sync.identity import parse_public_key
    from sync.keyring import load_keys_file

    if key is None and keys_file is None:
        return None
    trusted: list[bytes] = []
    try:
        if key is not None:
            path = Path(key)
            trusted.append(parse_public_key(path.read_bytes() if path.is_file() else key, where=f"--key {key}"))
        if keys_file is not None:
            trusted.extend(load_keys_file(keys_file))
    except IdentityError as exc:
        raise CliError(str(exc), status=2) from None
    return trusted


def _verdict(reports: list[BundleReport]) -> str:
    verdicts = {report.verdict for report in reports}
    return "failed" if "failed" in verdicts else "untrusted" if "untrusted" in verdicts else "ok"


def _identity(path: Path | None) -> Identity | None:
    from sync.errors import SealError
    from sync.sealing import load_identity_file

    if path is None:
        return None
    try:
        return load_identity_file(path)
    except SealError as exc:
        raise CliError(f"--identity {exc}", status=2) from None  # i18n-ok: the option and sync's own words


def _report(path: Path, trusted: list[bytes] | None, identity: Identity | None) -> BundleReport:
    from sync.verify import BundleReport, CheckResult, verify_bundle

    try:
        data = path.read_bytes()
    except OSError as exc:
        report = BundleReport(str(path))
        report.checks.append(CheckResult("structure", "fail", f"cannot read the file ({exc.strerror})"))
        return report
    return verify_bundle(data, str(path), trusted, identity)


def run(args: argparse.Namespace) -> int:
    """Print pass/fail per check per bundle; exit 0 / 1 / 3 as the module docstring says."""
    from sync.verify import UNTRUSTED

    headline = {"ok": _s("OK"), "failed": _s("FAILED"), "untrusted": UNTRUSTED}
    trusted, identity = _trusted(args.key, args.keys), _identity(args.identity)
    reports = [_report(path, trusted, identity) for path in args.bundles]
    verdict = _verdict(reports)
    if args.json:
        print_json({"ok": verdict == "ok", "verdict": verdict, "bundles": [r.as_dict() for r in reports]})
    else:
        for report in reports:
            line = _s("{bundle}: {verdict} (session {session})") if report.session_id else _s("{bundle}: {verdict}")
            print(line.format(bundle=report.source, verdict=headline[report.verdict], session=report.session_id))
            for check in report.checks:
                print(f"  {_s(MARK[check.status])}  {check.name:<10} {check.detail}")  # i18n-ok: marked above
    return EXIT[verdict]
