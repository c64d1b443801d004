"""The card board: face-down cards, faces drawn as a shape (solid or outlined) in its own colour, a keyboard cursor.

Colour is never the only cue: every face differs from every other by shape or by fill (solid / outline).
Found pairs stay face up, faded, with a tick. The cursor is a thick amber frame around the card.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from games.kit.widgets import COLOURS, Stage
from games.widgets import GameColours, game_font

__all__ = ["CardBoard", "symbol_path"]

SHAPE_COLOURS = GameColours({
    "circle": ("cue_blue", "#2F6DB5"), "square": ("cue_orange", "#C46A1A"), "triangle": ("cue_green", "#3C8D6E"),
    "diamond": ("cue_purple", "#8E44AD"), "star": ("cue_yellow", "#B7950B"), "plus": ("cue_red", "#C0392B"),
    "hexagon": ("cue_teal", "#16808D"), "cross": ("cue_grey", "#5D6D7E"), "heart": ("cue_pink", "#C2185B"),
})
"""Each face's colour from the current game palette (games.look); the shapes differ anyway."""


def _polygon(points: list[tuple[float, float]], centre: QPointF, r: float) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(centre.x() + x * r, centre.y() + y * r) for x, y in points]))
    path.closeSubpath()
    return path


def _star(n: int = 5) -> list[tuple[float, float]]:
    return [((1.0 if i % 2 == 0 else 0.42) * math.sin(i * math.pi / n),
             -(1.0 if i % 2 == 0 else 0.42) * math.cos(i * math.pi / n)) for i in range(2 * n)]


def _bar_cross(rotated: bool) -> list[tuple[float, float]]:
    w = 0.3
    pts = [(-w, -1), (w, -1), (w, -w), (1, -w), (1, w), (w, w), (w, 1), (-w, 1), (-w, w), (-1, w), (-1, -w), (-w, -w)]
    if not rotated:
        return pts
    c = math.sqrt(0.5)
    return [((x - y) * c, (x + y) * c) for x, y in pts]


def symbol_path(shape: str, centre: QPointF, r: float) -> QPainterPath:
    """The outline of a card symbol's shape around `centre`, radius about `r`."""
    if shape == "circle":
        path = QPainterPath()
        path.addEllipse(centre, r, r)
        return path
    if shape == "heart":
        path = QPainterPath(QPointF(centre.x(), centre.y() + r))
        path.cubicTo(centre.x() - 1.6 * r, centre.y() - 0.1 * r, centre.x() - 0.7 * r, centre.y() - 1.3 * r,
                     centre.x(), centre.y() - 0.45 * r)
        path.cubicTo(centre.x() + 0.7 * r, centre.y() - 1.3 * r, centre.x() + 1.6 * r, centre.y() - 0.1 * r,
                     centre.x(), centre.y() + r)
        return path
    shapes: dict[str, list[tuple[float, float]]] = {
        "square": [(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)],
        "triangle": [(0, -1), (0.95, 0.8), (-0.95, 0.8)],
        "diamond": [(0, -1), (0.8, 0), (0, 1), (-0.8, 0)],
        "star": _star(),
        "hexagon": [(math.cos(a), math.sin(a)) for a in (i * math.pi / 3 for i in range(6))],
        "plus": _bar_cross(False),
        "cross": _bar_cross(True),
    }
    return _polygon(shapes[shape], centre, r)


class CardBoard(Stage):
    """Draws one board; reports clicks on a card as (position, perf_counter_ns stamp, Qt ms)."""

    card_clicked = Signal(int, object, object)  # position (-1: not on a card), stamp, Qt event timestamp

    def __init__(self, rows: int, cols: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, 520, 420)
        self.rows, self.cols = rows, cols
        self.layout_symbols: tuple[str, ...] = ()
        self.face_up: frozenset[int] = frozenset()
        self.found: frozenset[int] = frozenset()
        self.cursor_at = 0
        self.show_cursor = False
        self.message = ""

    def set_board(self, symbols: tuple[str, ...], face_up: frozenset[int], found: frozenset[int], cursor: int,
                  show_cursor: bool, message: str = "") -> None:
        """What to draw next (call update() or present())."""
        self.layout_symbols, self.face_up, self.found = symbols, face_up, found
        self.cursor_at, self.show_cursor, self.message = cursor, show_cursor, message

    def card_rect(self, position: int) -> QRectF:
        """Where a card is drawn."""
        gap = 12.0
        side = min((self.width() - gap * (self.cols + 1)) / self.cols,
                   (self.height() - gap * (self.rows + 1)) / self.rows)
        x0 = (self.width() - (side * self.cols + gap * (self.cols - 1))) / 2
        y0 = (self.height() - (side * self.rows + gap * (self.rows - 1))) / 2
        row, col = divmod(position, self.cols)
        return QRectF(x0 + col * (side + gap), y0 + row * (side + gap), side, side)

    def cards_area(self, *positions: int) -> QRect:
        """The screen area of some cards, their cursor frames included (what a flip or a move's end repaints)."""
        area = QRect()
        for position in positions:
            area = area.united(self.card_rect(position).toAlignedRect().adjusted(-10, -10, 10, 10))
        return area

    def position_at(self, point: QPointF) -> int:
        """The card under a point, or -1."""
        for position in range(self.rows * self.cols):
            if self.card_rect(position).contains(point):
                return position
        return -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        stamp = time.perf_counter_ns()
        if event.button() == Qt.MouseButton.LeftButton:
            self.card_clicked.emit(self.position_at(event.position()), stamp, int(event.timestamp()))
            event.accept()
            return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), COLOURS["background"])
        if self.layout_symbols:
            for position in range(len(self.layout_symbols)):
                self._card(painter, position)
        if self.message:
            painter.setPen(COLOURS["text"])
            painter.setFont(game_font(20, base=painter.font()))  # 26 px at 100 % (96 dpi)
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             self.message)
        painter.end()

    def _card(self, painter: QPainter, position: int) -> None:
        rect = self.card_rect(position)
        up = position in self.face_up or position in self.found
        painter.setPen(QPen(COLOURS["line"], 2))
        painter.setBrush(COLOURS["card_face"] if up else COLOURS["card_back"])
        painter.drawRoundedRect(rect, 10, 10)
        if not up:
            painter.setPen(QPen(COLOURS["back_pattern"], 2))
            painter.drawRoundedRect(rect.adjusted(8, 8, -8, -8), 6, 6)
        else:
            self._face(painter, rect, self.layout_symbols[position], faded=position in self.found)
        if self.show_cursor and position == self.cursor_at:
            painter.setPen(QPen(COLOURS["focus"], 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), 12, 12)

    def _face(self, painter: QPainter, rect: QRectF, symbol: str, faded: bool) -> None:
        shape = symbol.removesuffix("_outline")
        colour = QColor(SHAPE_COLOURS[shape])
        if faded:
            colour.setAlpha(110)
        path = symbol_path(shape, rect.center(), rect.width() * 0.3)
        if symbol.endswith("_outline"):
            painter.setPen(QPen(colour, max(3.0, rect.width() * 0.06)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
        painter.drawPath(path)
        if faded:
            painter.setPen(QPen(COLOURS["good"], 3))
            corner = rect.topRight() + QPointF(-18, 16)
            painter.drawPolyline(QPolygonF([corner + QPointF(-7, 0), corner + QPointF(-2, 5), corner + QPointF(7, -6)]))
