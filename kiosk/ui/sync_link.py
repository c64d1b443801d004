"""The station's side of sync: runs a SyncWorker for the saved endpoint and shows it in the proctor panel.

The worker uploads on its own thread. Its progress callback runs on that thread, so it only emits a signal of
a QObject living on the GUI thread (queued connection); the panel is updated in the slot, on the GUI thread.
Outbox counts are read from the database on the DB worker (kiosk.ui.ops). Endpoint changes restart the worker.
The worker also sends the station's heartbeats, derived from the database on its own thread (live_status).
It is handed the panel's sync section, the DB worker, the database path and a status line; the window tells
it when a session closed (session_closed). It never imports the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from i18n import N_, _s
from kiosk.services.live_status import StationLiveStatus
from kiosk.services.session_ops import Closed
from kiosk.services.stationdb import validate_endpoint
from kiosk.services.sync_status import OutboxSnapshot, outbox_snapshot
from kiosk.ui.ops import DbOps, could_not
from kiosk.ui.screens.outbox import OutboxSection
from sync.errors import SyncError
from sync.progress import Progress

if TYPE_CHECKING:
    from kiosk.services.sync_settings import EndpointSaved
    from sync.worker import SyncWorker

__all__ = ["SyncLink"]

log = logging.getLogger(__name__)
STOP_WAIT_S = 30.0


class SyncLink(QObject):
    """Owns the station's SyncWorker; bridges its progress to the GUI thread and keeps the panel's section fresh."""

    progress = Signal(object)  # Progress, emitted on the GUI thread
    snapshot_loaded = Signal(object)  # OutboxSnapshot
    _from_worker = Signal(object)  # emitted on the worker thread; queued to _relay

    def __init__(self, section: OutboxSection, ops: DbOps, db_path: Path, status: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.section, self.ops, self.db_path, self.status = section, ops, db_path, status
        self.worker: SyncWorker | None = None
        self.endpoint: str | None = None
        self.ca_pem: str | None = None  # saved with `hiremate sync set-ca`; read at start-up
        self.start_error: str | None = None  # why the worker for the saved endpoint could not start
        self._retired: list[SyncWorker] = []
        self._closed = False
        self._from_worker.connect(self._relay, Qt.ConnectionType.QueuedConnection)
        self.section.endpoint_saved.connect(self.save_endpoint)
        self.section.sync_now_requested.connect(self.sync_now)

    # -- worker lifecycle -----------------------------------------------------------------------

    def start(self, snap: OutboxSnapshot) -> None:
        """At station start (kiosk.services.sync_status.sync_startup ran on the DB worker): show it, run the worker."""
        self.ca_pem = snap.ca_pem
        self._use(snap.endpoint)
        self._loaded(snap)

    def _use(self, endpoint: str | None) -> None:
        if self._closed:
            return
        self._retire()
        self.endpoint = endpoint
        self.start_error = None
        self.section.show_endpoint(endpoint)
        if endpoint:
            from sync.worker import SyncWorker  # httpx and the client load when sync starts, after first paint

            try:
                worker = SyncWorker(self.db_path, endpoint, progress=self._from_worker.emit,
                                    catch_up=False, ca_pem=self.ca_pem, heartbeat=StationLiveStatus())
            except SyncError as exc:  # e.g. a saved receiver certificate the TLS library refuses
                log.error("sync worker not started: %s", exc)
                self.start_error = str(exc)
                self.section.show_worker_failure(self.start_error)
                return
            self.worker = worker.start()

    def _retire(self) -> None:
        """Ask the running worker to stop without waiting on the GUI thread; shutdown() joins it."""
        if self.worker is not None:
            self.worker.stop(timeout=0)
            self._retired.append(self.worker)
            self.worker = None
        self._retired = [worker for worker in self._retired if worker.running]

    def shutdown(self) -> None:
        """Stop every worker this station started and wait for them (each finishes its current upload)."""
        self._closed = True
        self._retire()
        for worker in self._retired:
            worker.stop(STOP_WAIT_S)
            if worker.running:
                log.error("sync worker did not stop within %.0f s", STOP_WAIT_S)
        self._retired = [worker for worker in self._retired if worker.running]

    # -- proctor actions ------------------------------------------------------------------------

    def save_endpoint(self, text: str) -> None:
        """Validate on the GUI thread (a clear error at once), save on the DB worker, then restart the worker."""
        try:
            validate_endpoint(text)
        except ValueError as exc:
            self.section.show_endpoint_error(str(exc))
            return
        from kiosk.services.sync_settings import save_endpoint  # httpx loads when a URL is first saved

        def saved(result: EndpointSaved) -> None:
            self._use(result.endpoint)
            self.refresh()
            self.status(" ".join(result.lines()))
            if result.problem is not None:
                self.section.show_endpoint_error(result.lines()[-1])

        # on the DB worker: the receiver's recipient is fetched over the network and the outbox re-encrypted for it
        self.ops.write(lambda db: save_endpoint(db, text), saved, what=N_("save the receiver URL"),
                       failure=lambda exc: self.section.show_endpoint_error(could_not(N_("save the receiver URL"),
                                                                                      exc)))

    def sync_now(self) -> None:
        """Wake the worker and try every pending bundle now, even those still backing off."""
        if self.worker is None:
            self.section.show_endpoint_error(_s("Save a receiver URL first."))
            return
        self.worker.wake(force=True)

    def wake(self) -> None:
        """A session was queued: upload it if the receiver is reachable."""
        if self.worker is not None:
            self.worker.wake()

    def session_closed(self, closed: Closed) -> None:
        """A session closed at this station: upload it if it was queued, and show the outbox again."""
        if closed.queued:
            self.wake()
        self.refresh()

    # -- showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the outbox on the DB worker and show it."""
        if not self._closed:
            self.ops.read(outbox_snapshot, self._loaded, what=N_("read the outbox"),
                          failure=lambda exc: self.status(could_not(N_("read the outbox"), exc)))

    def _loaded(self, snap: OutboxSnapshot) -> None:
        self.ca_pem = snap.ca_pem  # the next worker (a new URL saved in the panel) trusts what is saved now
        self.section.show_snapshot(snap)
        if self.worker is not None and self.worker.failure is not None:
            self.section.show_worker_failure(str(self.worker.failure))
        elif self.start_error:
            self.section.show_worker_failure(self.start_error)
        self.snapshot_loaded.emit(snap)

    @Slot(object)
    def _relay(self, step: Any) -> None:
        """On the GUI thread: show the step, and after an outcome re-read the counts."""
        if self._closed or not isinstance(step, Progress):
            return
        self.section.show_progress(step)
        self.progress.emit(step)
        if step.state != "sending":
            self.refresh()
