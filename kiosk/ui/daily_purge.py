"""The retention purge of a station left running: once a day on the DB worker, like the purge at every start
(kiosk.services.station_log); what it removed is recorded in the privacy audit and shown on the panel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from eventlog import EventLog
from i18n import N_, _s, ngettext_s
from kiosk.services.retention import PurgeOutcome
from kiosk.ui.ops import DbOps

__all__ = ["DAY_MS", "DailyPurge"]

DAY_MS = 24 * 60 * 60 * 1000


def purged(outcome: PurgeOutcome) -> str:
    """What a purge removed, for the proctor in the station's language (pseudonyms and session ids only)."""
    lines = []
    if outcome.people:
        lines.append(ngettext_s("personal data of {count} participant past retention: {names}",
                                "personal data of {count} participants past retention: {names}",
                                len(outcome.people)).format(count=len(outcome.people), names=", ".join(outcome.people)))
    if outcome.sessions:
        lines.append(ngettext_s("{count} session past retention erased under tombstones: {ids}",
                                "{count} sessions past retention erased under tombstones: {ids}",
                                len(outcome.sessions)).format(count=len(outcome.sessions),
                                                              ids=", ".join(outcome.sessions)))
    return _s("Privacy purge: {what}").format(what="; ".join(lines))


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
                       self._done, what=N_("run the daily privacy purge"))

    def _done(self, outcome: PurgeOutcome) -> None:
        if outcome.lines():
            self.tell(purged(outcome))

    def stop(self) -> None:
        """No more purges (the station is shutting down)."""
        self.timer.stop()
