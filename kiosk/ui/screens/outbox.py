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

from i18n import N_, _s, ngettext_s
from kiosk.services.sync_status import OutboxSnapshot
from kiosk.ui.screens.flow import FlowLayout
from kiosk.ui.screens.panel_text import isolated
from kiosk.ui.screens.style import BigButton
from sync.outbox import STATES, OutboxItem
from sync.progress import Progress

__all__ = ["OutboxSection"]

PROBLEM_COLUMNS = (N_("session"), N_("state"), N_("why"))
STATE_WORDS = {"pending": N_("Pending"), "delivered": N_("Delivered"), "conflict": N_("Conflict"),
               "rejected": N_("Rejected")}
"""An outbox state (sync.outbox.STATES) as a label over its count."""
STATE_CELLS = {"pending": N_("pending"), "delivered": N_("delivered"), "conflict": N_("conflict"),
               "rejected": N_("rejected")}
"""An outbox state in a table cell."""


def state_word(state: str, words: dict[str, str] = STATE_WORDS) -> str:
    """An outbox state in the station's language ("Pending"); an unknown one as stored."""
    return _s(words[state]) if state in words else state


def _clock(iso_utc: str | None) -> str:
    """'2030-01-31T12:34:56.789+00:00' as '12:34:56 UTC' (the panel shows today's times)."""
    return _s("{time} UTC").format(time=iso_utc[11:19]) if iso_utc else "-"


SYNC_OFF = N_("Sync is off: no receiver URL saved.")
NO_PROBLEMS = N_("No conflicts or refusals.")
NamedT = TypeVar("NamedT", bound=QWidget)


def _named(widget: NamedT, name: str) -> NamedT:
    widget.setObjectName(name)
    return widget


def describe_next(row: OutboxItem | None) -> str:
    """One line about the bundle next in line: attempts so far, when it is tried again, the last error."""
    if row is None:
        return _s("Nothing waiting to upload.")
    if not row.attempts:
        return _s("Next: session {session}, not tried yet.").format(session=row.session_id)
    return _s("Next: session {session} · attempt {attempt} failed · next retry {time} · last error: {error}").format(
        session=row.session_id, attempt=row.attempts, time=_clock(row.next_attempt_utc), error=row.last_error or "-")


def describe_recipient(recipient: str | None) -> str:
    """Whom the outbox's bundles are encrypted for (fetched from the receiver when its URL is saved)."""
    if recipient is None:
        return _s("Bundles are not encrypted: no receiver key saved (saving the URL fetches it).")
    return _s("Bundles are encrypted for the receiver's key {key}.").format(key=isolated(recipient))


class OutboxSection(QGroupBox):
    """Shows the outbox and takes the proctor's receiver URL; data comes in by method, actions leave by signal."""

    endpoint_saved = Signal(str)  # the text as typed; the station validates and saves it
    sync_now_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_s("Sync to the receiver"), parent)
        self.setObjectName("outboxSection")
        self.endpoint_input = _named(QLineEdit(), "endpointInput")
        self.endpoint_input.setPlaceholderText(_s("{example}  (empty: sync off)").format(
            example="http://receiver.example:8765"))
        self.save_button = _named(BigButton(_s("Save")), "endpointSaveButton")
        self.sync_now_button = _named(BigButton(_s("Sync now")), "syncNowButton")
        self.endpoint_error = _named(QLabel(""), "endpointError")
        self.endpoint_error.setProperty("role", "error")
        self.endpoint_error.setWordWrap(True)
        self.endpoint_error.setVisible(False)
        self.state_label = _named(QLabel(_s(SYNC_OFF)), "syncState")
        self.state_label.setWordWrap(True)
        self.recipient_label = QLabel(describe_recipient(None))
        self.recipient_label.setObjectName("syncRecipient")
        self.recipient_label.setWordWrap(True)
        self.recipient_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = {state: _named(QLabel("0"), f"outboxCount_{state}") for state in STATES}
        self.current = _named(QLabel(describe_next(None)), "outboxCurrent")
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_note = _named(QLabel(_s(NO_PROBLEMS)), "outboxProblemsNote")
        self.problems_note.setWordWrap(True)
        self.problems = self._make_problems()
        self._layout()
        self.save_button.clicked.connect(lambda: self.endpoint_saved.emit(self.endpoint_input.text()))
        self.endpoint_input.returnPressed.connect(self.save_button.click)
        self.sync_now_button.clicked.connect(self.sync_now_requested)
        self.sync_now_button.setEnabled(False)

    def _make_problems(self) -> QTableWidget:
        table = QTableWidget(0, len(PROBLEM_COLUMNS))
        table.setObjectName("outboxProblems")
        table.setHorizontalHeaderLabels([_s(column) for column in PROBLEM_COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(len(PROBLEM_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setVisible(False)
        return table

    def _layout(self) -> None:
        root = QVBoxLayout(self)
        url_row = QHBoxLayout()
        url_label = QLabel(_s("Receiver URL"))
        url_label.setBuddy(self.endpoint_input)
        url_row.addWidget(url_label)
        url_row.addWidget(self.endpoint_input, 1)
        root.addLayout(url_row)
        buttons = FlowLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.sync_now_button)
        root.addLayout(buttons)
        root.addWidget(self.endpoint_error)
        root.addWidget(self.state_label)
        root.addWidget(self.recipient_label)
        counts = FlowLayout(spacing=28)
        for state in STATES:
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(QLabel(state_word(state)))
            row.addWidget(self.counts[state])
            self.counts[state].setStyleSheet("font-weight: 600;")
            counts.addWidget(pair)
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
        self.state_label.setText(_s("Uploading completed sessions to {url} in the background.").format(
                                 url=isolated(url))
                                 if url else _s(SYNC_OFF))

    def show_endpoint_error(self, text: str) -> None:
        """Why the typed URL was not saved (empty hides it)."""
        self.endpoint_error.setText(text)
        self.endpoint_error.setVisible(bool(text))

    def show_worker_failure(self, text: str) -> None:
        """The sync worker stopped on an unexpected error."""
        self.state_label.setText(_s("Sync stopped: {error}").format(error=text))

    def show_snapshot(self, snap: OutboxSnapshot) -> None:
        """Counts per state, the bundle next in line and every conflict or refusal, as read from the database."""
        for state in STATES:
            self.counts[state].setText(str(snap.counts.get(state, 0)))
        self.recipient_label.setText(describe_recipient(snap.recipient))
        self.current.setText(describe_next(snap.next_up))
        self.problems.setRowCount(len(snap.problems))
        for row, entry in enumerate(snap.problems):
            why = entry.last_error or ""
            for column, text in enumerate((entry.session_id, state_word(entry.state, STATE_CELLS), why)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(why)
                self.problems.setItem(row, column, cell)
        self.problems.setVisible(bool(snap.problems))
        count = len(snap.problems)
        self.problems_note.setText(ngettext_s(
            "Needs a person: {count} bundle the receiver refused or holds differently (never deleted; {command} has "
            "the details).", "Needs a person: {count} bundles the receiver refused or holds differently (never "
            "deleted; {command} has the details).", count).format(count=count, command="hiremate sync status")
            if count else _s(NO_PROBLEMS))

    def show_progress(self, step: Progress) -> None:
        """A step of the pass running now (delivered to the GUI thread by signal)."""
        if step.state == "sending":
            self.current.setText(_s("Uploading session {session} ({index} of {total}, {detail})…").format(
                session=step.session_id, index=step.index, total=step.total, detail=step.detail))
        else:
            self.current.setText(_s("Session {session}: {detail}").format(session=step.session_id,
                                                                           detail=step.detail))

    def problem_rows(self) -> list[tuple[str, str, str]]:
        """The conflicts and refusals listed, as (session, state, why)."""
        def cell(row: int, col: int) -> str:
            item = self.problems.item(row, col)
            return item.text() if item is not None else ""

        return [(cell(r, 0), cell(r, 1), cell(r, 2)) for r in range(self.problems.rowCount())]
