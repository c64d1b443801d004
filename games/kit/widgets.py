"""Qt pieces the memory and attention games share: colours and fonts (games.look), labels, press-stamping buttons, a
timed stage."""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from games import look as game_look
from games.widgets import GameColours, game_font, set_base_font, stimulus_area

__all__ = ["COLOURS", "ArrowStage", "PressButton", "Stage", "big_font", "button_sheet", "make_label"]

COLOURS = GameColours({
    "background": ("background", "#F4F2ED"),
    "panel": "panel",
    "text": "text",
    "muted": "muted",
    "line": "outline",
    "accent": "cue_teal",
    "blue": "cue_blue",
    "orange": "cue_orange",
    "good": "cue_green",
    "stop": "cue_red",
    "card_back": "card_back",
    "back_pattern": ("mark_ink", "#7F9AB5"),
    "card_face": "panel",
    "focus": "focus",
})
"""Calm colours, from the current game palette (games.look); where a colour carries meaning, a shape or symbol
carries it too (never colour alone)."""


def button_sheet() -> str:
    """The sheet of a PressButton in the current palette."""
    p = game_look.current().palette
    return (f"QPushButton {{ background: {p.button_bg}; color: {p.button_text}; border: 2px solid {p.button_border}; "
            "border-radius: 12px; padding: 6px 14px; }"
            f"QPushButton:pressed {{ background: {p.button_pressed}; }}"
            f"QPushButton:disabled {{ color: {p.disabled_text}; background: {p.disabled_bg}; "
            f"border: 2px dashed {p.outline}; }}")


def big_font(points: int, bold: bool = False) -> QFont:
    """A font of the given size in points at 100 % (instructions use 20 or more), times the type scale."""
    return game_font(points, bold)


def make_label(text: str, points: int, parent: QWidget | None = None, *, bold: bool = False,
               muted: bool = False, centred: bool = False) -> QLabel:
    """A word-wrapped label in the games' fonts and colours (the view's game_sheet colours it by its ink)."""
    label = QLabel(text, parent)
    set_base_font(label, points, bold)
    label.setProperty("ink", "muted" if muted else "text")
    label.setWordWrap(True)
    if centred:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class PressButton(QPushButton):
    """A large on-screen button that stamps perf_counter_ns first thing when pressed (mouse or touch).

    It never takes the keyboard focus: every key belongs to the game's view.
    """

    pressed_at = Signal(object, object)  # perf_counter_ns stamp, Qt event timestamp (ms)

    def __init__(self, label: str, name: str, parent: QWidget | None = None, *, points: int = 22,
                 width: int = 84, height: int = 72) -> None:
        super().__init__(label, parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_base_font(self, points, bold=True)
        self.setMinimumSize(width, height)
        self.apply_look()

    def apply_look(self) -> None:
        """Its sheet in the current palette (GameWidget.apply_look calls it)."""
        self.setStyleSheet(button_sheet())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        stamp = time.perf_counter_ns()
        if event.button() == Qt.MouseButton.LeftButton and self.isEnabled():
            self.pressed_at.emit(stamp, int(event.timestamp()))
        super().mousePressEvent(event)


class Stage(QWidget):
    """The area a game draws its stimuli on; `present()` draws synchronously between two stamps (docs/TIMING.md)."""

    def __init__(self, parent: QWidget | None = None, min_width: int = 560, min_height: int = 300) -> None:
        super().__init__(parent)
        self.setMinimumSize(min_width, min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def present(self, area: QRect | None = None) -> tuple[int, int]:
        """Repaint now (paint into the backing store and flush it to the window system), the whole stage or just
        `area`, and return the perf_counter_ns stamps taken just before (requested) and just after (presented)."""
        requested = time.perf_counter_ns()
        if area is None:
            self.repaint()
        else:
            self.repaint(area)
        return requested, time.perf_counter_ns()


ARROW_STYLES = {"plain": ("text", True), "centre": ("blue", True), "flankers": ("orange", False)}
"""Arrow styles: (colour, solid). The switch block's rules differ by colour AND by fill AND by frames."""


class ArrowStage(Stage):
    """Draws the fixation cross, a row of arrows (None: a neutral line) in a style, the stop cross, or a message.

    Style "centre" (blue, solid arrows, a frame round the middle one) and "flankers" (orange, outlined arrows,
    frames round the outer ones) tell the switch block's rule by colour, fill and frame together.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, 640, 320)
        self.mode = "blank"  # blank | fixation | arrows | message
        self.arrows: list[str | None] = []
        self.arrow_style = "plain"
        self.stop = False
        self.message = ""

    def show_fixation(self) -> None:
        """A small cross in the middle."""
        self.mode, self.stop = "fixation", False

    def show_arrows(self, arrows: list[str | None], style: str = "plain") -> None:
        """A row of arrows ("left" / "right" / None for a plain line) in a style."""
        self.mode, self.arrows, self.arrow_style, self.stop = "arrows", arrows, style, False

    def show_stop(self) -> None:
        """Put the stop signal (a thick red cross) over the arrows."""
        self.stop = True

    def show_message(self, text: str) -> None:
        """A message in the middle."""
        self.mode, self.message, self.stop = "message", text, False

    def clear(self) -> None:
        """Nothing."""
        self.mode, self.stop = "blank", False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), COLOURS["background"])
        centre = QPointF(self.width() / 2, self.height() / 2)
        area = stimulus_area(self)  # never the type scale: the arrows' size and spacing are part of the measure
        unit = min(area.width() / max(6, len(self.arrows) + 1), area.height() / 3)
        if self.mode == "fixation":
            painter.setPen(QPen(COLOURS["muted"], 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(centre - QPointF(14, 0), centre + QPointF(14, 0))
            painter.drawLine(centre - QPointF(0, 14), centre + QPointF(0, 14))
        elif self.mode == "arrows":
            self._arrows(painter, centre, unit)
        elif self.mode == "message":
            painter.setPen(COLOURS["text"])
            painter.setFont(game_font(22))
            painter.drawText(QRectF(self.rect()).adjusted(30, 10, -30, -10),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.message)
        painter.end()

    def _arrows(self, painter: QPainter, centre: QPointF, unit: float) -> None:
        colour_name, solid = ARROW_STYLES.get(self.arrow_style, ARROW_STYLES["plain"])
        colour = QColor(COLOURS[colour_name])
        n = len(self.arrows)
        middle = n // 2
        for i, direction in enumerate(self.arrows):
            at = QPointF(centre.x() + (i - middle) * unit * 1.1, centre.y())
            if self.stop:
                colour.setAlpha(90)
            self._arrow(painter, at, unit * 0.45, direction, colour, solid)
            framed = (self.arrow_style == "centre" and i == middle) or (self.arrow_style == "flankers" and i != middle)
            if framed and n > 1:
                painter.setPen(QPen(COLOURS[colour_name], 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(at.x() - unit * 0.52, at.y() - unit * 0.52, unit * 1.04, unit * 1.04),
                                        10, 10)
        if self.stop:
            arm = unit * 0.6
            painter.setPen(QPen(COLOURS["stop"], max(8.0, unit * 0.16), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm))
            painter.drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm))

    @staticmethod
    def _arrow(painter: QPainter, at: QPointF, r: float, direction: str | None, colour: QColor, solid: bool) -> None:
        if direction is None:  # a neutral flanker: a plain bar, no head
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(at.x() - r, at.y() - r * 0.14, 2 * r, r * 0.28))
            return
        s = -1.0 if direction == "left" else 1.0
        pts = [(-1.0, -0.14), (0.2, -0.14), (0.2, -0.55), (1.0, 0.0), (0.2, 0.55), (0.2, 0.14), (-1.0, 0.14)]
        polygon = QPolygonF([QPointF(at.x() + s * x * r, at.y() + y * r) for x, y in pts])
        if solid:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
        else:
            painter.setPen(QPen(colour, max(2.5, r * 0.09)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(polygon)
