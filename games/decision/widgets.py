"""Qt widgets of the decision game: option cards (hover, focus, pick), the Continue button and the look."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QEnterEvent, QFocusEvent, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

__all__ = ["STYLE", "ContinueButton", "OptionCard", "label"]

Via = Literal["hover", "focus"]
ViewHook = Callable[[str, Via, int], None]  # (option_id, via, perf_ns)
PickHook = Callable[[str, int, int | None], None]  # (option_id, perf_ns, qt_event_ms)
MoveHook = Callable[["OptionCard", int], None]  # (card, +1 / -1)

INK = "#2f3b45"
MUTED = "#5f6f7a"
ACCENT = "#2f6f9f"

STYLE = f"""
DecisionView {{ background: #f5f7f6; }}
QLabel {{ color: {INK}; }}
OptionCard {{ background: #ffffff; border: 2px solid #d5dde2; border-radius: 14px; }}
OptionCard[hovered="true"] {{ background: #f0f5f8; }}
OptionCard[selected="true"] {{ background: #e6f0f7; border: 3px solid {ACCENT}; }}
OptionCard:focus {{ border: 3px dashed {ACCENT}; }}
OptionCard[selected="true"]:focus {{ border: 3px solid #1d4f75; }}
QPlainTextEdit {{ background: #ffffff; color: {INK}; border: 2px solid #d5dde2; border-radius: 10px;
                  padding: 8px; }}
QPlainTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QPushButton {{ background: {ACCENT}; color: white; border: none; border-radius: 12px; padding: 12px 36px; }}
QPushButton:disabled {{ background: #b8c6cf; color: #eef2f4; }}
QPushButton:focus {{ border: 3px solid #1d4f75; }}
"""


def label(text: str, points: int, colour: str = INK, bold: bool = False, wrap: bool = True) -> QLabel:
    """A plain text label in the game's type scale."""
    widget = QLabel(text)
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setStyleSheet(f"color: {colour};")
    return widget


class OptionCard(QFrame):
    """One option: hover and keyboard focus count as viewing it; click, Enter or Space picks it."""

    def __init__(self, option_id: str, number: int, text: str, on_view_begin: ViewHook, on_view_end: ViewHook,
                 on_pick: PickHook, on_move: MoveHook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.option_id = option_id
        self.number = number
        self._begin, self._end, self._pick, self._move = on_view_begin, on_view_end, on_pick, on_move
        self.hovering = False
        self.focused = False
        self.setObjectName(f"option_{option_id}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Option {number}: {text}")
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 8, 18, 8)
        row.setSpacing(16)
        self.badge = label(str(number), 18, ACCENT, bold=True, wrap=False)
        self.badge.setFixedWidth(28)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = label(text, 18)
        row.addWidget(self.badge)
        row.addWidget(self.text_label, 1)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        """Show (or clear) the selected look."""
        self.setProperty("selected", "true" if selected else "false")
        self.badge.setText("✓" if selected else str(self.number))
        self._restyle()

    def _restyle(self) -> None:
        self.style().unpolish(self)
        self.style().polish(self)

    def enterEvent(self, event: QEnterEvent) -> None:
        """The pointer came onto the card: a hover view begins."""
        t = time.perf_counter_ns()
        self.hovering = True
        self.setProperty("hovered", "true")
        self._restyle()
        self._begin(self.option_id, "hover", t)
        super().enterEvent(event)

    def leaveEvent(self, event: object) -> None:
        """The pointer left the card: the hover view ends."""
        t = time.perf_counter_ns()
        if self.hovering:
            self.hovering = False
            self.setProperty("hovered", "false")
            self._restyle()
            self._end(self.option_id, "hover", t)
        super().leaveEvent(event)  # type: ignore[arg-type]

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Keyboard focus came to the card: a focus view begins (focus taken by a mouse click is not one)."""
        t = time.perf_counter_ns()
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.focused = True
            self._begin(self.option_id, "focus", t)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Keyboard focus left the card: the focus view ends."""
        t = time.perf_counter_ns()
        if self.focused:
            self.focused = False
            self._end(self.option_id, "focus", t)
        super().focusOutEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click (released on the card) picks the option."""
        t = time.perf_counter_ns()
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._pick(self.option_id, t, int(event.timestamp()))
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space picks; Up and Down move between cards; other keys go to the view."""
        t = time.perf_counter_ns()
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._pick(self.option_id, t, int(event.timestamp()))
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move(self, 1 if key == Qt.Key.Key_Down else -1)
        else:
            super().keyPressEvent(event)


class ContinueButton(QPushButton):
    """The big Continue button; Enter on it works like Space or a click."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter clicks the focused button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isEnabled():
            self.click()
            return
        super().keyPressEvent(event)
