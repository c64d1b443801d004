"""`hiremate station show`: the station's id, name, data dir, public key fingerprint and key history."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """station show's options."""
    parser.add_argument("--pem", action="store_true", help=_s("print only the public key as PEM (for enrolment)"))


def run(args: argparse.Namespace) -> int:
    """Print the identity; fails if `hiremate init` has not run, or the key is missing or changed."""
    from sync.errors import IdentityError
    from sync.identity import key_paths, load_identity, public_key_pem, recorded_keys

    if args.pem and args.json:
        raise CliError(_s("--pem and --json are two different outputs; give one"), status=2)
    with open_store(args) as store:
        history = recorded_keys(store.conn)
    try:
        identity = load_identity(args.data_dir)
    except IdentityError as exc:
        raise CliError(str(exc)) from None
    if args.pem:
        print(public_key_pem(identity.public_raw).decode(), end="")
        return 0
    private_path, public_path = key_paths(args.data_dir)
    info = {"station_id": identity.station_id, "name": identity.name, "data_dir": str(args.data_dir),
            "public_key": identity.public_hex, "fingerprint": identity.fingerprint,
            "public_key_file": str(public_path), "private_key_file": str(private_path),
            "key_history": [record.as_dict() for record in history]}
    if args.json:
        print_json(info)
        return 0
    rows = [(_s("Station:"), f"{identity.name} ({identity.station_id})"), (_s("Data dir:"), str(args.data_dir)),
            (_s("Public key:"), str(public_path)), (_s("Fingerprint:"), identity.fingerprint)]
    rows += [(_s("Earlier key:"), _s("{fingerprint} (recorded {when}: {reason})").format(
        fingerprint=record.fingerprint, when=record.created_utc, reason=record.reason))
        for record in (history[:-1] if len(history) > 1 else [])]
    width = max(len(label) for label, _ in rows) + 1  # the values line up whatever the labels' language
    for label, value in rows:
        print(f"{label:<{width}}{value}")
    return 0
