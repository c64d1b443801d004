"""The recruiter's list of completed sessions: search, open (Enter), shortlist (S), compare the shortlist."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import N_, _s, ngettext_s
from kiosk.ui.recruiter.catalogue import Candidate, matches
from kiosk.ui.screens.panel_parts import fill_table, panel_table
from kiosk.ui.screens.style import BigButton

__all__ = ["MAX_SHORTLIST", "NO_ROLE", "CandidateList"]

COLUMNS = (N_("shortlist"), N_("pseudonym"), N_("name"), N_("assessed (UTC)"), N_("battery"), N_("station"))
MAX_SHORTLIST = 4
NO_ROLE = N_("no role")
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
HINT = N_("Enter: open the selected report · S (in the list): shortlist or take off · ↑/↓: choose · "
          "Tab: next control · Esc: close")
ON_LIST = N_("★ yes")


def _button(text: str, name: str) -> BigButton:
    button = BigButton(text)
    button.setObjectName(name)
    return button


class CandidateList(QWidget):
    """Completed sessions with a search box; `open_requested(id)`, `compare_requested([ids])`, `close_requested()`."""

    open_requested = Signal(str)
    compare_requested = Signal(list)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("recruiterSearch")
        self.search.setPlaceholderText(_s("Search by pseudonym, name, date (2026-12-02) or battery"))
        self.search.setClearButtonEnabled(True)
        self.table = panel_table("candidatesTable", tuple(_s(c) for c in COLUMNS))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleCombo")
        self.role_combo.setAccessibleName(_s("Role for the fit"))
        self.open_button = _button(_s("Open report"), "openReportButton")
        self.shortlist_button = _button(_s("Shortlist"), "shortlistButton")
        self.compare_button = _button(_s("Compare the shortlist"), "compareButton")
        self.close_button = _button(_s("Close"), "recruiterCloseButton")
        self.shortlist_label = QLabel("")
        self.shortlist_label.setObjectName("shortlistLabel")
        self.shortlist_label.setWordWrap(True)
        self.status = QLabel("")
        self.status.setObjectName("recruiterStatus")
        self.status.setWordWrap(True)
        self.hint = QLabel(_s(HINT))
        self.hint.setObjectName("recruiterHint")
        self.hint.setWordWrap(True)
        self._layout()
        self.candidates: list[Candidate] = []
        self.shown: list[Candidate] = []
        self.shortlist: list[str] = []  # session ids, in the order they were added
        self.search.textChanged.connect(lambda _text: self._fill())
        self.search.returnPressed.connect(self._open_selected)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)
        self.shortlist_button.clicked.connect(self.toggle_selected)
        self.compare_button.clicked.connect(self._compare)
        self.close_button.clicked.connect(self.close_requested)
        self._show_shortlist()

    def _layout(self) -> None:
        search_row = QHBoxLayout()
        label = QLabel(_s("&Search"))
        label.setBuddy(self.search)
        search_row.addWidget(label)
        search_row.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        role_label = QLabel(_s("&Role fit"))
        role_label.setBuddy(self.role_combo)
        for widget in (self.open_button, self.shortlist_button, role_label, self.role_combo, self.compare_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        heading = QLabel(_s("Recruiter view · completed sessions"))
        heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        for item in (heading, search_row, self.table, self.shortlist_label, buttons, self.status, self.hint):
            if isinstance(item, QHBoxLayout):
                layout.addLayout(item)
            else:
                layout.addWidget(item, 1 if item is self.table else 0)

    # -- filling in -------------------------------------------------------------------------------

    def set_roles(self, names: list[str]) -> None:
        """The shipped role profiles, after "no role"."""
        self.role_combo.clear()
        self.role_combo.addItems([_s(NO_ROLE), *names])

    def role(self) -> str | None:
        """The chosen role's name, or None."""
        text = self.role_combo.currentText()
        return None if self.role_combo.currentIndex() <= 0 or not text else text

    def show_candidates(self, candidates: list[Candidate]) -> None:
        """Every completed session; the shortlist keeps only sessions still listed."""
        self.candidates = candidates
        known = {c.session_id for c in candidates}
        self.shortlist = [sid for sid in self.shortlist if sid in known]
        self._fill()
        self._show_shortlist()

    def show_status(self, text: str) -> None:
        """A one-line status or error."""
        self.status.setText(text)

    def _fill(self) -> None:
        query = self.search.text()
        self.shown = [c for c in self.candidates if matches(c, query)]
        fill_table(self.table, [(_s(ON_LIST) if c.session_id in self.shortlist else "", c.participant, c.name, c.date,
                                 c.battery, c.station) for c in self.shown])
        if self.shown:
            self.table.setCurrentCell(0, 0)  # selects the row; selectRow selects nothing when laid out right to left
        total = len(self.candidates)
        self.show_status(ngettext_s("{shown} of {total} completed session shown.",
                                    "{shown} of {total} completed sessions shown.", total).format(
            shown=len(self.shown), total=total) if query.strip() else
            ngettext_s("{total} completed session.", "{total} completed sessions.", total).format(total=total))

    def _show_shortlist(self) -> None:
        names = [c.participant for sid in self.shortlist for c in self.candidates if c.session_id == sid]
        self.shortlist_label.setText(_s("Shortlist ({count} of {most}): {names}").format(
            count=len(names), most=MAX_SHORTLIST, names=", ".join(names)) if names
            else _s("Shortlist: empty. Select a session and press S to add it."))
        self.compare_button.setEnabled(len(names) >= 2)
        self.compare_button.setToolTip(_s("Compare 2 to 4 shortlisted candidates side by side"))

    # -- actions ----------------------------------------------------------------------------------

    def selected(self) -> Candidate | None:
        """The session chosen in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows and rows[0].row() < len(self.shown) else None

    def toggle_selected(self) -> None:
        """Put the selected session on the shortlist, or take it off."""
        chosen = self.selected()
        if chosen is None:
            self.show_status(_s("Select a session first."))
            return
        if chosen.session_id in self.shortlist:
            self.shortlist.remove(chosen.session_id)
            self.show_status(_s("{participant} is off the shortlist.").format(participant=chosen.participant))
        elif len(self.shortlist) >= MAX_SHORTLIST:
            self.show_status(_s("The shortlist holds {most} candidates at most: take one off first.").format(
                most=MAX_SHORTLIST))
            return
        else:
            self.shortlist.append(chosen.session_id)
            self.show_status(_s("{participant} is on the shortlist.").format(participant=chosen.participant))
        row = self.shown.index(chosen)
        self.table.setItem(row, 0, QTableWidgetItem(_s(ON_LIST) if chosen.session_id in self.shortlist else ""))
        self._show_shortlist()

    def _open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.show_status(_s("No session matches: change the search.") if self.candidates else
                             _s("No completed session on this station yet."))
            return
        self.open_requested.emit(chosen.session_id)

    def _compare(self) -> None:
        if not 2 <= len(self.shortlist) <= MAX_SHORTLIST:
            self.show_status(_s("Shortlist 2 to 4 candidates to compare them."))
            return
        self.compare_requested.emit(list(self.shortlist))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list, Enter opens the selected report and S toggles it on the shortlist."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in OPEN_KEYS:
                self._open_selected()
                return True
            if event.key() == Qt.Key.Key_S and not event.isAutoRepeat():
                self.toggle_selected()
                return True
        return super().eventFilter(watched, event)

    def focus_first(self) -> None:
        """The search box."""
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
