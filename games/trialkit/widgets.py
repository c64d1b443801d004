"""Qt pieces the trial games share: a canvas that reports when a new trial's first frame was painted, a button
that stamps its click, labels, and the calm palette."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

__all__ = ["BACKGROUND", "INK", "SOFT_INK", "STYLE", "StampButton", "StimulusCanvas", "draw_text", "label"]

BACKGROUND = QColor("#f4f6f8")
INK = QColor("#37474f")
SOFT_INK = QColor("#78909c")
GOOD = QColor("#4f9a6b")
BAD = QColor("#c4645b")

STYLE = """
QWidget#trialview { background: #f4f6f8; }
QPushButton { font-size: 20pt; border-radius: 12px; padding: 8px 22px; color: #263238;
              background: #e3eaf0; border: 2px solid #b0bec5; }
QPushButton:pressed { background: #cfd8dc; }
QPushButton:disabled { color: #90a4ae; background: #eceff1; border-color: #cfd8dc; }
"""


def label(text: str, points: int, colour: str = "#37474f", bold: bool = False) -> QLabel:
    """A word-wrapped label of the view."""
    widget = QLabel(text)
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)
    widget.setStyleSheet(f"color: {colour};")
    widget.setWordWrap(True)
    return widget


def draw_text(painter: QPainter, rect: QRectF, text: str, points: float, colour: QColor = INK,
              bold: bool = False) -> None:
    """Centred, word-wrapped text in a rectangle."""
    font = QFont(painter.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)


class StampButton(QPushButton):
    """A large button that stamps perf_counter_ns first thing when the mouse (or touch) releases on it."""

    def __init__(self, text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the game, not the button
        self.setMinimumHeight(64)
        self.setMinimumWidth(150)
        self.stamp: tuple[int, int] | None = None  # (perf_counter_ns, Qt event timestamp ms)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.stamp = (time.perf_counter_ns(), event.timestamp())
        super().mouseReleaseEvent(event)

    def take_stamp(self) -> tuple[int, int | None]:
        """The click's (perf_counter_ns, Qt ms or None), consumed (now, if the click came without a release)."""
        stamp, self.stamp = self.stamp, None
        if stamp is None:
            return time.perf_counter_ns(), None
        return stamp[0], stamp[1] or None


class StimulusCanvas(QWidget):
    """Draws a game's trial; `present()` asks to report (signal `presented`) when the new frame is first painted."""

    presented = Signal(object)  # perf_counter_ns after the paint (object: it overflows a C int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(520, 340)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.onset_pending = False
        self.message = ""  # shown instead of the trial (between trials, at the end)

    def present(self) -> None:
        """The trial's content is set: repaint, and report the moment the frame has been painted."""
        self.message = ""
        self.onset_pending = True
        self.update()

    def show_message(self, text: str) -> None:
        """Show a message alone (a pause, the end)."""
        self.message = text
        self.onset_pending = False
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.message:
            draw_text(painter, QRectF(self.rect()).adjusted(30, 20, -30, -20), self.message, 24)
        else:
            self.paint_content(painter)
        painter.end()
        if self.onset_pending and not self.message:
            self.onset_pending = False
            self.presented.emit(time.perf_counter_ns())

    def paint_content(self, painter: QPainter) -> None:
        """Draw the trial (subclasses)."""
