"""The proctor panel: station identity, issuing one-time codes (printed or saved as PDF through
kiosk.ui.codes_print), the sessions list, resume, idle limits, sync (kiosk.ui.screens.outbox), exit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.battery import BatteryError, resolve_battery
from kiosk.services.stationdb import IssuedCode, SessionInfo
from kiosk.ui.codes_print import CodeSheet, Layout, SheetOutput
from kiosk.ui.screens.outbox import OutboxSection

__all__ = ["IssueRequest", "PdfRequest", "PrintRequest", "ProctorPanel"]

PANEL_STYLE = """
QWidget#proctorPanel QLabel, QWidget#proctorPanel QGroupBox, QWidget#proctorPanel QLineEdit,
QWidget#proctorPanel QComboBox, QWidget#proctorPanel QSpinBox, QWidget#proctorPanel QTableWidget,
QWidget#proctorPanel QPlainTextEdit, QWidget#proctorPanel QCheckBox { font-size: 13pt; }
QWidget#proctorPanel QPushButton { font-size: 13pt; padding: 6px 12px; min-width: 70px; }
QWidget#proctorPanel QLineEdit { padding: 4px; border-width: 1px; }
QWidget#proctorPanel QGroupBox { font-weight: 600; }
"""
COLUMNS = ("started (UTC)", "participant", "battery", "purpose", "status", "events", "reached")
STRETCH_COLUMN = len(COLUMNS) - 1


@dataclass(frozen=True)
class IssueRequest:
    """What the proctor asked for when issuing codes."""

    count: int
    battery: str
    expires: str
    prefix: str
    name: str
    email: str


@dataclass(frozen=True)
class PdfRequest:
    """Save the sheet of the codes just issued as a PDF at path."""

    sheet: CodeSheet
    path: Path


@dataclass(frozen=True)
class PrintRequest:
    """Print the sheet of the codes just issued on the printer the proctor set up in the print dialog."""

    sheet: CodeSheet
    printer: QPrinter


def _small_button(text: str, name: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    return widget


class ProctorPanel(QWidget):
    """Everything a proctor does at the station; all data comes and goes through signals."""

    issue_requested = Signal(object)
    print_requested = Signal(object)  # PrintRequest
    pdf_requested = Signal(object)  # PdfRequest
    refresh_requested = Signal()
    resume_requested = Signal(str)
    abandon_requested = Signal(str)
    limits_changed = Signal(int, int)
    back_requested = Signal()
    exit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proctorPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.identity = QLabel("")
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel("")
        self.status.setProperty("role", "small")
        self.table = self._make_table()
        self.outbox = OutboxSection()
        root = QVBoxLayout(self)
        root.addWidget(self._heading())
        root.addWidget(self.identity)
        middle = QHBoxLayout()
        middle.addWidget(self._codes_box(), 2)
        right = QVBoxLayout()
        right.addWidget(self._sessions_box(), 3)
        right.addWidget(self.outbox, 2)
        middle.addLayout(right, 3)
        root.addLayout(middle, 1)
        root.addWidget(self.status)
        root.addLayout(self._bottom_row())
        self._sessions: list[SessionInfo] = []
        self._issued: tuple[IssuedCode, ...] = ()
        self._station_name = ""
        self.exports_dir: Path | None = None
        self.last_output: SheetOutput | None = None

    def _heading(self) -> QLabel:
        label = QLabel("Proctor panel")
        label.setStyleSheet("font-size: 24pt; font-weight: 600;")
        return label

    def _codes_box(self) -> QGroupBox:
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
        self.issue_button = _small_button("Issue codes", "issueButton")
        self.issued_text = QPlainTextEdit()
        self.issued_text.setObjectName("issuedText")
        self.issued_text.setReadOnly(True)
        self.issued_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        for label, widget in (("How many", self.count_spin), ("Battery", self.battery_combo),
                              ("Expected duration", self.battery_minutes),
                              ("Expires in (48h, 7d, date)", self.expires_input),
                              ("Pseudonym prefix", self.prefix_input), ("Name", self.name_input),
                              ("Email", self.email_input)):
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
        self.print_button = _small_button("Print…", "printButton")
        self.pdf_button = _small_button("Save PDF…", "pdfButton")
        for widget in (self.print_button, self.pdf_button):
            widget.setEnabled(False)
            widget.setToolTip("Issue codes first")
            row.addWidget(widget)
        row.addWidget(self.slips_check)
        row.addStretch(1)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._save_pdf)
        return row

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setObjectName("sessionsTable")
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(STRETCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        return table

    def _sessions_box(self) -> QGroupBox:
        box = QGroupBox("Sessions")
        layout = QVBoxLayout(box)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.refresh_button = _small_button("Refresh", "refreshButton")
        self.resume_button = _small_button("Resume", "resumeButton")
        self.abandon_button = _small_button("Mark abandoned", "abandonButton")
        for widget in (self.refresh_button, self.resume_button, self.abandon_button):
            row.addWidget(widget)
        layout.addLayout(row)
        limits = QHBoxLayout()
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleSpin")
        self.idle_spin.setRange(5, 3600)
        self.pause_spin = QSpinBox()
        self.pause_spin.setObjectName("pauseSpin")
        self.pause_spin.setRange(10, 7200)
        self.limits_button = _small_button("Save idle limits", "limitsButton")
        parts: tuple[QWidget, ...] = (QLabel("Idle after (s)"), self.idle_spin, QLabel("Pause after (s)"),
                                      self.pause_spin, self.limits_button)
        for part in parts:
            limits.addWidget(part)
        layout.addLayout(limits)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.resume_button.clicked.connect(lambda: self._selected_interrupted(self.resume_requested))
        self.abandon_button.clicked.connect(lambda: self._selected_interrupted(self.abandon_requested))
        self.limits_button.clicked.connect(
            lambda: self.limits_changed.emit(self.idle_spin.value(), self.pause_spin.value()))
        return box

    def _bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = _small_button("Back to the candidate screen", "backButton")
        self.exit_button = _small_button("Exit the station", "exitButton")
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.exit_button)
        self.back_button.clicked.connect(self.back_requested)
        self.exit_button.clicked.connect(self.exit_requested)
        return row

    # -- filling in -------------------------------------------------------------------------------

    def show_identity(self, name: str, station_id: str, fingerprint: str | None, data_dir: str) -> None:
        """Station name, id, signing-key fingerprint (when the sync identity exists) and data directory."""
        finger = fingerprint or "no signing key yet (run `hiremate init`)"
        self._station_name = name
        self.exports_dir = Path(data_dir) / "exports"
        self.identity.setText(f"Station <b>{name}</b> · id {station_id}<br>key fingerprint {finger}<br>"
                              f"data {data_dir}")

    def set_batteries(self, names: list[str]) -> None:
        """The batteries codes may be bound to."""
        self.battery_combo.clear()
        self.battery_combo.addItems(names)

    def set_limits(self, idle_s: int, pause_s: int) -> None:
        """Show the idle and pause limits in force."""
        self.idle_spin.setValue(idle_s)
        self.pause_spin.setValue(pause_s)

    def show_sessions(self, sessions: list[SessionInfo]) -> None:
        """Fill the sessions table, newest first."""
        self._sessions = sessions
        self.table.setRowCount(len(sessions))
        for row, info in enumerate(sessions):
            reached = f"{info.game_index + 1}: {info.game} #{info.trial if info.trial is not None else '-'}" \
                if info.game_index is not None and info.game else ""
            cells = (info.started_utc[5:16].replace("T", " "), info.participant, info.battery or "", info.purpose,
                     info.status, str(info.events), reached)
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        interrupted = sum(1 for s in sessions if s.status == "interrupted")
        if interrupted:
            for row, info in enumerate(sessions):
                if info.status == "interrupted":
                    self.table.selectRow(row)
                    break
        self.show_status(f"{len(sessions)} sessions, {interrupted} interrupted.")

    def show_issued(self, codes: list[IssuedCode], saved_to: str) -> None:
        """List the codes just issued and where the printable list was saved."""
        lines = [f"{c.shown}  {c.participant}  until {c.expires_utc[5:16].replace('T', ' ')}"
                 for c in codes]
        self.issued_text.setPlainText("\n".join(lines))
        self._issued = tuple(codes)
        for widget in (self.print_button, self.pdf_button):
            widget.setEnabled(bool(codes))
            widget.setToolTip(f"The {len(codes)} codes just issued")
        self.show_status(f"Issued {len(codes)} codes; printable list saved to {saved_to}. Print them or save a PDF.")

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
            self.prefix_input.text().strip() or "P", self.name_input.text().strip(), self.email_input.text().strip()))

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
        chosen = [self._sessions[r] for r in sorted(rows) if r < len(self._sessions)]
        if not chosen or chosen[0].status != "interrupted":
            self.show_status("Select an interrupted session first.")
            return
        signal.emit(chosen[0].session_id)
