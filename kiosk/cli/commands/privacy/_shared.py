"""What the privacy commands share: the station key that signs tombstones, the role option, audit rows as text."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from i18n import _s
from kiosk.cli.common import CliError

if TYPE_CHECKING:
    from sync.identity import StationIdentity

__all__ = ["add_role", "kept_for", "print_outcome", "signer"]

ROLES = ("proctor", "recruiter", "researcher", "dpo")


def add_role(parser: argparse.ArgumentParser) -> None:
    """The --as option: the role of the person running the command, recorded in the privacy audit table."""
    parser.add_argument("--as", dest="role", choices=ROLES, default="proctor",
                        help=_s("your role, recorded in the privacy audit table (default: proctor)"))


def signer(args: argparse.Namespace) -> StationIdentity:
    """The station's key pair (it signs tombstones); one line when it is missing or changed."""
    from sync.errors import IdentityError
    from sync.identity import load_identity

    try:
        return load_identity(args.data_dir)
    except IdentityError as exc:
        raise CliError(_s("the station key is needed to sign the tombstone: {error}").format(error=exc)) from None


def print_outcome(outcome: object, what: str, as_json: bool) -> None:
    """Print an ErasureOutcome: the tombstones, the rows removed, and the copies it could not recall."""
    from kiosk.cli.common import print_json
    from kiosk.services.erasure import ErasureOutcome

    assert isinstance(outcome, ErasureOutcome)
    if as_json:
        print_json(outcome.as_dict())
        return
    for stone in outcome.tombstones:
        print(_s("tombstone: session {session} ({participant}), {events} events, chain head {head}…, signed "
                 "{signature}…").format(session=stone.session_id, participant=stone.participant,
                                        events=stone.event_count, head=stone.chain_head[:16],
                                        signature=stone.signature[:16]))
        for copy in json.loads(stone.exported):
            print(_s("  not recalled (already left the station): {copy}").format(copy=copy))
    removed = ", ".join(f"{n} {table}" for table, n in sorted(outcome.removed.items()) if n)
    print(_s("{what}: {count} session(s) erased; removed {removed}").format(
        what=what, count=len(outcome.tombstones), removed=removed or _s("nothing")))
    if outcome.already_erased:
        print(_s("already erased before: {sessions}").format(sessions=", ".join(outcome.already_erased)))
    if outcome.requests:
        print(_s("queued for the receiver: {count} signed erasure request(s), sent at the next sync; "
                 "`hiremate privacy receipts` shows the receiver's receipts").format(count=len(outcome.requests)))


def kept_for(session_days: int | None) -> str:
    """How long sessions are kept, in words: "until erased" or "30 days after closing"."""
    return _s("until erased") if session_days is None else _s("{days} days after closing").format(days=session_days)
