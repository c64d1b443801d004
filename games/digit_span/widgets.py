"""The digit span stage: one large digit at a time, the answer boxes, or a short message."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from games.kit.widgets import COLOURS, Stage
from games.look import current
from games.widgets import stimulus_area

__all__ = ["DigitStage"]

Mode = Literal["blank", "digit", "answer", "message"]


class DigitStage(Stage):
    """Draws the current digit, the answer boxes (typed digits in them, the next box outlined) or a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, 560, 280)
        self.mode: Mode = "blank"
        self.digit = ""
        self.length = 0
        self.entry = ""
        self.message = ""

    def show_digit(self, digit: int) -> None:
        """Draw one digit (call present() to put it on screen now)."""
        self.mode, self.digit = "digit", str(digit)

    def show_answer(self, length: int, entry: str) -> None:
        """Draw `length` answer boxes holding the digits typed so far."""
        self.mode, self.length, self.entry = "answer", length, entry

    def show_message(self, text: str) -> None:
        """Draw a short message in the middle."""
        self.mode, self.message = "message", text

    def clear(self) -> None:
        """Draw nothing (between digits and between sequences)."""
        self.mode = "blank"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), COLOURS["background"])
        if self.mode == "digit":  # the stimulus: its size never follows the type scale
            self._text(painter, self.digit, int(min(stimulus_area(self).height() * 0.55, 190)), bold=True)
        elif self.mode == "answer":
            self._boxes(painter)
        elif self.mode == "message":
            self._text(painter, self.message, round(current().pt(24)))  # a message grows with the type
        painter.end()

    def _text(self, painter: QPainter, text: str, pixels: int, bold: bool = False) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(12, pixels))
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(COLOURS["text"])
        area = QRectF(self.rect()).adjusted(24, 12, -24, -12)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)

    def _boxes(self, painter: QPainter) -> None:
        count = max(self.length, len(self.entry))
        side = min(84.0, (self.width() - 40) / max(1, count) - 10)
        total = count * (side + 10) - 10
        x = (self.width() - total) / 2
        y = (self.height() - side) / 2
        font = QFont(self.font())
        font.setPixelSize(int(side * 0.6))
        font.setBold(True)
        painter.setFont(font)
        for i in range(count):
            box = QRectF(x + i * (side + 10), y, side, side)
            nxt = i == len(self.entry)
            painter.setPen(QPen(COLOURS["focus"] if nxt else COLOURS["line"], 4 if nxt else 2))
            painter.setBrush(COLOURS["panel"])
            painter.drawRoundedRect(box, 10, 10)
            if i < len(self.entry):
                painter.setPen(COLOURS["text"])
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.entry[i])
