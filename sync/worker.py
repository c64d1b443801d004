"""The background sync worker: a thread (never the GUI thread) that runs passes (erasure requests, then bundles)
until stopped, and, given a heartbeat source, a second thread that sends the station's heartbeats
(sync/heartbeat_sender.py)."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from eventlog import Store
from sync.client import Backoff, PassReport, ProgressCallback, SyncClient
from sync.erasure_outbox import next_due
from sync.heartbeat_sender import HeartbeatSender, HeartbeatSource

__all__ = ["SyncWorker", "seconds_until_next_due"]

log = logging.getLogger(__name__)


def seconds_until_next_due(store: Store) -> float | None:
    """Seconds until the earliest pending bundle or unanswered erasure request is due (0 if overdue), or None if
    nothing is pending."""
    row = store.conn.execute("SELECT min(next_attempt_utc) FROM outbox WHERE state = 'pending'").fetchone()
    times = [when for when in (row[0], next_due(store.conn)) if when is not None]
    if not times:
        return None
    due = datetime.fromisoformat(min(times))
    return max(0.0, (due - datetime.now(UTC)).total_seconds())


class SyncWorker:
    """Uploads the outbox of the station database at db_path in its own thread with its own connection."""

    def __init__(
        self,
        db_path: Path | str,
        endpoint: str,
        transport: httpx.BaseTransport | None = None,
        backoff: Backoff | None = None,
        seed: int | None = None,
        progress: ProgressCallback | None = None,
        idle_s: float = 60.0,
        catch_up: bool = True,
        ca_pem: str | None = None,
        heartbeat: HeartbeatSource | None = None,
        heartbeat_s: float = 5.0,
    ) -> None:
        """heartbeat: what the station's heartbeats say (read on the heartbeat thread); None sends none."""
        self.db_path = Path(db_path)
        self.client = SyncClient(endpoint, transport=transport, backoff=backoff, seed=seed, ca_pem=ca_pem)
        self.heartbeats = None if heartbeat is None else HeartbeatSender(
            db_path, endpoint, heartbeat, interval_s=heartbeat_s, transport=transport, ca_pem=ca_pem)
        self.progress = progress
        self.idle_s = idle_s
        self.catch_up = catch_up
        self.passes = 0
        self.last_report: PassReport | None = None
        self.failure: BaseException | None = None
        self._down = 0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._force = False
        self._thread = threading.Thread(target=self._run, name="hiremate-sync", daemon=True)

    def start(self) -> SyncWorker:
        """Start the thread (and the heartbeat thread); it resumes whatever the outbox holds."""
        self._thread.start()
        if self.heartbeats is not None:
            self.heartbeats.start()
        return self

    def wake(self, force: bool = False) -> None:
        """Run a pass now (e.g. a session was just enqueued); force also tries bundles still backing off."""
        self._force = self._force or force
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the current upload, then stop and close the connection pool (timeout=0: do not wait)."""
        self._stop.set()
        self._wake.set()
        started = time.monotonic()
        if self.heartbeats is not None:
            self.heartbeats.stop(timeout=0)
        self._thread.join(timeout)
        if self.heartbeats is not None:
            self.heartbeats.stop(max(0.0, timeout - (time.monotonic() - started)))

    @property
    def running(self) -> bool:
        """Whether the upload thread or the heartbeat thread is alive."""
        return self._thread.is_alive() or (self.heartbeats is not None and self.heartbeats.running)

    def _pause(self, store: Store, report: PassReport) -> float:
        """Seconds to sleep: until the next bundle is due, backing off while the endpoint is unreachable."""
        self._down = self._down + 1 if report.unreachable else 0
        if self._down:
            return min(self.idle_s, self.client.backoff.delay(self._down, self.client.rng))
        wait = seconds_until_next_due(store)
        return self.idle_s if wait is None else min(wait, self.idle_s)

    def _run(self) -> None:
        try:
            with Store(self.db_path) as store:
                while not self._stop.is_set():
                    force, self._force = self._force, False
                    self.last_report = self.client.run_pass(store, self.progress, force=force, catch_up=self.catch_up,
                                                            should_stop=self._stop.is_set)
                    self.passes += 1
                    self._wake.wait(self._pause(store, self.last_report))
                    self._wake.clear()
        except Exception as exc:  # the thread must not die silently: keep it for the panel and log it
            self.failure = exc
            log.exception("sync worker stopped")
        finally:
            self.client.close()
