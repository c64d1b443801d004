"""The sync client: erasure requests, then outbox bundles, with httpx (injectable transport), backoff with jitter,
receipts."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from pydantic import ValidationError

from eventlog import Store
from sync.erasure_sender import ErasurePass, send_erasures
from sync.errors import ConflictError, OutboxError, RejectedError, TransientError
from sync.outbox import (
    OutboxItem,
    enqueue_completed,
    items,
    mark_attempt,
    mark_delivered,
    mark_failed,
    read_item_bytes,
)
from sync.posting import post, refusal
from sync.progress import Progress, ProgressCallback
from sync.protocol import BUNDLE_MEDIA_TYPE, BUNDLES_PATH, SEALED_MEDIA_TYPE, Receipt
from sync.sealing import is_sealed
from sync.trust import client_verify

__all__ = ["DEFAULT_TIMEOUT", "Backoff", "PassReport", "Progress", "ProgressCallback", "SyncClient"]

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with equal jitter: attempt n waits between half and all of min(cap, base·2^(n-1))."""

    base_s: float = 2.0
    cap_s: float = 900.0

    def delay(self, attempts: int, rng: random.Random) -> float:
        """Seconds to wait after the given number of failed attempts."""
        ceiling = min(self.cap_s, self.base_s * 2.0 ** max(0, attempts - 1))
        return ceiling / 2.0 + rng.uniform(0.0, ceiling / 2.0)




@dataclass
class PassReport:
    """What one pass did."""

    enqueued: int = 0
    attempted: int = 0
    delivered: int = 0
    retry: int = 0
    conflict: int = 0
    rejected: int = 0
    unreachable: bool = False
    errors: list[str] = field(default_factory=list)
    erasures_sent: int = 0  # erasure requests posted (sync/erasure_sender.py)
    erasures_verified: int = 0  # ... answered with a receipt whose signature verified
    erasures_retry: int = 0
    erasures_rejected: int = 0

    def count_erasures(self, done: ErasurePass) -> None:
        """Take the erasure part of the pass into this report."""
        self.erasures_sent, self.erasures_verified = done.attempted, done.verified
        self.erasures_retry, self.erasures_rejected = done.retry, done.rejected
        self.errors.extend(done.errors)
        self.unreachable = done.unreachable


def _utc(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


class SyncClient:
    """Uploads bundles to one endpoint; pass `transport` to swap the network (tests, proxies), `ca_pem` to trust
    only the given CA / self-signed receiver certificate(s) instead of the system trust store."""

    def __init__(
        self,
        endpoint: str,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        backoff: Backoff | None = None,
        seed: int | None = None,
        ca_pem: str | None = None,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.backoff = backoff or Backoff()
        self.rng = random.Random(seed)
        self.http = httpx.Client(base_url=self.endpoint, transport=transport, timeout=timeout,
                                 verify=client_verify(ca_pem))

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def upload(self, data: bytes, sha256: str) -> Receipt:
        """POST one bundle; return the receipt only if it names sha256, else raise a DeliveryError."""
        media_type = SEALED_MEDIA_TYPE if is_sealed(data) else BUNDLE_MEDIA_TYPE
        response = post(self.http, BUNDLES_PATH, data, {"Content-Type": media_type, "X-Bundle-SHA256": sha256})
        return self._receipt(response, sha256)

    @staticmethod
    def _receipt(response: httpx.Response, sha256: str) -> Receipt:
        status = response.status_code
        if status in (200, 201):
            try:
                receipt = Receipt.model_validate_json(response.content)
            except ValidationError as exc:
                raise TransientError(f"HTTP {status} without a valid receipt ({exc.errors()[0]['msg']})") from None
            named = receipt.upload_sha256 or receipt.bundle_sha256
            if named != sha256:
                raise TransientError(f"receipt names bundle {named[:12]}…, not {sha256[:12]}…")
            return receipt
        error = refusal(response)
        if status == 409:
            raise ConflictError(f"receiver holds a different bundle for this session "
                                f"(stored {str(error.stored_sha256)[:12]}…): {error.detail}")
        raise RejectedError(status, error.check, error.detail)

    def _delay(self, attempts: int) -> float:
        return self.backoff.delay(attempts, self.rng)

    def _deliver(self, store: Store, entry: OutboxItem, report: PassReport) -> str:
        mark_attempt(store, entry.session_id, self.endpoint)
        report.attempted += 1
        try:
            receipt = self.upload(read_item_bytes(store, entry), entry.bundle_sha256)
        except TransientError as exc:
            wait = self.backoff.delay(entry.attempts + 1, self.rng)
            mark_failed(store, entry.session_id, "pending", str(exc), _utc(datetime.now(UTC) + timedelta(seconds=wait)))
            report.retry += 1
            report.unreachable = isinstance(exc.__cause__, httpx.ConnectError)
            return f"retry in {wait:.1f}s: {exc}"
        except (ConflictError, RejectedError, OutboxError) as exc:
            state = "conflict" if isinstance(exc, ConflictError) else "rejected"
            mark_failed(store, entry.session_id, state, str(exc))
            setattr(report, state, getattr(report, state) + 1)
            return f"{state}: {exc}"
        mark_delivered(store, entry.session_id, receipt.model_dump(mode="json"))
        report.delivered += 1
        return f"delivered ({receipt.status})"

    def run_pass(
        self, store: Store, progress: ProgressCallback | None = None, force: bool = False, catch_up: bool = True,
        should_stop: Callable[[], bool] | None = None,
    ) -> PassReport:
        """Send the due erasure requests first (sync/erasure_sender.py), then try every pending bundle that is
        due (all pending with force); stop early if the endpoint is down or should_stop() turns true between
        uploads."""
        report = PassReport()
        report.count_erasures(send_erasures(self.http, self.endpoint, store, self._delay, force))
        if report.unreachable:  # the bundles would not get through either
            return report
        if catch_up:
            report.enqueued = len(enqueue_completed(store))
        now = _utc(datetime.now(UTC))
        due = [e for e in items(store, "pending") if force or e.next_attempt_utc <= now]
        for index, entry in enumerate(due, start=1):
            if should_stop is not None and should_stop():
                break
            if progress:
                progress(Progress(entry.session_id, index, len(due), "sending", f"{entry.bundle_size} bytes"))
            outcome = self._deliver(store, entry, report)
            if progress:
                progress(Progress(entry.session_id, index, len(due), outcome.split(" ")[0].rstrip(":"), outcome))
            if report.unreachable:
                report.errors.append(outcome)
                break
        return report

