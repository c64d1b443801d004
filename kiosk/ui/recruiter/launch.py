"""Opens the recruiter window from the proctor panel, never while a candidate session is open on this station."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from eventlog import EventLog
from i18n import N_, _s
from kiosk.services.stationdb import StationDb
from kiosk.ui.lockdown import KioskGuard
from kiosk.ui.ops import DbOps, describe
from kiosk.ui.screens.panel import ProctorPanel

if TYPE_CHECKING:
    from kiosk.ui.recruiter.window import RecruiterWindow

__all__ = ["BUSY", "RecruiterLauncher"]

BUSY = N_("The recruiter view does not open while a candidate session is running on this station; finish it first.")


class RecruiterLauncher(QObject):
    """Answers the panel's "Recruiter view…": looks on the worker for a session open in this station's log."""

    def __init__(self, panel: ProctorPanel, ops: DbOps, log: EventLog, guard: KioskGuard,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel, self.ops, self.log = panel, ops, log
        self.window: RecruiterWindow | None = None
        panel.recruiter_requested.connect(self.request)
        station_allows = guard.escape_allowed  # a kiosk refuses Esc on the station; the recruiter window uses it
        guard.escape_allowed = lambda: self.showing() or station_allows()

    def showing(self) -> bool:
        """Whether the recruiter window is open."""
        return self.window is not None and self.window.isVisible()

    def _candidate_active(self, db: StationDb) -> bool:
        return any(self.log.is_open(row.id) for row in db.store.sessions(status="open"))

    def request(self) -> None:
        """Open the recruiter window (PIN first), or say in one line why not."""
        self.ops.read(self._candidate_active, self._decide, what="open the recruiter view",
                      failure=lambda exc: self.panel.show_status(
                          _s("Could not open the recruiter view: {reason}").format(reason=describe(exc))))

    def _decide(self, active: bool) -> None:
        if active:
            self.panel.show_status(_s(BUSY))
            return
        if self.window is None:
            from kiosk.ui.recruiter.window import RecruiterWindow  # QtSvg and the reports load on first use

            self.window = RecruiterWindow(self.ops, self.panel.window())
            self.window.resize(self.panel.window().size())
            self.window.closed.connect(self.panel.focus_first)
        self.window.exports_dir = self.panel.exports_dir
        self.window.start()
