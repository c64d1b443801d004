"""The Tower of London's drawing: the working board (pegs of three heights, balls that can be lifted and dragged)
and the goal board beside it; it reports which peg a press or release landed on."""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPen

from games.tower.board import CAPACITIES, Board
from games.trialkit.widgets import StimulusCanvas, draw_text
from games.widgets import GameColours, draw_mark
from i18n import _

__all__ = ["BALL_COLOURS", "TowerCanvas"]

BALL_COLOURS = GameColours({"R": ("cue_red", "#d9736b"), "G": ("cue_green", "#6fb08a"), "B": ("cue_blue", "#5b8fd9")})
BOARD = GameColours({"wood": ("cue_brown", "#b8a58a"), "goal_line": ("outline", "#cfd8dc"), "goal": "panel"})
"""From the current game palette (games.look); every ball carries its symbol too."""


class TowerCanvas(StimulusCanvas):
    """Draws the working board (left, large) and the goal (right, small); presses and releases name a peg."""

    peg_pressed = Signal(int, object, object)  # peg 0-2 or -1 (no peg), perf_counter_ns, Qt ms
    peg_released = Signal(int, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.setMouseTracking(False)
        self.board: Board = ((), (), ())
        self.goal: Board = ((), (), ())
        self.held: int | None = None  # the peg whose top ball is lifted
        self.drag: QPointF | None = None  # where a dragged ball is drawn
        self.solved_text = ""

    def show_problem(self, board: Board, goal: Board) -> None:
        """A new problem: its start and goal, nothing lifted."""
        self.board, self.goal, self.held, self.drag, self.solved_text = board, goal, None, None, ""
        self.present()

    def show_board(self, board: Board, held: int | None, text: str = "") -> None:
        """The working board after a move (or a pick-up: `held` peg lifted)."""
        self.board, self.held, self.solved_text = board, held, text
        if held is None:
            self.drag = None
        self.update()

    # -- geometry ---------------------------------------------------------------------------------------

    def _area(self, goal: bool) -> QRectF:
        w, h = float(self.width()), float(self.height())
        if goal:
            return QRectF(w * 0.66, h * 0.22, w * 0.30, h * 0.45)
        return QRectF(w * 0.04, h * 0.12, w * 0.58, h * 0.80)

    def _unit(self, area: QRectF) -> float:
        return min(area.width() / 9.0, area.height() / 4.6)

    def _peg_x(self, area: QRectF, peg: int) -> float:
        return area.left() + area.width() * (peg + 0.5) / 3

    def _ball_centre(self, area: QRectF, peg: int, level: int) -> QPointF:
        unit = self._unit(area)
        base = area.bottom() - unit * 0.35
        return QPointF(self._peg_x(area, peg), base - unit * (level + 0.5))

    def peg_at(self, point: QPointF) -> int:
        """The working board's peg a point is over (its column), or -1."""
        area = self._area(False)
        if not area.adjusted(0, -area.height(), 0, 0).contains(point):
            return -1
        return min(2, max(0, int((point.x() - area.left()) / (area.width() / 3))))

    # -- painting ---------------------------------------------------------------------------------------

    def paint_content(self, painter: QPainter) -> None:
        work, goal = self._area(False), self._area(True)
        draw_text(painter, QRectF(work.left(), 0, work.width(), work.top()), _("Your board"), 16, "soft_ink")
        draw_text(painter, QRectF(goal.left(), goal.top() - 44, goal.width(), 36), _("Make it look like this"), 16,
                  "soft_ink")
        self._paint_board(painter, work, self.board, self.held)
        painter.setPen(QPen(BOARD["goal_line"], 1.5))
        painter.setBrush(BOARD["goal"])
        painter.drawRoundedRect(goal.adjusted(-10, -8, 10, 8), 12, 12)
        self._paint_board(painter, goal, self.goal, None)
        if self.solved_text:
            draw_text(painter, QRectF(goal.left() - 10, goal.bottom() + 16, goal.width() + 20, 60),
                      self.solved_text, 20, "ink", bold=True)

    def _paint_board(self, painter: QPainter, area: QRectF, board: Board, held: int | None) -> None:
        unit = self._unit(area)
        base = area.bottom() - unit * 0.35
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BOARD["wood"])
        painter.drawRoundedRect(QRectF(area.left(), base, area.width(), unit * 0.3), 4, 4)
        for peg in range(3):
            x = self._peg_x(area, peg)
            height = unit * (CAPACITIES[peg] + 0.4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BOARD["wood"].darker(110))
            painter.drawRoundedRect(QRectF(x - unit * 0.09, base - height, unit * 0.18, height), 3, 3)
            draw_text(painter, QRectF(x - unit, base + unit * 0.3, unit * 2, unit * 0.6), str(peg + 1),
                      max(10.0, unit * 0.22), "soft_ink")
            for level, ball in enumerate(board[peg]):
                centre = self._ball_centre(area, peg, level)
                if held == peg and level == len(board[peg]) - 1:
                    centre = self.drag or QPointF(x, base - unit * (CAPACITIES[peg] + 1.1))
                self._paint_ball(painter, centre, unit * 0.46, ball)

    def _paint_ball(self, painter: QPainter, centre: QPointF, radius: float, ball: str) -> None:
        colour = BALL_COLOURS[ball]
        painter.setPen(QPen(colour.darker(130), 2))
        painter.setBrush(colour)
        painter.drawEllipse(centre, radius, radius)
        draw_mark(painter, centre, radius * 0.45, list(BALL_COLOURS).index(ball))  # never colour alone

    # -- mouse ------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        stamp = time.perf_counter_ns()
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()  # the view logs a press it does not use
            return
        event.accept()
        self.peg_pressed.emit(self.peg_at(event.position()), stamp, event.timestamp() or None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.held is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.drag = event.position()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        stamp = time.perf_counter_ns()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.drag = None
        self.peg_released.emit(self.peg_at(event.position()), stamp, event.timestamp() or None)
