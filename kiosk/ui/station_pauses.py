"""What the station window does when the candidate's page must give way: the idle pause and the full disk (the
log cannot write); the game is frozen first, and the page the candidate was on comes back afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from i18n import _, _s

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

    from kiosk.ui.candidate_flow import CandidateController
    from kiosk.ui.screens.panel import ProctorPanel
    from kiosk.ui.station_screens import Screens

__all__ = ["PausingWindow", "pause_for_idle", "storage_changed"]


class PausingWindow(Protocol):
    """What of the station window (kiosk.ui.station.StationWindow) a pause needs."""

    screens: Screens
    stack: QStackedWidget
    panel: ProctorPanel
    problem: QLabel
    candidate: CandidateController
    return_to: QWidget

    def report_problem(self, text: str) -> None: ...

    def call_game(self, method: str) -> None: ...

    def proctor_page(self, page: QWidget | None = None) -> bool: ...

STORAGE_LINE = "storageProblem"
"""The problem line's property while it says that the station cannot save (cleared when it saves again)."""


def storage_changed(window: PausingWindow, problem: str | None) -> None:
    """The log cannot write (a full disk): the candidate sees the call-the-proctor screen and the game waits, the
    proctor sees the cause; once it writes again the station goes back to where it was by itself."""
    screens, current = window.screens, window.stack.currentWidget()
    if problem is not None:
        screens.storage.show_cause(problem)
        window.report_problem(_s("The station cannot save: {problem}").format(problem=problem))
        window.problem.setProperty(STORAGE_LINE, window.problem.text())
        if current is not None and current not in (screens.pin, window.panel, screens.storage):
            if current is not screens.pause:
                window.return_to = current
            window.stack.setCurrentWidget(screens.storage)
        return
    window.panel.show_status(_s("The station saves again: the session continues."))
    if window.problem.property(STORAGE_LINE) == window.problem.text():  # not replaced by another problem since
        window.problem.setVisible(False)
    window.problem.setProperty(STORAGE_LINE, None)
    if current is screens.storage:
        window.stack.setCurrentWidget(window.return_to)
        window.return_to.setFocus()
        if window.candidate.view is not None and window.return_to is screens.game:
            window.candidate.view.setFocus()


def pause_for_idle(window: PausingWindow, idle_ms: int) -> None:
    """The candidate did nothing for the pause limit: the game is frozen (before `station.paused`, so that what it
    flushes comes first in the log) and the pause page waits for the proctor's PIN."""
    if not window.candidate.active:
        return
    window.call_game("suspend")
    window.candidate.record("station.paused", {"reason": "idle"})
    window.screens.pause.show_reason(_("No input for {seconds} seconds.").format(seconds=idle_ms // 1000))
    current = window.stack.currentWidget()
    if current is not None and not window.proctor_page(current):
        window.return_to = current
    window.stack.setCurrentWidget(window.screens.pause)
    window.screens.pause.focus_first()
