"""`hiremate receiver erase --session ID | --participant PSEUDONYM --reason TEXT`: erase at the receiver itself
(for data whose station is gone), recorded in the erasures table, with the receiver's signed receipt."""

from __future__ import annotations

import argparse
import getpass

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """What to erase, why, and the database."""
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", metavar="ID", help=_s("erase this stored session"))
    which.add_argument("--participant", metavar="PSEUDONYM", help=_s("erase every stored session of this pseudonym"))
    parser.add_argument("--station", metavar="ID_OR_KEY",
                        help=_s("with --session: the station (its id or key hex) when several sent this session id"))
    parser.add_argument("--reason", required=True,
                        help=_s("why (kept in the erasures table and the signed receipt)"))
    add_db_argument(parser)


def _print(receipts: list[dict[str, object]], fingerprint: str) -> None:
    for receipt in receipts:
        removed = receipt["removed"]
        assert isinstance(removed, dict)
        counts = ", ".join(f"{n} {table}" for table, n in sorted(removed.items()))
        print(_s("erased session {session} of station {station}: removed {counts}").format(
            session=receipt["session_id"], station=receipt["station_id"], counts=counts))
        print(_s("  request {request} at {when}, signature {signature}…").format(
            request=receipt["request_id"], when=receipt["erased_utc"], signature=str(receipt["signature"])[:32]))
    print(_s("{count} receipt(s), signed by receiver key {fingerprint}").format(count=len(receipts),
                                                                               fingerprint=fingerprint))


def run(args: argparse.Namespace) -> int:
    """Erase in one transaction and print the receipts; a session or pseudonym the receiver does not hold is one
    line and changes nothing."""
    from sync.receiver.erasure_admin import admin_orders
    from sync.receiver.signing import SigningKeyError, signer_for
    from sync.receiver.storage import AmbiguousSession

    if args.station and not args.session:
        raise CliError(_s("--station goes with --session"), status=2)
    with receiver_storage(args) as storage:
        try:
            signer = signer_for(storage)
            orders = admin_orders(storage, args.reason, f"receiver:{getpass.getuser()}", args.session, args.station,
                                  args.participant)
        except (LookupError, AmbiguousSession, SigningKeyError) as exc:
            raise CliError(str(exc)) from None
        except ValueError as exc:
            raise CliError(str(exc), status=2) from None
        receipts = [receipt.model_dump(mode="json") for _, receipt in storage.erase(orders, signer)]
    if args.json:
        print_json(receipts)
    else:
        _print(receipts, signer.fingerprint)
    return 0
