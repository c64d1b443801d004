"""What the privacy commands share: the station key that signs tombstones, the role option, audit rows as text."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from kiosk.cli.common import CliError

if TYPE_CHECKING:
    from sync.identity import StationIdentity

__all__ = ["add_role", "print_outcome", "signer"]

ROLES = ("proctor", "recruiter", "researcher", "dpo")


def add_role(parser: argparse.ArgumentParser) -> None:
    """The --as option: the role of the person running the command, recorded in the privacy audit table."""
    parser.add_argument("--as", dest="role", choices=ROLES, default="proctor",
                        help="your role, recorded in the privacy audit table (default: proctor)")


def signer(args: argparse.Namespace) -> StationIdentity:
    """The station's key pair (it signs tombstones); one line when it is missing or changed."""
    from sync.errors import IdentityError
    from sync.identity import load_identity

    try:
        return load_identity(args.data_dir)
    except IdentityError as exc:
        raise CliError(f"the station key is needed to sign the tombstone: {exc}") from None


def print_outcome(outcome: object, what: str, as_json: bool) -> None:
    """Print an ErasureOutcome: the tombstones, the rows removed, and the copies it could not recall."""
    from kiosk.cli.common import print_json
    from kiosk.services.erasure import ErasureOutcome

    assert isinstance(outcome, ErasureOutcome)
    if as_json:
        print_json(outcome.as_dict())
        return
    for stone in outcome.tombstones:
        print(f"tombstone: session {stone.session_id} ({stone.participant}), {stone.event_count} events, chain head "
              f"{stone.chain_head[:16]}…, signed {stone.signature[:16]}…")
        for copy in json.loads(stone.exported):
            print(f"  not recalled (already left the station): {copy}")
    removed = ", ".join(f"{n} {table}" for table, n in sorted(outcome.removed.items()) if n)
    print(f"{what}: {len(outcome.tombstones)} session(s) erased; removed {removed or 'nothing'}")
    if outcome.already_erased:
        print(f"already erased before: {', '.join(outcome.already_erased)}")
    if outcome.requests:
        print(f"queued for the receiver: {len(outcome.requests)} signed erasure request(s), sent at the next sync; "
              "`hiremate privacy receipts` shows the receiver's receipts")
