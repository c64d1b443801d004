"""The proctor panel's sync section: the receiver URL, outbox counts, the upload in progress, conflicts."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.sync_status import OutboxSnapshot
from kiosk.ui.screens.style import BigButton
from sync.outbox import STATES, OutboxItem
from sync.progress import Progress

__all__ = ["OutboxSection"]

PROBLEM_COLUMNS = ("session", "state", "why")


def _clock(iso_utc: str | None) -> str:
    """'2030-01-31T12:34:56.789+00:00' as '12:34:56 UTC' (the panel shows today's times)."""
    return f"{iso_utc[11:19]} UTC" if iso_utc else "-"


NamedT = TypeVar("NamedT", bound=QWidget)


def _named(widget: NamedT, name: str) -> NamedT:
    widget.setObjectName(name)
    return widget


def describe_next(row: OutboxItem | None) -> str:
    """One line about the bundle next in line: attempts so far, when it is tried again, the last error."""
    if row is None:
        return "Nothing waiting to upload."
    if not row.attempts:
        return f"Next: session {row.session_id}, not tried yet."
    return (f"Next: session {row.session_id} · attempt {row.attempts} failed · next retry "
            f"{_clock(row.next_attempt_utc)} · last error: {row.last_error or '-'}")


def describe_recipient(recipient: str | None) -> str:
    """Whom the outbox's bundles are encrypted for (fetched from the receiver when its URL is saved)."""
    if recipient is None:
        return "Bundles are not encrypted: no receiver key saved (saving the URL fetches it)."
    return f"Bundles are encrypted for the receiver's key {recipient}."


class OutboxSection(QGroupBox):
    """Shows the outbox and takes the proctor's receiver URL; data comes in by method, actions leave by signal."""

    endpoint_saved = Signal(str)  # the text as typed; the station validates and saves it
    sync_now_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Sync to the receiver", parent)
        self.setObjectName("outboxSection")
        self.endpoint_input = _named(QLineEdit(), "endpointInput")
        self.endpoint_input.setPlaceholderText("http://receiver.example:8765  (empty: sync off)")
        self.save_button = _named(BigButton("Save"), "endpointSaveButton")
        self.sync_now_button = _named(BigButton("Sync now"), "syncNowButton")
        self.endpoint_error = _named(QLabel(""), "endpointError")
        self.endpoint_error.setProperty("role", "error")
        self.endpoint_error.setWordWrap(True)
        self.endpoint_error.setVisible(False)
        self.state_label = _named(QLabel("Sync is off: no receiver URL saved."), "syncState")
        self.recipient_label = QLabel(describe_recipient(None))
        self.recipient_label.setObjectName("syncRecipient")
        self.recipient_label.setWordWrap(True)
        self.recipient_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = {state: _named(QLabel("0"), f"outboxCount_{state}") for state in STATES}
        self.current = _named(QLabel(describe_next(None)), "outboxCurrent")
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_note = _named(QLabel("No conflicts or refusals."), "outboxProblemsNote")
        self.problems = self._make_problems()
        self._layout()
        self.save_button.clicked.connect(lambda: self.endpoint_saved.emit(self.endpoint_input.text()))
        self.endpoint_input.returnPressed.connect(self.save_button.click)
        self.sync_now_button.clicked.connect(self.sync_now_requested)
        self.sync_now_button.setEnabled(False)

    def _make_problems(self) -> QTableWidget:
        table = QTableWidget(0, len(PROBLEM_COLUMNS))
        table.setObjectName("outboxProblems")
        table.setHorizontalHeaderLabels(list(PROBLEM_COLUMNS))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(len(PROBLEM_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setVisible(False)
        return table

    def _layout(self) -> None:
        root = QVBoxLayout(self)
        url_row = QHBoxLayout()
        url_row.addWidget(QLabel("Receiver URL"))
        url_row.addWidget(self.endpoint_input, 1)
        url_row.addWidget(self.save_button)
        url_row.addWidget(self.sync_now_button)
        root.addLayout(url_row)
        root.addWidget(self.endpoint_error)
        root.addWidget(self.state_label)
        root.addWidget(self.recipient_label)
        counts = QHBoxLayout()
        for state in STATES:
            counts.addWidget(QLabel(state.capitalize()))
            counts.addWidget(self.counts[state])
            counts.addSpacing(28)
            self.counts[state].setStyleSheet("font-weight: 600;")
        counts.addStretch(1)
        root.addLayout(counts)
        root.addWidget(self.current)
        root.addWidget(self.problems_note)
        root.addWidget(self.problems, 1)
        root.addStretch(0)

    # -- filling in -------------------------------------------------------------------------------

    def show_endpoint(self, url: str | None) -> None:
        """The saved receiver URL (None: sync off)."""
        self.endpoint_input.setText(url or "")
        self.show_endpoint_error("")
        self.sync_now_button.setEnabled(bool(url))
        self.state_label.setText(f"Uploading completed sessions to {url} in the background." if url
                                 else "Sync is off: no receiver URL saved.")

    def show_endpoint_error(self, text: str) -> None:
        """Why the typed URL was not saved (empty hides it)."""
        self.endpoint_error.setText(text)
        self.endpoint_error.setVisible(bool(text))

    def show_worker_failure(self, text: str) -> None:
        """The sync worker stopped on an unexpected error."""
        self.state_label.setText(f"Sync stopped: {text}")

    def show_snapshot(self, snap: OutboxSnapshot) -> None:
        """Counts per state, the bundle next in line and every conflict or refusal, as read from the database."""
        for state in STATES:
            self.counts[state].setText(str(snap.counts.get(state, 0)))
        self.recipient_label.setText(describe_recipient(snap.recipient))
        self.current.setText(describe_next(snap.next_up))
        self.problems.setRowCount(len(snap.problems))
        for row, entry in enumerate(snap.problems):
            why = entry.last_error or ""
            for column, text in enumerate((entry.session_id, entry.state, why)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(why)
                self.problems.setItem(row, column, cell)
        self.problems.setVisible(bool(snap.problems))
        self.problems_note.setText(
            f"Needs a person: {len(snap.problems)} bundle(s) the receiver refused or holds differently "
            "(never deleted; `hiremate sync status` has the details)." if snap.problems
            else "No conflicts or refusals.")

    def show_progress(self, step: Progress) -> None:
        """A step of the pass running now (delivered to the GUI thread by signal)."""
        if step.state == "sending":
            self.current.setText(f"Uploading session {step.session_id} ({step.index} of {step.total}, "
                                 f"{step.detail})…")
        else:
            self.current.setText(f"Session {step.session_id}: {step.detail}")

    def problem_rows(self) -> list[tuple[str, str, str]]:
        """The conflicts and refusals listed, as (session, state, why)."""
        def cell(row: int, col: int) -> str:
            item = self.problems.item(row, col)
            return item.text() if item is not None else ""

        return [(cell(r, 0), cell(r, 1), cell(r, 2)) for r in range(self.problems.rowCount())]
