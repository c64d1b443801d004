"""The balloon drawing of the BART view: a calm balloon that grows with each pump, and brief feedback."""

from __future__ import annotations

import math
import time
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QRadialGradient
from PySide6.QtWidgets import QSizePolicy, QWidget

from games.look import current
from games.widgets import GameColours, draw_mark, game_font

__all__ = ["BalloonCanvas", "balloon_colour"]

Look = Literal["empty", "balloon", "burst", "collected", "finished"]

COLOURS = GameColours({"background": "background", "ink": ("text", "#37474f"), "soft_ink": ("muted", "#78909c"),
                       "outline": "outline"})
PALETTE = GameColours({
    "blue": ("cue_blue", "#5b8fd9"), "orange": ("cue_orange", "#e99a5a"), "yellow": ("cue_yellow", "#e8c65a"),
    "red": ("cue_red", "#d9736b"), "green": ("cue_green", "#6fb08a"), "purple": ("cue_purple", "#9a82c9"),
    "pink": ("cue_pink", "#dd8fb0"), "grey": ("cue_grey", "#9aa6ad"),
})
"""Balloon fills from the current game palette (games.look); balloons of several colours carry a symbol too."""
MIN_FRACTION = 0.14  # radius of an empty balloon, as a fraction of the largest radius


def balloon_colour(name: str) -> QColor:
    """The calm fill colour for a colour name (any Qt colour name works; unknown names are grey-blue)."""
    if name in PALETTE:
        return PALETTE[name]
    colour = QColor(name)
    return colour if colour.isValid() else QColor("#8ea4b8")


class BalloonCanvas(QWidget):
    """Draws the current balloon; reports the moment a new balloon's first frame was painted."""

    balloon_presented = Signal(object)  # perf_counter_ns (int; object since it overflows a C int) after the paint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(420, 380)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.look: Look = "empty"
        self.size_fraction = 0.0
        self.colour = "blue"
        self.marks: dict[str, int] = {}  # colour -> its symbol (games.widgets.MARKS) when balloons differ in colour
        self.message = ""
        self.onset_pending = False

    def show_balloon(self, colour: str, size: float, new: bool = False) -> None:
        """Draw a balloon of relative radius `size`; `new` asks to report when it is first painted."""
        self.look, self.colour, self.size_fraction, self.message = "balloon", colour, size, ""
        self.onset_pending = self.onset_pending or new
        self.update()

    def show_feedback(self, look: Look, message: str) -> None:
        """Show the burst, collected or finished picture with a short message."""
        self.look, self.message = look, message
        self.update()

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), COLOURS["background"])
        if self.look in ("balloon", "collected"):
            self._paint_balloon(painter, faded=self.look == "collected")
        elif self.look == "burst":
            self._paint_burst(painter)
        if self.message:
            self._paint_message(painter)
        painter.end()
        if self.onset_pending and self.look == "balloon":
            self.onset_pending = False
            self.balloon_presented.emit(time.perf_counter_ns())

    def _geometry(self) -> tuple[QPointF, float]:
        """The knot point (bottom of the balloon) and the largest radius that fits."""
        w, h = self.width(), self.height()
        knot = QPointF(w / 2, h * 0.86)
        r_max = max(20.0, min(w * 0.45, (knot.y() - 12) / 2.3))
        return knot, r_max

    def _radius(self) -> float:
        _, r_max = self._geometry()
        return r_max * (MIN_FRACTION + (1 - MIN_FRACTION) * self.size_fraction)

    def _paint_balloon(self, painter: QPainter, faded: bool) -> None:
        knot, _ = self._geometry()
        r = self._radius()
        rx, ry = r, r * 1.15
        centre = QPointF(knot.x(), knot.y() - ry)
        fill = balloon_colour(self.colour)
        if faded:
            fill.setAlpha(110)
        self._paint_string(painter, knot, faded)
        gradient = QRadialGradient(centre + QPointF(-rx * 0.35, -ry * 0.4), r * 1.3)
        gradient.setColorAt(0.0, fill.lighter(135))
        gradient.setColorAt(1.0, fill)
        painter.setPen(QPen(COLOURS["outline"] if current().high_contrast else fill.darker(125), 2))
        painter.setBrush(gradient)
        painter.drawEllipse(centre, rx, ry)
        tie = QPainterPath(knot)
        tie.lineTo(knot + QPointF(-7, 12))
        tie.lineTo(knot + QPointF(7, 12))
        tie.closeSubpath()
        painter.setBrush(fill.darker(115))
        painter.drawPath(tie)
        if self.colour in self.marks:  # several colours: each has its symbol too (never colour alone)
            draw_mark(painter, centre, max(8.0, r * 0.3), self.marks[self.colour])

    def _paint_string(self, painter: QPainter, knot: QPointF, faded: bool) -> None:
        colour = COLOURS["soft_ink"]
        colour.setAlpha(90 if faded else 170)
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(knot + QPointF(0, 12))
        bottom = self.height() - 8.0
        path.cubicTo(knot + QPointF(14, 40), QPointF(knot.x() - 14, bottom - 30), QPointF(knot.x(), bottom))
        painter.drawPath(path)

    def _paint_burst(self, painter: QPainter) -> None:
        """A few still, muted fragments where the balloon was: calm, no flash, no animation."""
        knot, _ = self._geometry()
        r = self._radius()
        centre = QPointF(knot.x(), knot.y() - r * 1.15)
        colour = balloon_colour(self.colour)
        colour.setAlpha(120)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for i in range(9):
            angle = i * 2 * math.pi / 9 + 0.3
            spot = centre + QPointF(math.cos(angle) * r * 0.9, math.sin(angle) * r * 0.9)
            shard = QPainterPath(spot)
            shard.lineTo(spot + QPointF(math.cos(angle + 1.2) * 14, math.sin(angle + 1.2) * 14))
            shard.lineTo(spot + QPointF(math.cos(angle + 0.4) * 22, math.sin(angle + 0.4) * 22))
            shard.closeSubpath()
            painter.drawPath(shard)

    def _paint_message(self, painter: QPainter) -> None:
        painter.setFont(game_font(26, base=self.font()))  # text: it grows with the type scale
        painter.setPen(COLOURS["ink"])
        band = QRectF(0, self.height() * 0.05, self.width(), self.height() * 0.22)
        if self.look == "finished":
            band = QRectF(0, 0, self.width(), self.height())
        painter.drawText(band, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.message)
