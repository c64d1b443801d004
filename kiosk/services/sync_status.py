"""What the proctor panel shows of the outbox, read on the DB worker (no Qt): counts, next upload, problems."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from kiosk.services.stationdb import StationDb
from sync.outbox import OutboxItem, enqueue_completed, items, summary

__all__ = ["OutboxSnapshot", "outbox_snapshot", "sync_startup"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxSnapshot:
    """The outbox as the panel shows it: counts per state, the bundle next in line, conflicts and refusals."""

    endpoint: str | None
    counts: dict[str, int]
    next_up: OutboxItem | None = None
    problems: list[OutboxItem] = field(default_factory=list)
    ca_pem: str | None = None  # the saved receiver certificate(s) to trust; None: the system trust store
    queue_error: str | None = None  # why completed sessions could not be queued at start-up (sync_startup)
    recipient: str | None = None  # the receiver's age recipient bundles are encrypted for; None: plain bundles


def outbox_snapshot(db: StationDb) -> OutboxSnapshot:
    """Read the outbox: the pending row due first (with its attempts, retry time, last error) and every
    conflict or rejected row (session id and why)."""
    pending = sorted(items(db.store, "pending"), key=lambda row: row.next_attempt_utc)
    problems = [row for row in items(db.store) if row.state in ("conflict", "rejected")]
    return OutboxSnapshot(db.sync_endpoint(), summary(db.store), pending[0] if pending else None, problems,
                          db.sync_ca_pem(), recipient=db.recipient())


def sync_startup(db: StationDb) -> OutboxSnapshot:
    """At station start, with an endpoint saved: queue completed sessions missing from the outbox (so the
    station stays the only writer of outbox rows and its worker runs without catch-up); then read it.
    A bundle that cannot be built does not stop the station: the snapshot's queue_error says why."""
    queue_error = None
    if db.sync_endpoint():
        try:
            enqueue_completed(db.store)
        except Exception as exc:
            log.exception("could not queue completed sessions for sync")
            queue_error = f"Could not queue completed sessions for upload: {type(exc).__name__}: {exc}"
    return replace(outbox_snapshot(db), queue_error=queue_error)
