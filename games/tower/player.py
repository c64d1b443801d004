"""Scripted Tower of London player with a known planning depth, playing the real view by keys or mouse drags.

A player with planning depth d sees the goal when it is at most d moves away: it then makes a move on a
shortest path (breadth-first search, games/tower/board.py). When the goal is further away it makes one
detour move (a legal move that does not bring the goal closer) and afterwards sees the way. So it solves
exactly the problems whose minimum is at most d in the minimum number of moves, and every other problem
in more: the expected share of problems solved in the minimum is known in advance. It thinks
`plan_ms_per_move` ms per move it can see before its first move (initial planning time).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from games.tower.board import Board, distances, next_boards
from games.tower.view import TowerView
from games.tower.widgets import TowerCanvas
from games.trialkit.player import TrialPlayer

__all__ = ["TowerPlayer", "choose_move"]

KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)


def choose_move(board: Board, goal: Board, depth: int, detoured: bool) -> tuple[int, int, bool]:
    """(source, target, detour made) of a player with planning depth `depth` (see the module docstring)."""
    far = distances(goal)
    now = far[board]
    options = list(next_boards(board))
    if now <= depth or detoured:
        source, target, _ = min(options, key=lambda o: (far[o[2]], o[0], o[1]))
        return source, target, detoured
    source, target, _ = next(o for o in options if far[o[2]] >= now)
    return source, target, True


class TowerPlayer(TrialPlayer[TowerView]):
    """Plays each problem with planning depth `depth` (default 5: every default problem in the minimum)."""

    def __init__(self, depth: int = 5, *, speed: float = 1.0, plan_ms_per_move: float = 900.0,
                 move_ms: float = 700.0, input: str = "key") -> None:
        super().__init__(speed=speed, think_ms=move_ms, input=input)
        self.depth = depth
        self.plan_ms_per_move = plan_ms_per_move
        self.move_ms = move_ms
        self._detoured = False

    def first_delay_ms(self, trial: int) -> float:
        self._detoured = False
        plan = self.view.tower_rules.plan[trial]
        return float(self.plan_ms_per_move * min(self.depth, plan.min_moves))

    def act(self, view: TowerView) -> None:
        trial = view.state.trial
        goal = view.tower_rules.plan[trial].goal
        source, target, self._detoured = choose_move(view.state.board, goal, self.depth, self._detoured)
        if self.use_mouse(trial):
            self._drag(view, source, target, trial)
        else:
            self.actions.append((trial, f"{source + 1}>{target + 1}", "key"))
            QTest.keyClick(view, KEYS[source])
            QTest.keyClick(view, KEYS[target])
        if view.state.phase in view.rules.trial_phases:
            self.again(self.move_ms)

    def _drag(self, view: TowerView, source: int, target: int, trial: int) -> None:
        canvas = view.board_canvas
        self.actions.append((trial, f"{source + 1}>{target + 1}", "mouse"))
        start, end = _peg_point(canvas, source), _peg_point(canvas, target)
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        QTest.mouseMove(canvas, end)
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def _peg_point(canvas: TowerCanvas, peg: int) -> QPoint:
    """A point over peg `peg` of the working board."""
    area = canvas._area(False)
    point = QPointF(area.left() + area.width() * (peg + 0.5) / 3, area.bottom() - area.height() * 0.3)
    return point.toPoint()
