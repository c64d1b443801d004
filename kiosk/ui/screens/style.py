"""Shared look of the station screens: calm colours, large type, big buttons, and small layout helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

__all__ = ["FOCUS_RING", "GAME_PAGE_STYLE", "STYLE_SHEET", "WINDOW_STYLE", "BigButton", "button", "button_row",
           "centred_column", "hint", "message", "title"]

STYLE_SHEET = """
QWidget#stationRoot, QStackedWidget { background: #f4f6f8; }
QLabel { color: #1f2a36; font-size: 22pt; }
QLabel[role="title"] { font-size: 34pt; font-weight: 600; }
QLabel[role="hint"] { color: #5b6775; font-size: 16pt; }
QLabel[role="error"] { color: #a4262c; font-size: 20pt; }
QLabel[role="notice"] { color: #7a4b00; background: #fff4ce; border-radius: 8px; padding: 10px; font-size: 16pt; }
QLabel[role="small"] { font-size: 14pt; }
QLabel#stationProblem { background: #fde7e9; font-size: 16pt; padding: 8px; }
QPushButton { font-size: 20pt; padding: 10px 30px; border-radius: 10px; background: #ffffff;
              border: 4px solid #9aa7b4; color: #1f2a36; min-width: 180px; }
QPushButton:hover { background: #eef3f8; }
QPushButton[role="primary"] { background: #2b6cb0; color: white; border: 4px solid #2b6cb0; }
QPushButton:focus, QPushButton[role="primary"]:focus { background: #ffdd00; color: #0b0c0c; border: 4px solid #0b0c0c; }
QPushButton:disabled { color: #6b7785; background: #e6e9ed; border-color: #d0d6dc; }
QPushButton#callProctorButton { font-size: 14pt; padding: 4px 16px; min-width: 0; border-width: 2px; }
QPushButton#callProctorButton:focus { border-width: 4px; }
QLineEdit { font-size: 26pt; padding: 8px; border: 2px solid #9aa7b4; border-radius: 8px; background: white; }
QLineEdit:focus { border: 4px solid #0b0c0c; background: #fffbd6; }
QTextBrowser { font-size: 17pt; background: white; border: 2px solid #c9d1d9; border-radius: 8px; padding: 12px; }
QTextBrowser:focus { border: 4px solid #0b0c0c; }
"""
WINDOW_STYLE = "QWidget#stationRoot, QStackedWidget { background: #f4f6f8; }"
"""The window itself; each page gets STYLE_SHEET (the game page only GAME_PAGE_STYLE: games keep their own type)."""
GAME_PAGE_STYLE = """
QLabel#gameHeader, QLabel#proctorCalledNote { color: #5b6775; font-size: 14pt; }
QPushButton#callProctorButton { font-size: 14pt; padding: 4px 16px; border-radius: 10px; background: #ffffff;
                               border: 2px solid #9aa7b4; color: #1f2a36; }
QPushButton#callProctorButton:focus { background: #ffdd00; color: #0b0c0c; border: 4px solid #0b0c0c; }
"""
FOCUS_RING = "#0b0c0c"
"""The focus ring of every station control (with a yellow fill on buttons): 4 px, near-black on the light page."""


def _styled(label: QLabel, role: str) -> QLabel:
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def title(text: str) -> QLabel:
    """A large centred heading."""
    return _styled(QLabel(text), "title")


def hint(text: str) -> QLabel:
    """A quiet line telling which keys do what."""
    return _styled(QLabel(text), "hint")


def message(role: str = "error") -> QLabel:
    """An initially empty line for errors or notices."""
    label = _styled(QLabel(""), role)
    label.setVisible(False)
    return label


RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class BigButton(QPushButton):
    """A push button that also answers Return/Enter (not only Space), like Space on the release of a fresh press.

    A press that auto-repeats, or a release whose press this button never saw (a key held down while the
    screen changed), does nothing: only a deliberate press-and-release chooses.
    """

    _return_down: int | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in RETURN_KEYS:
            if not event.isAutoRepeat() and self.isEnabled():
                self._return_down = event.key()
                self.setDown(True)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() in RETURN_KEYS:
            event.accept()
            if event.isAutoRepeat() or self._return_down != event.key():
                return
            self._return_down = None
            self.setDown(False)
            if self.isEnabled():
                self.click()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._return_down = None
        super().focusOutEvent(event)


def button(text: str, primary: bool = False, name: str | None = None) -> QPushButton:
    """A big push button; the primary one is filled."""
    widget = BigButton(text)
    if primary:
        widget.setProperty("role", "primary")
    if name:
        widget.setObjectName(name)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


def centred_column(parent: QWidget, *items: QWidget | QBoxLayout, max_width: int = 900) -> QVBoxLayout:
    """Lay items out in a centred column of at most max_width pixels, with space above and below."""
    outer = QHBoxLayout(parent)
    column = QVBoxLayout()
    column.setSpacing(24)
    column.addStretch(1)
    for item in items:
        if isinstance(item, QLabel):
            item.setWordWrap(True)
            item.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(item)  # full column width, so wrapped text gets the height it needs
        elif isinstance(item, QWidget):
            item.setMaximumWidth(max_width)
            column.addWidget(item, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            column.addLayout(item)
    column.addStretch(1)
    holder = QWidget()
    holder.setMaximumWidth(max_width + 200)
    holder.setLayout(column)
    outer.addStretch(1)
    outer.addWidget(holder, 10)
    outer.addStretch(1)
    return column


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side, centred."""
    row = QHBoxLayout()
    row.setSpacing(32)
    row.addStretch(1)
    for item in buttons:
        row.addWidget(item)
    row.addStretch(1)
    return row
