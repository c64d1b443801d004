"""`hiremate verify-log`: check the log without writing to it: integrity, triggers, chains, session rows, signatures.

The database is opened read-only (it works on read-only media and files) and never migrated; a file that is not
a station database is refused. Checkpoints are checked against the station keys the database records, or only
against `--key FILE` (the key a receiver enrolled, say), which is the stronger check: the recorded keys live in
the same file an attacker would edit (docs/EVENTLOG.md, "Threats").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import N_, _s
from kiosk.cli.common import CliError, open_store, print_json

if TYPE_CHECKING:
    from eventlog import Store, VerifyReport

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """verify-log's options."""
    parser.add_argument("--key", type=Path, metavar="FILE",
                        help=_s("check the signed checkpoints against this station public key only (PEM or 64 hex "
                                "digits, e.g. the key the receiver enrolled), not the keys the database records"))


class Source:
    """Where the trusted keys come from, in a line: English for --json (programs read it), translated for people."""

    def __init__(self, template: str, **values: object) -> None:
        self.template, self.values = template, values

    def __str__(self) -> str:
        return self.template.format(**self.values)

    def shown(self) -> str:
        """The line in the station's language."""
        return _s(self.template).format(**self.values)


def _trusted(args: argparse.Namespace, store: Store) -> tuple[list[bytes], Source]:
    """The keys checkpoints must be signed with, and a line saying where they come from."""
    from sync.errors import IdentityError
    from sync.identity import fingerprint_of, recorded_keys
    from sync.keyring import load_keys_file

    if args.key is not None:
        try:
            keys = load_keys_file(args.key)
        except IdentityError as exc:
            raise CliError(str(exc).replace("--keys", "--key"), status=2) from None
        return keys, Source(N_("the key in {path} ({fingerprint})"), path=args.key,
                            fingerprint=fingerprint_of(keys[0]))
    history = recorded_keys(store.conn)
    keys = [record.public_raw for record in history]
    if not keys:
        return [], Source(N_("none: the database records no station key"))
    return keys, Source(N_("the {count} key(s) the database records (current: {fingerprint})"), count=len(keys),
                        fingerprint=history[-1].fingerprint)


def _permission_notes(data_dir: Path) -> list[str]:
    from kiosk.services.private_dir import private_modes

    return [f"{path} is readable by others (mode {mode:o}); the station makes it private at its next start"
            for path, mode in private_modes(data_dir)]


def _json(report: VerifyReport, source: Source) -> None:
    first = report.broken[0] if report.broken else None
    print_json({
        "ok": report.ok, "sessions": report.sessions, "events": report.events, "integrity": report.integrity,
        "checkpoints": report.checkpoints, "keys": str(source), "erased": report.erased,
        "first_broken": None if first is None else {"session": first.session_id, "seq": first.seq,
                                                    "reason": first.reason},
        "broken_sessions": len(report.broken), "problems": report.problems, "notes": report.notes,
    })


def _text(report: VerifyReport, source: Source) -> None:
    print(f"integrity_check: {report.integrity}")  # i18n-ok: SQLite's pragma and its answer
    print(_s("sessions: {sessions}, events verified: {events}").format(sessions=report.sessions,
                                                                       events=report.events))
    counted = _s("{count} signed").format(count=report.checkpoints) if report.checkpoints is not None \
        else _s("not checked")
    print(_s("checkpoints: {counted}; keys: {source}").format(counted=counted, source=source.shown()))
    for note in report.notes[:5]:
        print(_s("note: {note}").format(note=note))
    if len(report.notes) > 5:
        print(_s("note: … and {more} more").format(more=len(report.notes) - 5))
    if report.broken:
        print(_s("BROKEN: {count} session(s); first: {first}").format(count=len(report.broken),
                                                                     first=report.broken[0]))
    if report.problems:
        print(_s("BROKEN: {count} problem(s); first: {first}").format(count=len(report.problems),
                                                                     first=report.problems[0]))
    if report.integrity != "ok":
        print(_s("BROKEN: the file is damaged: {integrity}").format(integrity=report.integrity))
    if report.ok:
        print(_s("OK: every chain verifies, every session row matches its events, every checkpoint verifies"))


def run(args: argparse.Namespace) -> int:
    """Exit 0 only when integrity, triggers, every chain, row and checkpoint pass; 1 otherwise (one line each)."""
    from eventlog import verify_store

    with open_store(args, readonly=True) as store:
        trusted, source = _trusted(args, store)
        report = verify_store(store, trusted)
    if not trusted and report.checkpoints is not None:
        report.problems.insert(0, "the database records no station key, so no checkpoint can be trusted; run the "
                               "station or `hiremate init` once (or give --key FILE)")
    report.notes.extend(_permission_notes(args.data_dir))
    if args.json:
        _json(report, source)
    else:
        _text(report, source)
    return 0 if report.ok else 1
