"""Database work off the GUI thread, after Anki's CollectionOp/QueryOp: one DB worker, callbacks by signal.

    ops.read(lambda db: db.codes(), self._show_codes, what="load the codes")
    ops.write(lambda db: db.set_pin(pin, again), self._chosen, what="save the PIN", failure=self._pin_refused)

The function runs on the single DB worker thread with the station's StationDb; its result, or its
exception, comes back to the GUI thread through a queued Qt signal, where `success` or `failure` runs.
Screens never touch the database: they build a value, hand a function to an op, and react in the callback.

- `read` runs the function in one read transaction (a consistent snapshot) with the connection in
  `query_only` mode: a read op that tries to write fails instead of writing.
- `write` may write; a function that writes more than one statement uses `db.atomic()` (one transaction).
  Never across `EventLog.flush()` or `close_session()`: they wait for the log's writer thread, which
  needs the write lock the transaction holds.
- Every failure reaches a person: `failure(exc)` when given, otherwise the `report` callable the DbOps was
  made with gets "Could not <what>: <error>" (could_not: in the station's language; `what` is marked with N_
  where the op is made) and the station shows it where the proctor or candidate sees it.
  A success callback that raises takes the same failure route; a failure callback that raises goes to
  `report`. Only `Exception` is caught.

Ops run one after another in submission order, so a read sees every write submitted before it.
`shutdown()` waits for queued work and stops the thread (tests check this).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from eventlog import EventLog, Store
from i18n import _s
from kiosk.services.stationdb import StationDb

__all__ = ["DbOps", "could_not", "describe"]

T = TypeVar("T")
Failure = Callable[[Exception], None]
log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """An exception as one line for a person: its message, or its type when it has none."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def could_not(what: str, exc: BaseException) -> str:
    """A failed op for a person, in the station's language: 'Could not issue codes: <error>'; `what` is a message
    marked with N_ where the op is made ("issue codes"), the error as the exception says it."""
    return _s("Could not {what}: {error}").format(what=_s(what), error=describe(exc))


@dataclass(frozen=True)
class _Route:
    """Where an op's outcome goes on the GUI thread."""

    success: Callable[[Any], None] | None
    failure: Failure
    what: str


class DbOps(QObject):
    """A single DB worker thread for a station; results are delivered on the thread that owns this object."""

    _delivered = Signal(object)
    idle = Signal()

    def __init__(self, log_: EventLog, report: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log = log_
        self.report = report
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hiremate-db")
        self._db: StationDb | None = None
        self._pending = 0
        self._delivered.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Ops submitted whose callbacks have not run yet."""
        return self._pending

    def read(self, op: Callable[[StationDb], T], success: Callable[[T], None], *, what: str,
             failure: Failure | None = None) -> Future[Any]:
        """Run op(db) on the worker in a read-only snapshot; then success(result) or the failure route."""
        return self._submit(lambda db: _read_only(db, op), success, what, failure)

    def write(self, op: Callable[[StationDb], T], success: Callable[[T], None] | None = None, *, what: str,
              failure: Failure | None = None) -> Future[Any]:
        """Run op(db) on the worker (it may write); then success(result) or the failure route."""
        return self._submit(op, success, what, failure)

    def _station_db(self) -> StationDb:
        if self._db is None:  # created on the worker thread, used only there; tried again after a failure
            self._db = StationDb(Store(self.log.store.path))
        return self._db

    def _submit(self, op: Callable[[StationDb], T], success: Callable[[T], None] | None, what: str,
                failure: Failure | None) -> Future[Any]:
        self._pending += 1
        route = _Route(success, failure or self._reporter(what), what)

        def work() -> None:
            try:
                result = op(self._station_db())
            except Exception as exc:  # delivered to the GUI thread, never lost
                log.error("station DB op failed: %s", what, exc_info=exc)
                self._delivered.emit((route, False, exc))
                return
            self._delivered.emit((route, True, result))

        return self._executor.submit(work)

    def _reporter(self, what: str) -> Failure:
        return lambda exc: self.report(could_not(what, exc))

    def _deliver(self, item: tuple[_Route, bool, Any]) -> None:
        route, ok, value = item
        self._pending -= 1
        try:
            if ok:
                self._succeed(route, value)
            else:
                self._fail(route, value)
        finally:
            if self._pending == 0:
                self.idle.emit()

    def _succeed(self, route: _Route, value: Any) -> None:
        try:
            if route.success is not None:
                route.success(value)
        except Exception as exc:  # the GUI side of the op failed: the same failure route takes it
            log.error("success callback of station DB op failed: %s", route.what, exc_info=exc)
            self._fail(route, exc)

    def _fail(self, route: _Route, exc: Exception) -> None:
        try:
            route.failure(exc)
        except Exception as again:  # the failure callback itself failed: the station's report still shows it
            log.error("failure callback of station DB op failed: %s", route.what, exc_info=again)
            self.report(could_not(route.what, exc))

    def shutdown(self) -> None:
        """Finish queued work, stop the worker thread and close its connection."""
        self._executor.shutdown(wait=True)
        if self._db is not None:
            self._db.store.close()
            self._db = None


def _read_only(db: StationDb, op: Callable[[StationDb], T]) -> T:
    """op(db) inside one read transaction with writes refused by SQLite (PRAGMA query_only)."""
    conn = db.conn
    conn.execute("PRAGMA query_only = ON")
    try:
        conn.execute("BEGIN")
        try:
            return op(db)
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")  # nothing to keep: it only read
    finally:
        conn.execute("PRAGMA query_only = OFF")
