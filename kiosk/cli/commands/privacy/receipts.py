"""`hiremate privacy receipts`: each erased session's request to the receiver and the receiver's signed receipt."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """privacy receipts has no options beyond --json and --data-dir."""


def _removed(row: dict[str, object]) -> str:
    receipt = row["receipt"]
    if not isinstance(receipt, dict):
        return ""
    counts = ", ".join(f"{n} {table}" for table, n in sorted(receipt["removed"].items()))
    return _s("  receiver removed {counts} at {when}").format(counts=counts, when=str(receipt["erased_utc"])[:19])


def run(args: argparse.Namespace) -> int:
    """One line per tombstone: session, pseudonym, receipt status (queued / sent / receipt verified), what the
    receiver removed, and the receiver key's fingerprint; the last error of a request still waiting."""
    from kiosk.services.erasure_receipts import receipt_rows

    with open_store(args, readonly=True) as store:
        rows = receipt_rows(store)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{str(row['erased_utc'])[:19]}  {row['session_id']}  {row['participant']}  {row['status']}"
              f"{_removed(row)}")
        if row["receiver_key_fingerprint"]:
            print(_s("  signed by receiver key {fingerprint}").format(fingerprint=row["receiver_key_fingerprint"]))
        elif row["last_error"]:
            print(_s("  {attempts} attempt(s); last error: {error}").format(attempts=row["attempts"],
                                                                           error=row["last_error"]))
    verified = sum(row["status"] == "receipt verified" for row in rows)
    print(_s("{count} erased session(s); {verified} with a verified receiver receipt").format(count=len(rows),
                                                                                          verified=verified))
    return 0
