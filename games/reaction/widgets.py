"""Qt pieces of the reaction-time view: the stimulus canvas, response buttons, colours and texts."""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from games.kit.widgets import COLOURS as KIT_COLOURS
from games.kit.widgets import button_sheet
from games.widgets import GameColours, game_font, set_base_font, stimulus_area
from i18n import N_

__all__ = ["COLOURS", "FALSE_START", "HINTS", "ResponseButton", "StimulusCanvas", "big_font"]

COLOURS = GameColours({**{name: KIT_COLOURS.roles[name] for name in ("background", "text", "muted")},
                       "fixation": "fixation", "box": "outline", "target": "cue_teal", "go": "cue_green",
                       "nogo": ("cue_orange", "#C98A4B")})
"""From the current game palette (games.look): the go circle and the no-go square differ by shape, not only colour."""

HINTS = {  # catalogue messages (i18n), shown translated
    "simple": N_("Press Space (or the button) as soon as the circle appears."),
    "choice": N_("A box fills in: press its key ({keys}) as fast as you can."),
    "go_nogo": N_("Green circle: press Space at once.  Orange square: do nothing."),
}
FALSE_START = {
    "simple": N_("Too early: wait for the circle, then press."),
    "choice": N_("Too early: wait for a box to fill in, then press its key."),
    "go_nogo": N_("Too early: wait for the shape, then press only for the green circle."),
}
"""What a press before the stimulus shows, in the words of the game's own hint (no jargon)."""
CHOICE_ORDER = {2: ("left", "right"), 4: ("far_left", "left", "right", "far_right")}


def big_font(points: int, bold: bool = False) -> QFont:
    """A font of the given size in points at 100 % (>= 20 for instructions), times the type scale."""
    return game_font(points, bold)


class StimulusCanvas(QWidget):
    """Draws the blank screen, the fixation cross, the choice boxes and the stimulus, nothing else."""

    def __init__(self, variant: str, choices: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.variant = variant
        self.choices = choices
        self.mode = "blank"  # "blank" | "fixation" | "stimulus"
        self.stimulus = ""
        self.paint_end_ns = 0
        self.setMinimumSize(640, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def show_mode(self, mode: str, stimulus: str = "") -> None:
        """Set what to draw; the caller decides between update() and a synchronous repaint()."""
        self.mode = mode
        self.stimulus = stimulus

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), COLOURS["background"])
        if self.variant == "choice" and self.mode != "blank":
            self._draw_boxes(painter)
        elif self.mode == "fixation":
            self._draw_fixation(painter)
        elif self.mode == "stimulus":
            self._draw_shape(painter)
        painter.end()
        self.paint_end_ns = time.perf_counter_ns()

    def unit(self) -> float:
        """The stimulus unit (px): the shorter side of the stimulus area; the circle's radius is 0.2 of it."""
        area = stimulus_area(self)  # never the type scale: the stimulus's size is part of the measure
        return float(min(area.width(), area.height()))

    def _draw_fixation(self, painter: QPainter) -> None:
        centre = QPointF(self.width() / 2, self.height() / 2)
        arm = self.unit() * 0.04
        painter.setPen(QPen(COLOURS["fixation"], max(3.0, arm / 4), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(centre - QPointF(arm, 0), centre + QPointF(arm, 0))
        painter.drawLine(centre - QPointF(0, arm), centre + QPointF(0, arm))

    def _draw_shape(self, painter: QPainter) -> None:
        radius = self.unit() * 0.2
        rect = QRectF(self.width() / 2 - radius, self.height() / 2 - radius, 2 * radius, 2 * radius)  # centred
        painter.setPen(Qt.PenStyle.NoPen)
        if self.stimulus == "nogo":
            painter.setBrush(COLOURS["nogo"])
            painter.drawRoundedRect(rect.adjusted(radius * 0.1, radius * 0.1, -radius * 0.1, -radius * 0.1), 12, 12)
            return
        painter.setBrush(COLOURS["go"] if self.stimulus == "go" else COLOURS["target"])
        painter.drawEllipse(rect)

    def _draw_boxes(self, painter: QPainter) -> None:
        order = CHOICE_ORDER[self.choices]
        area = stimulus_area(self)
        side = min(area.width() / (len(order) + 1), area.height() * 0.45)
        for index, name in enumerate(order):
            cx = self.width() * (index + 0.5) / len(order)
            rect = QRectF(cx - side / 2, self.height() / 2 - side / 2, side, side)
            lit = self.mode == "stimulus" and name == self.stimulus
            painter.setPen(QPen(COLOURS["target"] if lit else COLOURS["box"], 6))
            painter.setBrush(COLOURS["target"] if lit else COLOURS["background"])
            painter.drawRoundedRect(rect, 16, 16)


class ResponseButton(QPushButton):
    """A big on-screen response button that stamps the press in its own handler (mouse or touch)."""

    pressed_at = Signal(object, object)  # perf_counter_ns stamp, Qt event timestamp (ms)

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        self.key = key
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_base_font(self, 24, bold=True)
        self.setMinimumSize(180, 84)
        self.apply_look()

    def apply_look(self) -> None:
        """Its sheet in the current palette (GameWidget.apply_look calls it)."""
        self.setStyleSheet(button_sheet())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        stamp = time.perf_counter_ns()
        if event.button() == Qt.MouseButton.LeftButton and self.isEnabled():
            self.pressed_at.emit(stamp, int(event.timestamp()))
        super().mousePressEvent(event)
