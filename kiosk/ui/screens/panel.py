"""The proctor panel: sessions (resume, abandon), access codes (issue, print or save as PDF through
kiosk.ui.codes_print, every unused code with its expiry, void one), sync (kiosk.ui.screens.outbox), and the
station's technical identity and idle limits; back to the candidate screen, or close the station.

Four tabs keep it inside a 1024x768 screen; the header names the station, its id and key one click away.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from i18n import LANGUAGES
from kiosk.services.battery import BatteryError, resolve_battery
from kiosk.services.stationdb import IssuedCode, SessionInfo
from kiosk.ui.appearance import panel_sheet
from kiosk.ui.codes_print import CodeSheet, Layout, SheetOutput
from kiosk.ui.screens.appearance_box import AppearanceBox
from kiosk.ui.screens.outbox import OutboxSection
from kiosk.ui.screens.panel_parts import (
    DataExportRequest,
    IssueRequest,
    PdfRequest,
    PrintRequest,
    fill_table,
    panel_button,
    panel_table,
    scrolled_tab,
)
from kiosk.ui.screens.panel_text import (
    HIDDEN_PURPOSES,
    battery_name,
    codes_issued,
    local_time,
    plural,
    reached,
    results_text,
    sessions_summary,
)

__all__ = ["DataExportRequest", "IssueRequest", "PdfRequest", "PrintRequest", "ProctorPanel"]

COLUMNS = ("started (UTC)", "participant", "battery", "status", "results", "reached")
CODE_COLUMNS = ("code", "participant", "battery", "expires")


class ProctorPanel(QWidget):
    """Everything a proctor does at the station; all data comes and goes through signals."""

    issue_requested = Signal(object)
    print_requested = Signal(object)  # PrintRequest
    pdf_requested = Signal(object)  # PdfRequest
    refresh_requested = Signal()
    resume_requested = Signal(str)
    abandon_requested = Signal(str)
    void_requested = Signal(str)  # the pseudonym whose unused code is voided
    data_export_requested = Signal(object)  # DataExportRequest
    limits_changed = Signal(int, int)
    back_requested = Signal()
    recruiter_requested = Signal()  # "Recruiter view…": kiosk.ui.recruiter.launch opens it
    exit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proctorPanel")
        self.setStyleSheet(panel_sheet())  # the station window adds its pages' sheet (kiosk.ui.station_frame)
        self.heading = QLabel("Proctor panel")
        self.heading.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.identity = QLabel("")
        self.identity.setObjectName("identityDetails")
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel("")
        self.status.setObjectName("panelStatus")
        self.status.setProperty("role", "small")
        self.status.setWordWrap(True)
        self.table = panel_table("sessionsTable", COLUMNS)
        self.codes_table = panel_table("unusedCodesTable", CODE_COLUMNS)
        self.outbox = OutboxSection()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("panelTabs")
        self.tabs.addTab(self._sessions_tab(), "Sessions")
        self.tabs.addTab(scrolled_tab(self._codes_tab()), "Access codes")
        self.tabs.addTab(self.outbox, "Sync")
        self.tabs.addTab(scrolled_tab(self._station_tab()), "Station details")
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 8, 12, 8)
        root.addWidget(self.heading)
        root.addWidget(self.tabs, 1)
        root.addWidget(self.status)
        root.addLayout(self._bottom_row())
        self._sessions: list[SessionInfo] = []
        self._reasons: dict[str, str] = {}
        self._shown: list[SessionInfo] = []
        self._unused: list[IssuedCode] = []
        self._issued: tuple[IssuedCode, ...] = ()
        self._station_name = ""
        self.exports_dir: Path | None = None
        self.last_output: SheetOutput | None = None

    # -- layout -----------------------------------------------------------------------------------

    def _sessions_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.refresh_button = panel_button("Refresh", "refreshButton")
        self.resume_button = panel_button("Resume", "resumeButton")
        self.abandon_button = panel_button("Mark abandoned", "abandonButton")
        self.all_sessions_check = QCheckBox("Show simulated and practice sessions")
        self.all_sessions_check.setObjectName("allSessionsCheck")
        self.export_format = QComboBox()
        self.export_format.setObjectName("exportFormat")
        self.export_format.addItems(["csv", "tsv", "bids", "jsonl"])
        self.export_format.setAccessibleName("Data export format")
        self.export_button = panel_button("Export data…", "exportDataButton")
        self.export_button.clicked.connect(self._export_data)
        for widget in (self.resume_button, self.abandon_button, self.refresh_button, self.export_format,
                       self.export_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.all_sessions_check, 0, Qt.AlignmentFlag.AlignLeft)  # own row: room for larger type
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.resume_button.clicked.connect(lambda: self._selected_interrupted(self.resume_requested))
        self.abandon_button.clicked.connect(lambda: self._selected_interrupted(self.abandon_requested))
        self.all_sessions_check.toggled.connect(lambda _: self.show_sessions(self._sessions, self._reasons))
        return tab

    def _codes_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.addWidget(self._issue_box(), 1)
        unused = QGroupBox("Unused codes")
        column = QVBoxLayout(unused)
        column.addWidget(self.codes_table, 1)
        self.void_button = panel_button("Void the selected code…", "voidButton")
        self.void_question = QLabel("")
        self.void_question.setObjectName("voidQuestion")
        self.void_question.setWordWrap(True)
        self.void_cancel = panel_button("Keep it", "voidCancelButton")
        self.void_confirm = panel_button("Void it", "voidConfirmButton")
        confirm = QHBoxLayout()
        for widget in (self.void_button, self.void_cancel, self.void_confirm):
            confirm.addWidget(widget)
        confirm.addStretch(1)
        column.addWidget(self.void_question)
        column.addLayout(confirm)
        self._ask_void(None)
        self.void_button.clicked.connect(self._void_selected)
        self.void_cancel.clicked.connect(lambda: self._ask_void(None))
        self.void_confirm.clicked.connect(self._void_confirmed)
        layout.addWidget(unused, 1)
        return tab

    def _issue_box(self) -> QGroupBox:
        box = QGroupBox("Issue one-time access codes")
        form = QFormLayout(box)
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("countSpin")
        self.count_spin.setRange(1, 500)
        self.battery_combo = QComboBox()
        self.battery_combo.setObjectName("batteryCombo")
        self.battery_minutes = QLabel("")
        self.battery_minutes.setObjectName("batteryMinutes")
        self.battery_minutes.setWordWrap(True)
        self.battery_combo.currentTextChanged.connect(self._show_minutes)
        self.expires_input = QLineEdit("24h")
        self.expires_input.setObjectName("expiresInput")
        self.prefix_input = QLineEdit("P")
        self.prefix_input.setObjectName("prefixInput")
        self.name_input = QLineEdit()
        self.name_input.setPlaceholderText("optional")
        self.name_input.setToolTip("Only when issuing one code; stored on this station only, apart from the log")
        self.email_input = QLineEdit()
        self.email_input.setPlaceholderText("optional")
        self.accommodations_input = QLineEdit()
        self.accommodations_input.setObjectName("accommodationsInput")
        self.accommodations_input.setPlaceholderText("none, or e.g. extended_time=1.5 breaks")
        self.accommodations_input.setToolTip("extended_time=1.5, type_scale=1.5, high_contrast, breaks "
                                             "(docs/ACCOMMODATIONS.md)")
        self.language_combo = QComboBox()  # the candidate's language (None: the station's; they can still switch)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem("The station's language", None)
        for tag, name in LANGUAGES.items():
            self.language_combo.addItem(f"{name} ({tag})", tag)
        self.issue_button = panel_button("Issue codes", "issueButton")
        self.issued_text = QPlainTextEdit()
        self.issued_text.setObjectName("issuedText")
        self.issued_text.setReadOnly(True)
        self.issued_text.setTabChangesFocus(True)
        self.issued_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        for label, widget in (("How many", self.count_spin), ("Battery", self.battery_combo),
                              ("Expected duration", self.battery_minutes),
                              ("Expires in (48h, 7d, date)", self.expires_input),
                              ("Pseudonym prefix", self.prefix_input), ("Language", self.language_combo),
                              ("Name", self.name_input), ("Email", self.email_input),
                              ("Accommodations", self.accommodations_input)):
            form.addRow(label, widget)
        form.addRow(self.issue_button)
        form.addRow(self.issued_text)
        form.addRow(self._print_row())
        self.issue_button.clicked.connect(self._issue)
        return box

    def _print_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.slips_check = QCheckBox("Cut-apart slips")
        self.slips_check.setObjectName("slipsCheck")
        self.slips_check.setToolTip("One slip per participant instead of a list")
        self.print_button = panel_button("Print…", "printButton")
        self.pdf_button = panel_button("Save PDF…", "pdfButton")
        for widget in (self.print_button, self.pdf_button):
            widget.setEnabled(False)
            widget.setToolTip("Issue codes first")
            row.addWidget(widget)
        row.addWidget(self.slips_check)
        row.addStretch(1)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._save_pdf)
        return row

    def _station_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.identity)
        limits = QHBoxLayout()
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleSpin")
        self.idle_spin.setRange(5, 3600)
        self.pause_spin = QSpinBox()
        self.pause_spin.setObjectName("pauseSpin")
        self.pause_spin.setRange(10, 7200)
        self.limits_button = panel_button("Save idle limits", "limitsButton")
        for widget in (QLabel("Idle after (s)"), self.idle_spin, QLabel("Pause after (s)"), self.pause_spin,
                       self.limits_button):
            limits.addWidget(widget)
        limits.addStretch(1)
        layout.addLayout(limits)
        self.appearance_box = AppearanceBox()
        layout.addWidget(self.appearance_box)
        layout.addStretch(1)
        self.limits_button.clicked.connect(
            lambda: self.limits_changed.emit(self.idle_spin.value(), self.pause_spin.value()))
        return tab

    def _bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = panel_button("Back to the candidate screen", "backButton")
        self.exit_button = panel_button("Close the station…", "exitButton")
        self.recruiter_button = panel_button("Recruiter view…", "recruiterButton")
        row.addWidget(self.back_button)
        row.addWidget(self.recruiter_button)
        row.addStretch(1)
        self.recruiter_button.clicked.connect(self.recruiter_requested)
        row.addWidget(self.exit_button)
        self.back_button.clicked.connect(self.back_requested)
        self.exit_button.clicked.connect(self.exit_requested)
        return row

    # -- filling in -------------------------------------------------------------------------------

    def show_identity(self, name: str, station_id: str, fingerprint: str | None, data_dir: str) -> None:
        """The station's name in the header; its id, key fingerprint and data folder on the Station details tab."""
        finger = fingerprint or "no signing key yet (run `hiremate init`)"
        self._station_name = name
        self.exports_dir = Path(data_dir) / "exports"
        self.heading.setText(f"Proctor panel · station {name}")
        self.identity.setText(f"Station name: <b>{name}</b><br>Station id: {station_id}<br>"
                              f"Signing key fingerprint: {finger}<br>Data folder: {data_dir}")

    def set_batteries(self, names: list[str]) -> None:
        """The batteries codes may be bound to."""
        self.battery_combo.clear()
        self.battery_combo.addItems(names)

    def set_limits(self, idle_s: int, pause_s: int) -> None:
        """Show the idle and pause limits in force."""
        self.idle_spin.setValue(idle_s)
        self.pause_spin.setValue(pause_s)

    def show_sessions(self, sessions: list[SessionInfo], reasons: dict[str, str] | None = None) -> None:
        """Fill the sessions table, newest first; simulated and practice sessions only when asked for; `reasons`
        says why a session's scoring or queueing failed (by session id), when the station saw it fail."""
        self._sessions = sessions
        self._reasons = dict(reasons or {})
        everything = self.all_sessions_check.isChecked()
        shown = [s for s in sessions if everything or s.purpose not in HIDDEN_PURPOSES]
        self._shown = shown
        fill_table(self.table, [
            (info.started_utc[5:16].replace("T", " "), info.participant, battery_name(info.battery),
             info.status if info.purpose == "assessment" else f"{info.status} ({info.purpose})",
             results_text(info, self._reasons.get(info.session_id)), reached(info)) for info in shown])
        for row, info in enumerate(shown):
            if info.status == "interrupted":
                self.table.selectRow(row)
                break
        self.show_status(sessions_summary(sessions, shown))

    def show_unused_codes(self, codes: list[IssuedCode]) -> None:
        """List every code not used yet, soonest expiry first, with when it expires (expired ones say so)."""
        self._unused = sorted(codes, key=lambda c: c.expires_utc)
        now = datetime.now().astimezone()
        fill_table(self.codes_table, [
            (c.shown, c.participant, battery_name(c.battery),
             ("expired " if datetime.fromisoformat(c.expires_utc) <= now else "") + local_time(c.expires_utc))
            for c in self._unused])
        self._ask_void(None)

    def show_issued(self, codes: list[IssuedCode], saved_to: str) -> None:
        """List the codes just issued and where the printable list was saved."""
        lines = [f"{c.shown}  {c.participant}  until {local_time(c.expires_utc)}" for c in codes]
        self.issued_text.setPlainText("\n".join(lines))
        self._issued = tuple(codes)
        for widget in (self.print_button, self.pdf_button):
            widget.setEnabled(bool(codes))
            widget.setToolTip(f"The {plural(len(codes), 'code')} just issued")
        self.show_status(f"{codes_issued(len(codes))}; printable list saved to {saved_to}. "
                         "Print them or save a PDF.")

    def show_printed(self, output: SheetOutput) -> None:
        """Say where the sheet went (a printer or a PDF file) and how many pages it took."""
        self.last_output = output
        pages = f"{output.pages} page{'s' if output.pages != 1 else ''}"
        verb = "Saved" if output.target.lower().endswith(".pdf") else "Sent"
        self.show_status(f"{verb} {pages} to {output.target}.")

    def show_status(self, text: str) -> None:
        """A one-line status or error."""
        self.status.setText(text)

    # -- actions ----------------------------------------------------------------------------------

    def _show_minutes(self, name: str) -> None:
        """The chosen battery's expected duration, total and per game (read from its small asset file)."""
        try:
            self.battery_minutes.setText(resolve_battery(name).minutes_text() if name else "")
        except BatteryError as exc:
            self.battery_minutes.setText(str(exc).split(": ")[-1])

    def _issue(self) -> None:
        self.issue_requested.emit(IssueRequest(
            self.count_spin.value(), self.battery_combo.currentText(), self.expires_input.text(),
            self.prefix_input.text().strip() or "P", self.name_input.text().strip(), self.email_input.text().strip(),
            self.accommodations_input.text().strip(), self.language_combo.currentData()))

    def _ask_void(self, code: IssuedCode | None) -> None:
        """Ask before voiding (code given), or put the question away (None)."""
        self._voiding = code
        self.void_question.setText(f"Void the code of {code.participant}? It will open nothing from now on."
                                   if code else "")
        self.void_question.setVisible(code is not None)
        self.void_button.setVisible(code is None)
        self.void_cancel.setVisible(code is not None)
        self.void_confirm.setVisible(code is not None)
        if code is not None:
            self.void_cancel.setFocus()

    def _void_selected(self) -> None:
        rows = sorted({index.row() for index in self.codes_table.selectionModel().selectedRows()})
        if not rows or rows[0] >= len(self._unused):
            self.show_status("Select an unused code first.")
            return
        self._ask_void(self._unused[rows[0]])

    def _void_confirmed(self) -> None:
        code = self._voiding
        self._ask_void(None)
        if code is not None:
            self.void_requested.emit(code.participant)
            self.void_button.setFocus()

    def _sheet(self) -> CodeSheet:
        layout = Layout.SLIPS if self.slips_check.isChecked() else Layout.LIST
        return CodeSheet(self._station_name, self._issued, layout)

    def _default_pdf_path(self) -> str:
        stamp = datetime.fromisoformat(self._issued[0].created_utc).strftime("%Y%m%dT%H%M%S")
        folder = self.exports_dir or Path.home()
        return str(folder / f"codes-{stamp}.pdf")

    def _save_pdf(self) -> None:
        if not self._issued:
            return
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the access codes as PDF", self._default_pdf_path(),
                                                "PDF files (*.pdf)")
        if not chosen:
            self.show_status("PDF not saved.")
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        self.show_status(f"Saving {path}…")
        self.pdf_requested.emit(PdfRequest(self._sheet(), path))

    def _export_data(self) -> None:
        """Ask for a folder (a USB stick), then hand the export to the worker; it writes a new folder inside."""
        chosen = QFileDialog.getExistingDirectory(self, "Export researcher data into a folder",
                                                  str(self.exports_dir or Path.home()))
        if not chosen:
            self.show_status("Data not exported.")
            return
        fmt = self.export_format.currentText()
        self.show_status(f"Exporting data as {fmt} to {chosen}…")
        self.data_export_requested.emit(DataExportRequest(Path(chosen), fmt))

    def _print(self) -> None:
        if not self._issued:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        sheet = self._sheet()
        printer.setDocName(sheet.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the access codes")
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            self.show_status("Printing cancelled.")
            return
        self.show_status("Printing…")
        self.print_requested.emit(PrintRequest(sheet, printer))

    def _selected_interrupted(self, signal: SignalInstance) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        chosen = [self._shown[r] for r in sorted(rows) if r < len(self._shown)]
        if not chosen or chosen[0].status != "interrupted":
            self.show_status("Select an interrupted session first.")
            return
        signal.emit(chosen[0].session_id)

    def focus_first(self) -> None:
        """The sessions table (an interrupted session is selected there), on the Sessions tab."""
        self.tabs.setCurrentIndex(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
