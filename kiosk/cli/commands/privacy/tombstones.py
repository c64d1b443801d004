"""`hiremate privacy tombstones`: the signed record of every erased session (no event, no personal data)."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """privacy tombstones has no options beyond --json and --data-dir."""


def run(args: argparse.Namespace) -> int:
    """List the tombstones, oldest first, each with whether a recorded station key signed it and what became of
    its erasure at the receiver (`privacy receipts` shows the receipts)."""
    from eventlog.tombstones import tombstones
    from kiosk.services.erasure_receipts import receipt_rows
    from sync.identity import recorded_keys

    with open_store(args, readonly=True) as store:
        trusted = [record.public_raw for record in recorded_keys(store.conn)]
        stones = [(stone, stone.signed_by(trusted)) for stone in tombstones(store.conn)]
        receiver = {row["session_id"]: row["status"] for row in receipt_rows(store)}
    if args.json:
        print_json([{**stone.as_dict(), "signature_valid": valid, "receiver": receiver.get(stone.session_id)}
                    for stone, valid in stones])
        return 0
    for stone, valid in stones:
        print(_s("{erased}  {session}  {participant}  {events} events  head {head}…  {signed}  receiver: {receiver}  "
                 "{reason}").format(erased=stone.erased_utc[:19], session=stone.session_id,
                                    participant=stone.participant, events=stone.event_count,
                                    head=stone.chain_head[:16], signed=_s("signed") if valid
                                    else _s("SIGNATURE INVALID"), receiver=receiver.get(stone.session_id),
                                    reason=stone.reason))
    print(_s("{count} tombstone(s)").format(count=len(stones)))
    return 0
