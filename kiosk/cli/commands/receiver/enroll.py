"""`hiremate receiver enroll KEY_OR_FILE`: trust a station's public key on this receiver."""

from __future__ import annotations

import argparse
from pathlib import Path

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The key, a label and the database."""
    parser.add_argument("key", metavar="KEY_OR_FILE",
                        help=_s("the station's public key: its station.pub.pem file (`hiremate station show --pem`) "
                                "or 64 hex digits"))
    parser.add_argument("--label", default=None, help=_s("a name for the station (default: its fingerprint)"))
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Enrol the key (a second time changes nothing and says so)."""
    from sync.errors import IdentityError
    from sync.identity import fingerprint_of, parse_public_key

    path = Path(args.key)
    try:
        key = parse_public_key(path.read_bytes() if path.is_file() else args.key, where=args.key)
    except IdentityError as exc:
        raise CliError(str(exc), status=2) from None
    with receiver_storage(args) as storage:
        added = storage.enroll(key, args.label or fingerprint_of(key))
    if args.json:
        print_json({"public_key": key.hex(), "fingerprint": fingerprint_of(key), "new": added})
    else:
        print((_s("Enrolled: {fingerprint}") if added else _s("Already enrolled: {fingerprint}")).format(
            fingerprint=fingerprint_of(key)))
    return 0
