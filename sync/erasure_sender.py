"""Sending the station's queued erasure requests (sync/erasure_outbox.py) and checking the receipts that come back.

Part of every sync pass (SyncClient.run_pass), before the bundles: each due request is posted with its stored
bytes and signature. A receipt is kept only if it names the request and session and the receiver's key signed
it (the key pinned at the first verified receipt, if one is). No answer, a 5xx, or a receipt that does not
check out: the request stays queued and is retried after the outbox's backoff. Any other 4xx: rejected, with the
receiver's reason (`hiremate sync run --retry-rejected` queues it again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from pydantic import ValidationError

from eventlog import Store
from sync.erasure_outbox import (
    QueuedErasure,
    due_requests,
    mark_failed,
    mark_sent,
    mark_verified,
    pinned_receipt_key,
)
from sync.erasure_protocol import ERASURES_PATH, ErasureReceipt
from sync.errors import RejectedError, TransientError
from sync.heartbeat import SIGNATURE_HEADER
from sync.posting import post, refusal

__all__ = ["ErasurePass", "send_erasures"]


@dataclass
class ErasurePass:
    """What one pass did with the erasure queue."""

    attempted: int = 0
    verified: int = 0
    retry: int = 0
    rejected: int = 0
    unreachable: bool = False
    errors: list[str] = field(default_factory=list)


def _checked(response: httpx.Response, entry: QueuedErasure, pinned: bytes | None) -> ErasureReceipt:
    status = response.status_code
    if status in (200, 201):
        try:
            receipt = ErasureReceipt.model_validate_json(response.content)
        except ValidationError as exc:
            raise TransientError(f"HTTP {status} without a valid erasure receipt ({exc.errors()[0]['msg']})") from None
        if (receipt.request_id, receipt.session_id) != (entry.request_id, entry.session_id):
            raise TransientError(f"the receipt names request {receipt.request_id}, session {receipt.session_id}")
        if not receipt.signature_ok(pinned):
            raise TransientError("the receipt's signature does not verify" + (
                " under the receiver key this station pinned" if pinned is not None else ""))
        return receipt
    error = refusal(response)
    raise RejectedError(status, error.check, error.detail)


def _send(http: httpx.Client, endpoint: str, store: Store, entry: QueuedErasure, retry_at: str,
          report: ErasurePass) -> None:
    mark_sent(store.conn, entry.request_id, endpoint)
    report.attempted += 1
    try:
        response = post(http, ERASURES_PATH, entry.body.encode(),
                        {"Content-Type": "application/json", SIGNATURE_HEADER: entry.signature})
        receipt = _checked(response, entry, pinned_receipt_key(store.conn))
    except TransientError as exc:
        mark_failed(store.conn, entry.request_id, "queued", str(exc), retry_at)
        report.retry += 1
        report.unreachable = isinstance(exc.__cause__, httpx.ConnectError)
        report.errors.append(f"erasure of {entry.session_id}: {exc}")
        return
    except RejectedError as exc:
        mark_failed(store.conn, entry.request_id, "rejected", str(exc), retry_at)
        report.rejected += 1
        report.errors.append(f"erasure of {entry.session_id}: {exc}")
        return
    mark_verified(store.conn, entry.request_id, receipt)
    report.verified += 1


def send_erasures(http: httpx.Client, endpoint: str, store: Store, backoff: Callable[[int], float],
                  force: bool = False) -> ErasurePass:
    """Post every due erasure request (every unanswered one with force); stop at the first unreachable answer.
    `backoff(attempts)` is the wait in seconds after that many failed attempts (the bundle outbox's backoff)."""
    report = ErasurePass()
    now = datetime.now(UTC)
    for entry in due_requests(store.conn, now.isoformat(timespec="microseconds"), force):
        retry_at = now + timedelta(seconds=backoff(entry.attempts + 1))
        _send(http, endpoint, store, entry, retry_at.isoformat(timespec="microseconds"), report)
        if report.unreachable:
            break
    return report
