"""The proctor panel: sessions (resume, abandon), access codes (issue, print or save as PDF through
kiosk.ui.codes_print, every unused code with its expiry, void one), sync (kiosk.ui.screens.outbox), and the
station's technical identity and idle limits; back to the candidate screen, or close the station.

Four tabs keep it inside a 1024x768 screen; the header names the station, its id and key one click away.
"""

from __future__ import annotations

import html
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
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from i18n import LANGUAGES, N_, _s, is_rtl, ngettext_s, station_language
from kiosk.services.battery import BatteryError, resolve_battery
from kiosk.services.stationdb import IssuedCode, SessionInfo
from kiosk.ui.appearance import panel_sheet
from kiosk.ui.codes_print import CodeSheet, Layout, SheetOutput
from kiosk.ui.screens.appearance_box import AppearanceBox
from kiosk.ui.screens.flow import FlowLayout
from kiosk.ui.screens.outbox import OutboxSection
from kiosk.ui.screens.panel_parts import (
    DataExportRequest,
    IssueRequest,
    PdfRequest,
    PrintRequest,
    fill_table,
    form_label,
    panel_button,
    panel_table,
    scrolled_tab,
)
from kiosk.ui.screens.panel_text import (
    HIDDEN_PURPOSES,
    battery_name,
    codes_issued,
    isolated,
    local_time,
    minutes_text,
    reached,
    results_text,
    session_status,
    sessions_summary,
)

__all__ = ["DataExportRequest", "IssueRequest", "PdfRequest", "PrintRequest", "ProctorPanel"]

COLUMNS = (N_("started (UTC)"), N_("participant"), N_("battery"), N_("status"), N_("results"), N_("reached"))
CODE_COLUMNS = (N_("code"), N_("participant"), N_("battery"), N_("expires"))


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
        rtl = is_rtl(station_language())  # the station's language (hiremate run --language), mirrored if Arabic
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.heading = QLabel(_s("Proctor panel"))
        self.heading.setObjectName("panelHeading")  # 22 pt at 100 %, growing half as fast as the rest
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
        self.tabs.addTab(scrolled_tab(self._sessions_tab()), _s("Sessions"))
        self.tabs.addTab(scrolled_tab(self._codes_tab()), _s("Access codes"))
        self.tabs.addTab(scrolled_tab(self.outbox), _s("Sync"))
        self.tabs.addTab(scrolled_tab(self._station_tab()), _s("Station details"))
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
        self._issue_language: str | None = None
        self._station_name = ""
        self.exports_dir: Path | None = None
        self.last_output: SheetOutput | None = None

    # -- layout -----------------------------------------------------------------------------------

    def _sessions_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.table, 1)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 6)  # at large type: scrolls
        row = FlowLayout()
        self.refresh_button = panel_button(_s("Refresh"), "refreshButton")
        self.resume_button = panel_button(_s("Resume"), "resumeButton")
        self.abandon_button = panel_button(_s("Mark abandoned"), "abandonButton")
        self.all_sessions_check = QCheckBox(_s("Show simulated and practice sessions"))
        self.all_sessions_check.setObjectName("allSessionsCheck")
        self.export_format = QComboBox()
        self.export_format.setObjectName("exportFormat")
        self.export_format.addItems(["csv", "tsv", "bids", "jsonl"])
        self.export_format.setAccessibleName(_s("Data export format"))
        self.export_button = panel_button(_s("Export data…"), "exportDataButton")
        self.export_button.clicked.connect(self._export_data)
        for widget in (self.resume_button, self.abandon_button, self.refresh_button, self.export_format,
                       self.export_button):
            row.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.all_sessions_check, 0, Qt.AlignmentFlag.AlignLeft)  # own row: room for larger type
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.resume_button.clicked.connect(lambda: self._selected_interrupted(self.resume_requested))
        self.abandon_button.clicked.connect(lambda: self._selected_interrupted(self.abandon_requested))
        self.all_sessions_check.toggled.connect(lambda _: self.show_sessions(self._sessions, self._reasons))
        return tab

    def _codes_tab(self) -> QWidget:
        tab = QWidget()
        layout = FlowLayout(tab, spacing=12, fill=True)  # side by side, or the list under the form at large type
        layout.addWidget(self._issue_box())
        unused = QGroupBox(_s("Unused codes"))
        column = QVBoxLayout(unused)
        column.addWidget(self.codes_table, 1)
        self.void_button = panel_button(_s("Void the selected code…"), "voidButton")
        self.void_question = QLabel("")
        self.void_question.setObjectName("voidQuestion")
        self.void_question.setWordWrap(True)
        self.void_cancel = panel_button(_s("Keep it"), "voidCancelButton")
        self.void_confirm = panel_button(_s("Void it"), "voidConfirmButton")
        confirm = FlowLayout()
        for widget in (self.void_button, self.void_cancel, self.void_confirm):
            confirm.addWidget(widget)
        column.addWidget(self.void_question)
        column.addLayout(confirm)
        self._ask_void(None)
        self.void_button.clicked.connect(self._void_selected)
        self.void_cancel.clicked.connect(lambda: self._ask_void(None))
        self.void_confirm.clicked.connect(self._void_confirmed)
        layout.addWidget(unused)
        return tab

    def _issue_box(self) -> QGroupBox:
        box = QGroupBox(_s("Issue one-time access codes"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a field under its label when too wide
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("countSpin")
        self.count_spin.setRange(1, 500)
        self.battery_combo = QComboBox()
        self.battery_combo.setObjectName("batteryCombo")
        self.battery_minutes = QLabel("")
        self.battery_minutes.setObjectName("batteryMinutes")
        self.battery_minutes.setWordWrap(True)
        self.battery_minutes.setContentsMargins(12, 0, 12, 0)  # Qt wraps some right-to-left lines a few px too wide
        self.battery_combo.currentTextChanged.connect(self._show_minutes)
        self.expires_input = QLineEdit("24h")
        self.expires_input.setObjectName("expiresInput")
        self.prefix_input = QLineEdit("P")
        self.prefix_input.setObjectName("prefixInput")
        self.name_input = QLineEdit()
        self.name_input.setPlaceholderText(_s("optional"))
        self.name_input.setToolTip(_s("Only when issuing one code; stored on this station only, apart from the log"))
        self.email_input = QLineEdit()
        self.email_input.setPlaceholderText(_s("optional"))
        self.accommodations_input = QLineEdit()
        self.accommodations_input.setObjectName("accommodationsInput")
        self.accommodations_input.setPlaceholderText(_s("none, or e.g. {example}").format(
            example="extended_time=1.5 breaks"))
        self.accommodations_input.setToolTip(_s("{names} (docs/ACCOMMODATIONS.md)").format(
            names="extended_time=1.5, type_scale=1.5, high_contrast, breaks"))
        self.language_combo = QComboBox()  # the candidate's language (None: the station's; they can still switch)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(_s("The station's language"), None)
        for tag, name in LANGUAGES.items():
            self.language_combo.addItem(f"{name} ({tag})", tag)
        self.issue_button = panel_button(_s("Issue codes"), "issueButton")
        self.issued_text = QPlainTextEdit()
        self.issued_text.setObjectName("issuedText")
        self.issued_text.setReadOnly(True)
        self.issued_text.setTabChangesFocus(True)
        self.issued_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        for label, widget in ((N_("How many"), self.count_spin), (N_("Battery"), self.battery_combo),
                              (N_("Expected duration"), self.battery_minutes),
                              (N_("Expires in (48h, 7d, date)"), self.expires_input),
                              (N_("Pseudonym prefix"), self.prefix_input), (N_("Language"), self.language_combo),
                              (N_("Name"), self.name_input), (N_("Email"), self.email_input),
                              (N_("Accommodations"), self.accommodations_input)):
            form.addRow(form_label(_s(label), widget), widget)
        form.addRow(self.issue_button)
        form.addRow(self.issued_text)
        form.addRow(self._print_row())
        self.issue_button.clicked.connect(self._issue)
        return box

    def _print_row(self) -> FlowLayout:
        row = FlowLayout()
        self.slips_check = QCheckBox(_s("Cut-apart slips"))
        self.slips_check.setObjectName("slipsCheck")
        self.slips_check.setToolTip(_s("One slip per participant instead of a list"))
        self.print_button = panel_button(_s("Print…"), "printButton")
        self.pdf_button = panel_button(_s("Save PDF…"), "pdfButton")
        for widget in (self.print_button, self.pdf_button):
            widget.setEnabled(False)
            widget.setToolTip(_s("Issue codes first"))
            row.addWidget(widget)
        row.addWidget(self.slips_check)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._save_pdf)
        return row

    def _station_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.identity)
        limits = FlowLayout()
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleSpin")
        self.idle_spin.setRange(5, 3600)
        self.pause_spin = QSpinBox()
        self.pause_spin.setObjectName("pauseSpin")
        self.pause_spin.setRange(10, 7200)
        self.limits_button = panel_button(_s("Save idle limits"), "limitsButton")
        for widget in (form_label(_s("Idle after (s)"), self.idle_spin), self.idle_spin,
                       form_label(_s("Pause after (s)"), self.pause_spin), self.pause_spin, self.limits_button):
            limits.addWidget(widget)
        layout.addLayout(limits)
        self.appearance_box = AppearanceBox()
        layout.addWidget(self.appearance_box)
        layout.addStretch(1)
        self.limits_button.clicked.connect(
            lambda: self.limits_changed.emit(self.idle_spin.value(), self.pause_spin.value()))
        return tab

    def _bottom_row(self) -> FlowLayout:
        row = FlowLayout()
        self.back_button = panel_button(_s("Back to the candidate screen"), "backButton")
        self.exit_button = panel_button(_s("Close the station…"), "exitButton")
        self.recruiter_button = panel_button(_s("Recruiter view…"), "recruiterButton")
        for widget in (self.back_button, self.recruiter_button, self.exit_button):
            row.addWidget(widget)
        self.recruiter_button.clicked.connect(self.recruiter_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.exit_button.clicked.connect(self.exit_requested)
        return row

    # -- filling in -------------------------------------------------------------------------------

    def show_identity(self, name: str, station_id: str, fingerprint: str | None, data_dir: str) -> None:
        """The station's name in the header; its id, key fingerprint and data folder on the Station details tab."""
        finger = html.escape(fingerprint) if fingerprint else _s("no signing key yet (run {command})").format(
            command="<code>hiremate init</code>")
        self._station_name = name
        self.exports_dir = Path(data_dir) / "exports"
        self.heading.setText(_s("Proctor panel · station {name}").format(name=name))
        self.identity.setText("<br>".join((
            _s("Station name: {name}").format(name=f"<b>{html.escape(name)}</b>"),
            _s("Station id: {id}").format(id=isolated(html.escape(station_id))),
            _s("Signing key fingerprint: {fingerprint}").format(fingerprint=isolated(finger)),
            _s("Data folder: {folder}").format(folder=isolated(html.escape(data_dir))))))

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
             session_status(info), results_text(info, self._reasons.get(info.session_id)), reached(info))
            for info in shown])
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
             _s("expired {time}").format(time=local_time(c.expires_utc))
             if datetime.fromisoformat(c.expires_utc) <= now else local_time(c.expires_utc))
            for c in self._unused])
        self._ask_void(None)

    def show_issued(self, codes: list[IssuedCode], saved_to: str) -> None:
        """List the codes just issued and where the printable list was saved."""
        lines = [_s("{code}  {participant}  until {time}").format(code=c.shown, participant=c.participant,
                                                                   time=local_time(c.expires_utc)) for c in codes]
        self.issued_text.setPlainText("\n".join(lines))
        self._issued = tuple(codes)
        for widget in (self.print_button, self.pdf_button):
            widget.setEnabled(bool(codes))
            widget.setToolTip(ngettext_s("{count} code just issued", "{count} codes just issued", len(codes))
                              .format(count=len(codes)))
        self.show_status(_s("{issued}; printable list saved to {path}. Print them or save a PDF.").format(
            issued=codes_issued(len(codes)), path=isolated(saved_to)))

    def show_printed(self, output: SheetOutput) -> None:
        """Say where the sheet went (a printer or a PDF file) and how many pages it took."""
        self.last_output = output
        if output.target.lower().endswith(".pdf"):
            said = ngettext_s("Saved {count} page to {target}.", "Saved {count} pages to {target}.", output.pages)
        else:
            said = ngettext_s("Sent {count} page to {target}.", "Sent {count} pages to {target}.", output.pages)
        self.show_status(said.format(count=output.pages, target=isolated(output.target)))

    def show_status(self, text: str) -> None:
        """A one-line status or error."""
        self.status.setText(text)

    # -- actions ----------------------------------------------------------------------------------

    def _show_minutes(self, name: str) -> None:
        """The chosen battery's expected duration, total and per game (read from its small asset file)."""
        try:
            battery = resolve_battery(name) if name else None
            self.battery_minutes.setText(minutes_text(battery.minutes, [(g.game, g.minutes) for g in battery.games])
                                         if battery else "")
        except BatteryError as exc:
            self.battery_minutes.setText(str(exc).split(": ")[-1])

    def _issue(self) -> None:
        self._issue_language = self.language_combo.currentData()  # the sheet's instructions for the candidate
        self.issue_requested.emit(IssueRequest(
            self.count_spin.value(), self.battery_combo.currentText(), self.expires_input.text(),
            self.prefix_input.text().strip() or "P", self.name_input.text().strip(), self.email_input.text().strip(),
            self.accommodations_input.text().strip(), self.language_combo.currentData()))

    def _ask_void(self, code: IssuedCode | None) -> None:
        """Ask before voiding (code given), or put the question away (None)."""
        self._voiding = code
        self.void_question.setText(_s("Void the code of {participant}? It will open nothing from now on.").format(
            participant=code.participant) if code else "")
        self.void_question.setVisible(code is not None)
        self.void_button.setVisible(code is None)
        self.void_cancel.setVisible(code is not None)
        self.void_confirm.setVisible(code is not None)
        if code is not None:
            self.void_cancel.setFocus()

    def _void_selected(self) -> None:
        rows = sorted({index.row() for index in self.codes_table.selectionModel().selectedRows()})
        if not rows or rows[0] >= len(self._unused):
            self.show_status(_s("Select an unused code first."))
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
        return CodeSheet(self._station_name, self._issued, layout, language=self._issue_language)

    def _default_pdf_path(self) -> str:
        stamp = datetime.fromisoformat(self._issued[0].created_utc).strftime("%Y%m%dT%H%M%S")
        folder = self.exports_dir or Path.home()
        return str(folder / f"codes-{stamp}.pdf")

    def _save_pdf(self) -> None:
        if not self._issued:
            return
        chosen, _filter = QFileDialog.getSaveFileName(self, _s("Save the access codes as PDF"),
                                                      self._default_pdf_path(),
                                                      _s("PDF files ({pattern})").format(pattern="*.pdf"))
        if not chosen:
            self.show_status(_s("PDF not saved."))
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        self.show_status(_s("Saving {path}…").format(path=isolated(path)))
        self.pdf_requested.emit(PdfRequest(self._sheet(), path))

    def _export_data(self) -> None:
        """Ask for a folder (a USB stick), then hand the export to the worker; it writes a new folder inside."""
        chosen = QFileDialog.getExistingDirectory(self, _s("Export researcher data into a folder"),
                                                  str(self.exports_dir or Path.home()))
        if not chosen:
            self.show_status(_s("Data not exported."))
            return
        fmt = self.export_format.currentText()
        self.show_status(_s("Exporting data as {format} to {folder}…").format(format=fmt, folder=isolated(chosen)))
        self.data_export_requested.emit(DataExportRequest(Path(chosen), fmt))

    def _print(self) -> None:
        if not self._issued:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        sheet = self._sheet()
        printer.setDocName(sheet.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_s("Print the access codes"))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            self.show_status(_s("Printing cancelled."))
            return
        self.show_status(_s("Printing…"))
        self.print_requested.emit(PrintRequest(sheet, printer))

    def _selected_interrupted(self, signal: SignalInstance) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        chosen = [self._shown[r] for r in sorted(rows) if r < len(self._shown)]
        if not chosen or chosen[0].status != "interrupted":
            self.show_status(_s("Select an interrupted session first."))
            return
        signal.emit(chosen[0].session_id)

    def focus_first(self) -> None:
        """The sessions table (an interrupted session is selected there), on the Sessions tab."""
        self.tabs.setCurrentIndex(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
