"""The money-exchange game's drawing: the round's situation in words, the amount chosen so far in large type,
what it means for both players, and the round's result."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPen

from games.trialkit.widgets import COLOURS, StimulusCanvas, draw_text

__all__ = ["MoneyCanvas"]


class MoneyCanvas(StimulusCanvas):
    """The situation (top), the amount (middle, large), its meaning (below) and the result (bottom)."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = ""
        self.situation = ""
        self.amount = ""
        self.meaning = ""
        self.result = ""

    def show_round(self, heading: str, situation: str, amount: str, meaning: str) -> None:
        """A new round (its onset is reported after the paint)."""
        self.heading, self.situation, self.amount, self.meaning, self.result = heading, situation, amount, meaning, ""
        self.present()

    def show_amount(self, amount: str, meaning: str) -> None:
        """The amount set on screen and what it would mean."""
        self.amount, self.meaning = amount, meaning
        self.update()

    def show_result(self, result: str) -> None:
        """What came of the round."""
        self.result = result
        self.update()

    def paint_content(self, painter: QPainter) -> None:
        w, h = float(self.width()), float(self.height())
        draw_text(painter, QRectF(20, 0, w - 40, h * 0.1), self.heading, 16, "soft_ink", bold=True)
        draw_text(painter, QRectF(30, h * 0.08, w - 60, h * 0.3), self.situation, 19, "ink")
        box = QRectF(w * 0.3, h * 0.42, w * 0.4, h * 0.2)
        painter.setPen(QPen(COLOURS["outline"], 2))
        painter.setBrush(COLOURS["panel"])
        painter.drawRoundedRect(box, 14, 14)
        draw_text(painter, box, self.amount, 32, "ink", bold=True)
        draw_text(painter, QRectF(30, h * 0.64, w - 60, h * 0.12), self.meaning, 17, "soft_ink")
        if self.result:
            draw_text(painter, QRectF(30, h * 0.78, w - 60, h * 0.2), self.result, 20, "ink", bold=True)
