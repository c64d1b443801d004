"""Qt pieces the trial games share: a canvas that reports when a new trial's first frame was painted, a button
that stamps its click, labels, and the colours and text sizes of the game look (games.look)."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from games.look import GameLook
from games.widgets import GameColours, game_font, game_sheet, set_base_font

__all__ = ["COLOURS", "STYLE", "StampButton", "StimulusCanvas", "draw_text", "label", "style"]

COLOURS = GameColours({
    "background": "background", "ink": ("text", "#37474f"), "soft_ink": ("muted", "#5b6775"),
    "good": ("good", "#2e7051"), "bad": ("bad", "#a4262c"), "panel": "panel", "outline": ("outline", "#b0bec5"),
})
"""The trial games' colours from the current game palette (games.look)."""


def style(look: GameLook | None = None) -> str:
    """The trial view's sheet in `look` (text sizes are per widget: GameWidget.apply_look)."""
    return game_sheet(look) + "QPushButton { border-radius: 12px; padding: 8px 22px; }"


STYLE = style(GameLook())
"""The sheet in the standard look (a view is restyled in the current look when shown)."""


def label(text: str, points: int, ink: str = "text", bold: bool = False) -> QLabel:
    """A word-wrapped label of the view (ink "text" or "muted"), its size at the type scale."""
    widget = QLabel(text)
    set_base_font(widget, points, bold)
    widget.setProperty("ink", ink)
    widget.setWordWrap(True)
    return widget


def draw_text(painter: QPainter, rect: QRectF, text: str, points: float, colour: QColor | str = "ink",
              bold: bool = False) -> None:
    """Centred, word-wrapped text in a rectangle, `points` at 100 % times the type scale; `colour` a QColor or one
    of COLOURS' names (read from the current palette)."""
    painter.setFont(game_font(points, bold, painter.font()))
    painter.setPen(COLOURS[colour] if isinstance(colour, str) else colour)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)


class StampButton(QPushButton):
    """A large button that stamps perf_counter_ns first thing when the mouse (or touch) releases on it."""

    def __init__(self, text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the game, not the button
        self.setMinimumHeight(64)
        self.setMinimumWidth(150)
        set_base_font(self, 20)
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
        painter.fillRect(self.rect(), COLOURS["background"])
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
