"""Shared look of the station screens: calm colours, large type, big buttons, and small layout helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

__all__ = ["STYLE_SHEET", "BigButton", "button", "button_row", "centred_column", "hint", "message", "title"]

STYLE_SHEET = """
QWidget#stationRoot, QStackedWidget { background: #f4f6f8; }
QLabel { color: #1f2a36; font-size: 22pt; }
QLabel[role="title"] { font-size: 34pt; font-weight: 600; }
QLabel[role="hint"] { color: #5b6775; font-size: 16pt; }
QLabel[role="error"] { color: #a4262c; font-size: 20pt; }
QLabel[role="notice"] { color: #7a4b00; background: #fff4ce; border-radius: 8px; padding: 10px; font-size: 16pt; }
QLabel[role="small"] { font-size: 14pt; }
QLabel#stationProblem { background: #fde7e9; font-size: 16pt; padding: 8px; }
QPushButton { font-size: 22pt; padding: 14px 36px; border-radius: 10px; background: #ffffff;
              border: 2px solid #9aa7b4; color: #1f2a36; min-width: 200px; }
QPushButton:focus { border: 3px solid #2b6cb0; }
QPushButton:hover { background: #eef3f8; }
QPushButton[role="primary"] { background: #2b6cb0; color: white; border: 2px solid #2b6cb0; }
QPushButton[role="primary"]:focus { border: 3px solid #12385f; }
QPushButton:disabled { color: #9aa7b4; background: #e6e9ed; border-color: #d0d6dc; }
QLineEdit { font-size: 28pt; padding: 10px; border: 2px solid #9aa7b4; border-radius: 8px; background: white; }
QLineEdit:focus { border: 3px solid #2b6cb0; }
QTextBrowser { font-size: 18pt; background: white; border: 1px solid #c9d1d9; border-radius: 8px; padding: 16px; }
"""


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


class BigButton(QPushButton):
    """A push button that also answers Return/Enter when it has the focus (not only Space)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isEnabled():
            self.click()
            return
        super().keyPressEvent(event)


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
