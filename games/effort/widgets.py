"""The effort game's drawing: the offer (win probability, both tasks and rewards) and the task (a bar that fills
with each press and a bar of the time left)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from games.trialkit.widgets import StimulusCanvas, draw_text
from games.widgets import GameColours
from i18n import _

__all__ = ["EffortCanvas", "money"]

BARS = GameColours({"easy": ("cue_green", "#6fb08a"), "hard": ("cue_blue", "#5b8fd9"), "clock": ("cue_grey", "#b0bec5"),
                    "frame": ("outline", "#90a4ae"), "empty": "panel", "done": ("cue_green", "#4f9a6b")})
"""From the current game palette (games.look)."""


def money(cents: int) -> str:
    """Cents as dollars: 312 -> '$3.12'."""
    return f"${cents // 100}.{cents % 100:02d}"


class EffortCanvas(StimulusCanvas):
    """Offer mode (probability, easy and hard task) or task mode (presses so far, time left)."""

    def __init__(self) -> None:
        super().__init__()
        self.mode = "offer"
        self.probability = 0
        self.easy = ("", "")
        self.hard = ("", "")
        self.choice = "easy"
        self.required = 1
        self.presses = 0
        self.time_left = 1.0  # share of the task's time left
        self.text = ""

    def show_offer(self, probability: int, easy: tuple[str, str], hard: tuple[str, str]) -> None:
        """A new offer: (reward, task) of each choice."""
        self.mode, self.probability, self.easy, self.hard, self.text = "offer", probability, easy, hard, ""
        self.present()

    def show_task(self, choice: str, required: int) -> None:
        """The chosen task's bars, empty (its onset is reported after the paint)."""
        self.mode, self.choice, self.required, self.presses, self.time_left, self.text = (
            "task", choice, required, 0, 1.0, "")
        self.present()

    def show_progress(self, presses: int, time_left: float) -> None:
        """Presses so far and the share of time left."""
        self.presses, self.time_left = presses, max(0.0, min(1.0, time_left))
        self.update()

    def show_result(self, text: str) -> None:
        """The trial's outcome, over the last picture."""
        self.text = text
        self.update()

    def paint_content(self, painter: QPainter) -> None:
        if self.mode == "offer":
            self._paint_offer(painter)
        else:
            self._paint_task(painter)
        if self.text:
            draw_text(painter, QRectF(0, self.height() * 0.78, self.width(), self.height() * 0.2), self.text, 22,
                      "ink", bold=True)

    def _paint_offer(self, painter: QPainter) -> None:
        w, h = float(self.width()), float(self.height())
        headline = _("{chance} % chance to win if you finish the task").format(chance=self.probability)
        draw_text(painter, QRectF(0, h * 0.02, w, h * 0.2), headline, 24, "ink", bold=True)
        for n, (colour, title, (reward, task)) in enumerate(((BARS["easy"], _("Easy (E)"), self.easy),
                                                             (BARS["hard"], _("Hard (H)"), self.hard))):
            box = QRectF(w * (0.08 + 0.46 * n), h * 0.26, w * 0.38, h * 0.48)
            painter.setPen(QPen(colour.darker(120), 2.5))
            painter.setBrush(colour.lighter(170))
            painter.drawRoundedRect(box, 16, 16)
            draw_text(painter, QRectF(box.left(), box.top() + 8, box.width(), box.height() * 0.25), title, 22, "ink",
                      bold=True)
            draw_text(painter, QRectF(box.left(), box.top() + box.height() * 0.3, box.width(), box.height() * 0.3),
                      reward, 30, "ink", bold=True)
            draw_text(painter, QRectF(box.left() + 10, box.top() + box.height() * 0.62, box.width() - 20,
                                      box.height() * 0.34), task, 16, "soft_ink")

    def _paint_task(self, painter: QPainter) -> None:
        w, h = float(self.width()), float(self.height())
        colour = BARS["easy" if self.choice == "easy" else "hard"]
        draw_text(painter, QRectF(0, h * 0.04, w, h * 0.16),
                  _("Press Space {count} times before the time runs out").format(count=self.required), 22, "ink",
                  bold=True)
        bar = QRectF(w * 0.1, h * 0.28, w * 0.8, h * 0.16)
        self._bar(painter, bar, self.presses / max(1, self.required), colour,
                  _("{done} of {required} presses").format(done=self.presses, required=self.required))
        clock = QRectF(w * 0.1, h * 0.54, w * 0.8, h * 0.07)
        self._bar(painter, clock, self.time_left, BARS["clock"], "")
        draw_text(painter, QRectF(clock.left(), clock.bottom() + 4, clock.width(), 30), _("time left"), 14, "soft_ink")

    def _bar(self, painter: QPainter, rect: QRectF, share: float, colour: QColor, text: str) -> None:
        painter.setPen(QPen(BARS["frame"], 1.5))
        painter.setBrush(BARS["empty"])
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour if share < 1 else BARS["done"])
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), rect.width() * min(1.0, share), rect.height()), 8, 8)
        if text:
            draw_text(painter, rect, text, 18, "ink", bold=True)
