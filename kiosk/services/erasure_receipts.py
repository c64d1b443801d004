"""What became of each erasure at the receiver: the tombstone, its queued request, and the receipt checked now."""

from __future__ import annotations

from typing import Any

from eventlog import Store
from eventlog.tombstones import tombstones
from sync.erasure_outbox import QueuedErasure, pinned_receipt_key, requests_of
from sync.identity import fingerprint_of

__all__ = ["receipt_rows", "status_of"]


def status_of(entry: QueuedErasure | None, pinned: bytes | None) -> str:
    """queued / sent / receipt verified / receipt INVALID / rejected, or 'not queued' (erased before requests were
    queued)."""
    if entry is None:
        return "not queued"
    if entry.state != "verified":
        return entry.state
    receipt = entry.parsed_receipt()
    ok = receipt is not None and receipt.signature_ok(pinned)
    return "receipt verified" if ok else "receipt INVALID"


def _row(entry: QueuedErasure | None, pinned: bytes | None) -> dict[str, Any]:
    receipt = entry.parsed_receipt() if entry else None
    return {
        "request_id": entry.request_id if entry else None,
        "status": status_of(entry, pinned),
        "attempts": entry.attempts if entry else 0,
        "last_error": entry.last_error if entry else None,
        "endpoint": entry.endpoint if entry else None,
        "answered_utc": entry.answered_utc if entry else None,
        "receiver_key_fingerprint": fingerprint_of(bytes.fromhex(receipt.receiver_key)) if receipt else None,
        "receipt": receipt.model_dump(mode="json") if receipt else None,
    }


def receipt_rows(store: Store) -> list[dict[str, Any]]:
    """One row per tombstone, oldest first: the session, pseudonym, when and why it was erased here, and the state
    of its request to the receiver with the receipt (its signature checked against the pinned receiver key)."""
    pinned = pinned_receipt_key(store.conn)
    latest: dict[str, QueuedErasure] = {entry.session_id: entry for entry in requests_of(store.conn)}
    return [{"session_id": stone.session_id, "participant": stone.participant, "erased_utc": stone.erased_utc,
             "reason": stone.reason, **_row(latest.get(stone.session_id), pinned)} for stone in tombstones(store.conn)]
