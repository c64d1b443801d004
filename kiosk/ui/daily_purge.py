"""The retention purge of a station left running: once a day on the DB worker, like the purge at every start
(kiosk.services.station_log); what it removed is recorded in the privacy audit and shown on the panel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from eventlog import EventLog
from kiosk.services.retention import PurgeOutcome
from kiosk.ui.ops import DbOps

__all__ = ["DAY_MS", "DailyPurge"]

DAY_MS = 24 * 60 * 60 * 1000


class DailyPurge(QObject):
    """Runs purge_expired every `interval_ms` (a day) on the DB worker while the station is open."""

    def __init__(self, ops: DbOps, log: EventLog, tell: Callable[[str], None], interval_ms: int = DAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops, self.log, self.tell = ops, log, tell
        self.timer = QTimer(self)
        self.timer.setObjectName("DailyPurge.timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run)
        self.timer.start()

    def run(self) -> None:
        """Purge what has expired now; the proctor's panel says what went (failures reach the screen through ops)."""
        from kiosk.services.retention import purge_expired

        signer = self.log.signer
        self.ops.write(lambda db: purge_expired(db.store, actor="station daily", signer=signer, record_empty=False),
                       self._done, what="run the daily privacy purge")

    def _done(self, outcome: PurgeOutcome) -> None:
        if outcome.lines():
            self.tell("Privacy purge: " + "; ".join(outcome.lines()))

    def stop(self) -> None:
        """No more purges (the station is shutting down)."""
        self.timer.stop()
