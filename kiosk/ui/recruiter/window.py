"""The recruiter window: the recruiter PIN, then completed sessions, a report, or a comparison of the shortlist.

Every database read and PIN check runs on the station's DB worker (DbOps); the window only shows results. It is
a window of its own, application-modal above the station (the station counts it as its own dialog), and locks
again (PIN asked anew) each time it is opened.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from i18n import N_, _s, is_rtl, ngettext_s, station_language
from kiosk.services.stationdb import PinCheck, StationDb
from kiosk.ui.accessible import name_controls
from kiosk.ui.ops import DbOps, describe
from kiosk.ui.recruiter.catalogue import Shown, candidates, record_read, report_page, save_pdf
from kiosk.ui.recruiter.list_page import CandidateList
from kiosk.ui.recruiter.pin_page import RecruiterPinPage
from kiosk.ui.recruiter.pin_store import check_recruiter_pin, recruiter_pin_is_set, set_recruiter_pin
from kiosk.ui.recruiter.report_view import DrawnPage, ReportBrowser, draw_charts
from kiosk.ui.screens.style import BigButton
from scoring import role_names

__all__ = ["RecruiterWindow"]

STYLE = """
QWidget#recruiterWindow { background: #ffffff; }
QWidget#recruiterWindow QLabel, QWidget#recruiterWindow QLineEdit, QWidget#recruiterWindow QComboBox,
QWidget#recruiterWindow QTableWidget { font-size: 13pt; }
QWidget#recruiterWindow QPushButton { font-size: 13pt; padding: 6px 12px; border: 2px solid #505a5f;
  border-radius: 3px; background: #f3f2f1; }
QWidget#recruiterWindow QPushButton:disabled { color: #8a8a8a; border-color: #c8c8c8; }
QWidget#recruiterWindow QPushButton:focus, QWidget#recruiterWindow QLineEdit:focus,
QWidget#recruiterWindow QComboBox:focus, QWidget#recruiterWindow QTableWidget:focus,
QWidget#recruiterWindow QTextBrowser:focus { border: 3px solid #0b0c0c; background-color: #ffdd00; }
QWidget#recruiterWindow QTableWidget:focus, QWidget#recruiterWindow QTextBrowser:focus { background-color: #ffffff; }
QWidget#recruiterWindow QLineEdit { padding: 4px; border: 2px solid #505a5f; }
QWidget#recruiterWindow QTextBrowser { border: 3px solid #d0d5da; }
QWidget#recruiterWindow QTableWidget::item:selected { background: #1d70b8; color: #ffffff; }
"""
REPORT_HINT = N_("↑/↓ and Page Up/Down: scroll · Tab: next control · Enter on a button: press it · Esc: back to the "
                 "list")


def _unlock_info(db: StationDb) -> tuple[bool, list[str]]:
    return recruiter_pin_is_set(db), role_names()


def _pin_refusal(result: PinCheck) -> str:
    if result.locked_s:
        return _s("Too many wrong PINs: try again in {seconds} s.").format(seconds=result.locked_s)
    return ngettext_s("Wrong recruiter PIN: {count} try left.", "Wrong recruiter PIN: {count} tries left.",
                      result.tries_left).format(count=result.tries_left)


class RecruiterWindow(QWidget):
    """PIN page, candidate list and report page in one stack; `closed()` when the recruiter closes it."""

    closed = Signal()

    def __init__(self, ops: DbOps, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.setObjectName("recruiterWindow")
        self.setWindowTitle(_s("HireMate Station · recruiter view"))
        if is_rtl(station_language()):  # the recruiter's pages and reports are in the station's language
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet(STYLE)
        self.unlocked = False
        self.shown: Shown | None = None
        self.exports_dir: Path | None = None  # where "Save PDF…" proposes to save (the station's exports folder)
        self.pin_page = RecruiterPinPage()
        self.list_page = CandidateList()
        self.report_page = self._report_page()
        self.stack = QStackedWidget()
        for page in (self.pin_page, self.list_page, self.report_page):
            self.stack.addWidget(page)
        QVBoxLayout(self).addWidget(self.stack)
        self.pin_page.submitted.connect(self._pin_given)
        self.pin_page.cancelled.connect(self.close)
        self.list_page.close_requested.connect(self.close)
        self.list_page.open_requested.connect(self.open_report)
        self.list_page.compare_requested.connect(self.compare)
        name_controls(self)

    def _report_page(self) -> QWidget:
        page = QWidget()
        self.report_title = QLabel("")
        self.report_title.setObjectName("reportTitle")
        self.report_title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.report_title.setWordWrap(True)
        self.browser = ReportBrowser()
        self.back_button = BigButton(_s("Back to the list"))
        self.back_button.setObjectName("reportBackButton")
        self.back_button.clicked.connect(self.back_to_list)
        self.pdf_button = BigButton(_s("Save PDF…"))
        self.pdf_button.setObjectName("reportPdfButton")
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.report_status = QLabel("")
        self.report_status.setObjectName("reportStatus")
        self.report_status.setWordWrap(True)
        hint = QLabel(_s(REPORT_HINT))
        hint.setObjectName("reportHint")
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.pdf_button)
        row.addWidget(hint, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.report_title)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.report_status)
        layout.addLayout(row)
        return page

    # -- PIN ----------------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the window locked: ask the worker whether a recruiter PIN exists, then ask for it (or to choose)."""
        self.unlocked = False
        self.stack.setCurrentWidget(self.pin_page)
        self.pin_page.set_busy(True)
        self.show()
        self.raise_()
        self.activateWindow()
        self.ops.read(_unlock_info, self._asked, what="open the recruiter view",
                      failure=lambda exc: self.pin_page.show_error(
                          _s("Could not open: {reason}").format(reason=describe(exc))))

    def _asked(self, info: tuple[bool, list[str]]) -> None:
        is_set, roles = info
        self.list_page.set_roles(roles)
        self.pin_page.ask(setting=not is_set)

    def _pin_given(self, pin: str, again: str) -> None:
        refused = self._failed(self.pin_page.show_error)
        if self.pin_page.setting:
            self.ops.write(lambda db: set_recruiter_pin(db, pin, again), lambda _: self._unlock(),
                           what="save the recruiter PIN", failure=lambda exc: self.pin_page.show_error(
                               _s("PIN not saved: {reason}").format(reason=describe(exc))))
            return
        now = time.time_ns()
        self.ops.write(lambda db: check_recruiter_pin(db, pin, now), self._checked, what="check the recruiter PIN",
                       failure=refused)

    def _checked(self, result: PinCheck) -> None:
        if result.ok:
            self._unlock()
        else:
            self.pin_page.show_error(_pin_refusal(result))

    def _unlock(self) -> None:
        self.unlocked = True
        self.pin_page.ask(setting=False)  # the typed PIN leaves the fields
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.show_status(_s("Loading the completed sessions…"))
        self.list_page.focus_first()
        self.refresh()

    # -- list, report, comparison -----------------------------------------------------------------

    def _failed(self, show: Callable[[str], None]) -> Callable[[Exception], None]:
        return lambda exc: show(_s("Could not do it: {reason}").format(reason=describe(exc)))

    def refresh(self) -> None:
        """Read the completed sessions again on the worker."""
        self.ops.read(candidates, self.list_page.show_candidates, what="load the completed sessions",
                      failure=lambda exc: self.list_page.show_status(
                          _s("Could not load the completed sessions: {reason}").format(reason=describe(exc))))

    def open_report(self, session_id: str) -> None:
        """Build the selected candidate's report on the worker, then show it."""
        self.list_page.show_status(_s("Opening the report…"))
        self._build(Shown((session_id,), self.list_page.role()), "open the report",
                    _s("Could not open the report: {reason}"))

    def compare(self, session_ids: list[str]) -> None:
        """Build the comparison of the shortlisted candidates on the worker, then show it."""
        self.list_page.show_status(_s("Comparing the shortlist…"))
        self._build(Shown(tuple(session_ids), self.list_page.role(), compare=True), "compare",
                    _s("Could not compare: {reason}"))

    def _build(self, shown: Shown, what: str, refusal: str) -> None:
        """Record the read in the station's access record first (nothing shows unrecorded), then build it;
        `refusal` says a failure (with {reason})."""
        def failed(exc: Exception) -> None:
            self.list_page.show_status(refusal.format(reason=describe(exc)))

        def build(_: object) -> None:
            self.ops.read(lambda db: draw_charts(report_page(db, shown)), lambda page: self._show_page(shown, page),
                          what=what, failure=failed)

        self.ops.write(lambda db: record_read(db, shown, "comparison" if shown.compare else "report"), build,
                       what=what, failure=failed)

    def _show_page(self, shown: Shown, drawn: DrawnPage) -> None:
        if not self.unlocked:
            return  # closed meanwhile: nothing shows without the PIN
        self.shown = shown
        self.report_status.setText("")
        self.report_title.setText(drawn.page.title)
        self.browser.show_page(drawn)
        self.list_page.show_status("")
        self.stack.setCurrentWidget(self.report_page)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def ask_pdf(self) -> None:
        """Ask where to save what is shown as a PDF (to print or to send), then write it on the worker."""
        shown = self.shown
        if shown is None:
            return
        name = "comparison.pdf" if shown.compare else f"report-{self._participant(shown.session_ids[0])}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(self, _s("Save the report as PDF"),
                                                str((self.exports_dir or Path.home()) / name),
                                                _s("PDF files (*.pdf)"))
        if not chosen:
            self.report_status.setText(_s("PDF not saved."))
            return
        target = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        self.report_status.setText(_s("Saving {file}…").format(file=target))
        self.ops.write(lambda db: save_pdf(db, shown, target),
                      lambda size: self.report_status.setText(
                          _s("Saved {file} ({size} KiB).").format(file=target, size=size // 1024)),
                      what="save the PDF", failure=lambda exc: self.report_status.setText(
                          _s("Could not save the PDF: {reason}").format(reason=describe(exc))))

    def _participant(self, session_id: str) -> str:
        return next((c.participant for c in self.list_page.candidates if c.session_id == session_id), "candidate")

    def back_to_list(self) -> None:
        """From a report back to the list, the same session selected."""
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keys and closing ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.stack.currentWidget() is self.report_page:
                self.back_to_list()
            else:
                self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing locks the view: what was shown is cleared and the PIN is asked again next time."""
        self.unlocked = False
        self.shown = None
        self.browser.clear()
        self.list_page.show_candidates([])
        self.list_page.shortlist.clear()
        self.pin_page.ask(setting=False)
        super().closeEvent(event)
        self.closed.emit()

    def page(self) -> Any:
        """The page in front (for tests and the launcher)."""
        return self.stack.currentWidget()
