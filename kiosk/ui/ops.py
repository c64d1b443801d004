"""Database work off the GUI thread, after Anki's CollectionOp/QueryOp: one DB worker, callbacks by signal.

    ops.run(lambda db: db.redeem(code, sid), success=self._on_redeemed, failure=self._on_refused)

The function runs on the single DB worker thread with the station's StationDb (and EventLog via
`ops.log`); its result, or its exception, comes back to the GUI thread through a queued Qt signal, where
`success`/`failure` run. Screens never touch the database: they build a value, hand a function to an op,
and react in the callback. `shutdown()` waits for queued work and stops the thread (tests check this).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from eventlog import EventLog, Store
from kiosk.services.stationdb import StationDb

__all__ = ["DbOps"]

T = TypeVar("T")
log = logging.getLogger(__name__)


def _report(exc: BaseException) -> None:
    log.error("station DB op failed", exc_info=exc)


class DbOps(QObject):
    """A single DB worker thread for a station; results are delivered on the thread that owns this object."""

    _delivered = Signal(object)
    idle = Signal()

    def __init__(self, log_: EventLog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log = log_
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hiremate-db")
        self._db: StationDb | None = None
        self._pending = 0
        self._lock = threading.Lock()
        self._delivered.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Ops submitted whose callbacks have not run yet."""
        return self._pending

    def _station_db(self) -> StationDb:
        if self._db is None:  # created on the worker thread, used only there
            self._db = StationDb(Store(self.log.store.path))
        return self._db

    def run(
        self,
        op: Callable[[StationDb], T],
        success: Callable[[T], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
    ) -> Future[Any]:
        """Run op(db) on the worker; then success(result) or failure(exception) on the GUI thread."""
        self._pending += 1

        def work() -> None:
            try:
                result = op(self._station_db())
            except BaseException as exc:  # delivered to the GUI thread, never lost
                self._delivered.emit((failure or _report, exc))
                return
            self._delivered.emit((success, result))

        return self._executor.submit(work)

    def _deliver(self, item: tuple[Callable[[Any], None] | None, Any]) -> None:
        callback, value = item
        self._pending -= 1
        try:
            if callback is not None:
                callback(value)
        finally:
            if self._pending == 0:
                self.idle.emit()

    def shutdown(self) -> None:
        """Finish queued work, stop the worker thread and close its connection."""
        self._executor.shutdown(wait=True)
        if self._db is not None:
            self._db.store.close()
            self._db = None
