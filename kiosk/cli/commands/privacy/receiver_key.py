"""`hiremate privacy receiver-key [KEY | '']`: the receiver key whose signed erasure receipts this station takes."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.privacy._shared import add_role
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The key to pin, if any."""
    parser.add_argument("key", nargs="?", metavar="KEY",
                        help=_s("pin this receiver key (64 hex digits or a PEM file's text, as `hiremate receiver "
                                "erase` and `receiver serve` name it); '' forgets the pin, so the next verified "
                                "receipt pins its key; without KEY: show the pinned key"))
    add_role(parser)


def run(args: argparse.Namespace) -> int:
    """Show the pinned key; with KEY, pin it (or forget it) with an audit row."""
    from kiosk.services.privacy import cli_actor, record
    from sync.erasure_outbox import pin_receipt_key, pinned_receipt_key
    from sync.errors import IdentityError
    from sync.identity import fingerprint_of, parse_public_key

    with open_store(args) as store:
        if args.key is not None:
            try:
                key = parse_public_key(args.key, where="KEY") if args.key.strip() else None
            except IdentityError as exc:
                raise CliError(str(exc), status=2) from None
            with store.atomic():
                pin_receipt_key(store.conn, key)
                record(store, "receiver_key.pin" if key else "receiver_key.forget", cli_actor(args.role), None,
                       {"key": key.hex() if key else None})
        pinned = pinned_receipt_key(store.conn)
    shown = fingerprint_of(pinned) if pinned else None
    if args.json:
        print_json({"receiver_key": pinned.hex() if pinned else None, "fingerprint": shown})
    else:
        print(_s("receiver key for erasure receipts: {key}").format(
            key=shown or _s("none pinned (the next verified receipt pins its key)")))
    return 0
