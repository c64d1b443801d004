"""`hiremate station show`: the station's id, name, data dir, public key fingerprint and key history."""

from __future__ import annotations

import argparse

from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """station show's options."""
    parser.add_argument("--pem", action="store_true", help="print only the public key as PEM (for enrolment)")


def run(args: argparse.Namespace) -> int:
    """Print the identity; fails if `hiremate init` has not run, or the key is missing or changed."""
    from sync.errors import IdentityError
    from sync.identity import key_paths, load_identity, public_key_pem, recorded_keys

    if args.pem and args.json:
        raise CliError("--pem and --json are two different outputs; give one", status=2)
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
    print(f"Station:     {identity.name} ({identity.station_id})")
    print(f"Data dir:    {args.data_dir}")
    print(f"Public key:  {public_path}")
    print(f"Fingerprint: {identity.fingerprint}")
    for record in history[:-1] if len(history) > 1 else []:
        print(f"Earlier key: {record.fingerprint} (recorded {record.created_utc}: {record.reason})")
    return 0
