"""The Qt view of the Tower of London: keys 1-3 pick up the top ball of a peg and 1-3 put it down (Esc puts it
back); with the mouse a ball is dragged to another peg, or clicked up and clicked down. Each move is stamped
when the ball is put down, its pick-up when it was lifted. Illegal drops (a full peg) are logged as ignored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from eventlog.recorder import Recorder
from games.core import Emission, IgnoreReason
from games.tower.board import legal
from games.tower.events import TowerTrialEnded
from games.tower.params import TowerParams
from games.tower.rules import SOLVING, TowerRules
from games.tower.widgets import TowerCanvas
from games.trialkit.fields import InputKind
from games.trialkit.view import KeyHandler, TrialGameView
from i18n import N_, _

__all__ = ["PEG_KEYS", "TowerView"]

PEG_KEYS = {int(Qt.Key.Key_1): 0, int(Qt.Key.Key_2): 1, int(Qt.Key.Key_3): 2}


class TowerView(TrialGameView):
    """One Tower of London game."""

    trial_noun = (N_("Problem {number} of {total}"), N_("Problem {number}"))

    def __init__(self, recorder: Recorder, params: TowerParams, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, params, seed, parent)
        self.held: int | None = None  # the peg whose top ball is lifted
        self._picked_perf = 0
        self._armed = False  # the press of the current click lifted the ball
        self.board_canvas.peg_pressed.connect(self._mouse_pressed)
        self.board_canvas.peg_released.connect(self._mouse_released)

    def make_rules(self, params: TowerParams, seed: int) -> TowerRules:
        return TowerRules(params, seed)

    def make_canvas(self) -> TowerCanvas:
        return TowerCanvas()

    @property
    def tower_rules(self) -> TowerRules:
        """The rules, typed."""
        assert isinstance(self.rules, TowerRules)
        return self.rules

    @property
    def board_canvas(self) -> TowerCanvas:
        """The canvas, typed."""
        assert isinstance(self.canvas, TowerCanvas)
        return self.canvas

    def hint_text(self) -> str:
        return _("Keys:  1, 2, 3 = pick up the top ball of that peg, then 1, 2, 3 = put it there    Esc = put it "
                 "back\nMouse: drag a ball to another peg")

    def key_handler(self, key: int) -> KeyHandler | None:
        if key in PEG_KEYS:
            return lambda t, source, name, qt_ms: self._peg(PEG_KEYS[key], t, source, name, qt_ms)
        if key == Qt.Key.Key_Escape:
            return lambda t, source, name, qt_ms: self._put_back()
        return None

    # -- picking up and putting down --------------------------------------------------------------------

    def _peg(self, peg: int, t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
        if self.held is None:
            return self._pick(peg, t_perf)
        if peg == self.held:
            return self._put_back()
        return self._drop(peg, t_perf, source, key, qt_ms)

    def _pick(self, peg: int, t_perf: int) -> IgnoreReason | None:
        if peg < 0 or not self.state.board[peg]:
            return "no_target"
        self.held, self._picked_perf = peg, t_perf
        self.board_canvas.show_board(self.state.board, peg)
        return None

    def _put_back(self) -> IgnoreReason | None:
        if self.held is None:
            return "no_target"
        self.held = None
        self.board_canvas.show_board(self.state.board, None)
        return None

    def _drop(self, peg: int, t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
        assert self.held is not None
        if peg < 0 or not legal(self.state.board, self.held, peg):
            return "no_target"
        held, self.held = self.held, None
        self.apply(self.tower_rules.move(self.state, held, peg, self.now(t_perf),
                                         self.now(self._picked_perf), source, key, qt_ms))
        if self.state.phase == SOLVING:
            self.board_canvas.show_board(self.state.board, None)
        return None

    def _mouse_pressed(self, peg: int, t_perf: int, qt_ms: int | None) -> None:
        reason = self.gate_reason() or (None if self.state.phase == SOLVING else "between_trials")
        if reason is None and self.held is None:
            reason = self._pick(peg, t_perf)
            self._armed = reason is None
        if reason is not None:
            self.ignore_input("mouse", "left", reason, t_perf, qt_ms=qt_ms, target="tower_canvas")

    def _mouse_released(self, peg: int, t_perf: int, qt_ms: int | None) -> None:
        if self.gate_reason() or self.state.phase != SOLVING or self.held is None:
            return  # the press was logged (or acted) already
        armed, self._armed = self._armed, False
        if peg == self.held:
            if not armed:
                self._put_back()  # a second click on the lifted ball's peg puts it back
            else:
                self.board_canvas.show_board(self.state.board, self.held)  # clicked up: it stays lifted
            return
        why = self._drop(peg, t_perf, "mouse", "left", qt_ms)
        if why is not None:
            self.ignore_input("mouse", "left", why, t_perf, qt_ms=qt_ms, target="tower_canvas")
            self.board_canvas.show_board(self.state.board, self.held)

    # -- trials -----------------------------------------------------------------------------------------

    def show_trial(self, trial: int) -> None:
        self.held = None
        plan = self.tower_rules.plan[trial]
        self.board_canvas.show_problem(plan.start, plan.goal)

    def trial_abandoned(self) -> None:
        self.held = None
        super().trial_abandoned()

    def show_feedback(self, emitted: tuple[Emission, ...]) -> int:
        ended = emitted[-1].payload
        assert isinstance(ended, TowerTrialEnded)
        if ended.outcome == "solved":
            text = (_("Solved in the fewest moves!") if ended.excess_moves == 0
                    else _("Solved in {moves} moves.").format(moves=ended.moves))
        else:
            text = _("Move limit reached ({moves} moves).").format(moves=ended.moves)
        self.board_canvas.show_board(self.state.board, None, text)
        return int(self.params.feedback_ms)

    def status_text(self) -> str:
        return _("Moves: {moves}    Solved: {solved}").format(moves=self.state.moves, solved=self.state.solved)

    def end_text(self) -> str:
        return _("All {done} problems done.\nSolved {solved}.").format(done=self.state.done, solved=self.state.solved)
