"""The Qt view of the card match game: turns cards by mouse or keyboard, stamps each face when it is drawn.

Timing (docs/TIMING.md): a flip's t_ns is the input stamp (first statement of the key or click handler);
the face is then drawn with the board's synchronous repaint and `presented_t_ns` stamped after it. A new
board and the end of a move (cards turned back) are stamped the same way. Keys: arrows move the cursor
(the amber frame), Space or Enter turns the card under it; a click turns the card clicked. suspend() keeps
the cards as they are and stops the reveal and board timers; resume() restarts them. resume_from(events)
continues a crashed session on the same board with the pairs found so far.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from eventlog.recorder import Recorder
from eventlog.records import EventRecord
from games.card_match import rules
from games.card_match.params import CardMatchParams
from games.card_match.rules import CardMatchState, InputKind
from games.card_match.widgets import CardBoard
from games.core import Emission, game_records, record_emissions, unless_suspended
from games.kit.widgets import COLOURS, make_label
from games.widgets import GameWidget, key_name
from i18n import _

__all__ = ["CardMatchView"]

ARROWS = {Qt.Key.Key_Left: "Left", Qt.Key.Key_Right: "Right", Qt.Key.Key_Up: "Up", Qt.Key.Key_Down: "Down"}
TURN_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CardMatchView(GameWidget):
    """One card match game: one or more boards of face-down pairs."""

    phase_before_start = "not_started"
    card_did_flip = Signal(int, str, int)  # position, symbol, 1 or 2: after card_match.flip is recorded
    board_did_start = Signal(int)

    def __init__(self, recorder: Recorder, params: CardMatchParams, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.params = params
        self.seed = seed
        self.state: CardMatchState = rules.new_game(params, random.Random(seed), seed)
        self.scripted_player: object | None = None
        self._keyboard_used = False
        self._timer("reveal", self._on_reveal_over, precise=True)
        self._timer("board", self._on_next_board, precise=True)
        self._build()

    def _build(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), COLOURS["background"])
        self.setPalette(palette)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 24, 32, 20)
        header = QHBoxLayout()
        header.addWidget(make_label(_("Card match"), 24, self, bold=True))
        header.addStretch(1)
        self.progress = make_label("", 20, self, muted=True)
        self.progress.setWordWrap(False)
        header.addWidget(self.progress)
        root.addLayout(header)
        self.board = CardBoard(self.params.rows, self.params.cols, self)
        self.board.setObjectName("board")
        self.board.card_clicked.connect(self._clicked)
        root.addWidget(self.board, 1)
        root.addWidget(make_label(_("Click a card to turn it, or move with the arrow keys and press Space. Find the "
                                    "pairs in as few moves as you can."), 18, self, muted=True, centred=True))

    # -- the game's flow ------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        """The rules' phase: not_started, between, ready, one_up, revealing or finished."""
        return self.state.phase

    @property
    def current_trial(self) -> int | None:
        """The move on screen, or the last one."""
        return self.state.move if self.state.move >= 0 else None

    def start(self) -> None:
        """Record card_match.game_started and show the first board."""
        self._apply(rules.start_game(self.state, self._now()))
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._on_next_board()

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue a crashed session on the same board, the pairs found so far still found."""
        restored = rules.restore(self.state, game_records(events, self.recorder.game, "card_match."))
        if restored.state.phase == "not_started":
            self.start()
            return
        self.state = restored.state
        if self.finished:
            self._show_end()
            self._announce_finished_later(self.summary())
            return
        self._apply(rules.resume_game(restored, self._now()))
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.state.phase == "ready":
            self._draw()
            self.board.update()
            self._ready()
        else:
            self._board_over_or_next()

    def _freeze(self) -> None:
        """Stop the timers: turned cards stay as they are until resume."""
        self._stop_timers()

    def _thaw(self) -> None:
        """Carry on: turned cards get their reveal time again; between boards the next board comes."""
        if self.state.phase == "revealing":
            self._timers["reveal"].start(self.params.reveal_ms)
        elif self.state.phase == "between":
            self._timers["board"].start(self.params.board_pause_ms)

    @unless_suspended
    def _on_next_board(self) -> None:
        if rules.is_done(self.state):
            self._finish()
            return
        self.board.set_board(self.state.layouts[self.state.board], frozenset(), frozenset(), 0, self._keyboard_used)
        requested, presented = self.board.present()
        self._apply(rules.start_board(self.state, self._since(requested), self._since(presented)))
        self.board_did_start.emit(self.state.board)
        self._ready()

    def _ready(self) -> None:
        """The board waits for the next move."""
        s = self.state
        self.progress.setText(_("Board {board} of {boards} · pairs {found} of {pairs} · moves {moves}").format(
            board=s.board + 1, boards=self.params.boards, found=s.pairs_found, pairs=self.params.pairs,
            moves=s.board_moves))
        self.trial_will_start.emit(s.move + 1)

    def _draw(self, message: str = "") -> None:
        s = self.state
        self.board.set_board(s.layout, s.face_up(), s.found, s.cursor, self._keyboard_used, message)

    def _turn(self, position: int, stamp: int, source: InputKind, qt_ms: int | None, key: str = "left") -> None:
        if self.suspended or not rules.can_flip(self.state, position):
            reason = self.gate_reason() or ("control_disabled" if position >= 0 and self.state.phase in (
                "ready", "one_up") else "no_target" if position < 0 else "between_trials")
            self.ignore_input(source, key, reason, stamp, qt_ms=qt_ms,
                              target=f"card {position}" if source == "mouse" and position >= 0 else None)
            return
        shown = self.state.face_up() | {position}
        self.board.set_board(self.state.layout, shown, self.state.found, position, self._keyboard_used)
        _, presented = self.board.present(self.board.cards_area(position, self.state.cursor))
        emitted = self._apply(rules.flip(self.state, position, self._since(stamp), self._since(presented), source,
                                         qt_ms))
        flip_number = 1 if self.state.phase == "one_up" else 2
        if self.state.phase == "revealing":
            self._timers["reveal"].start(self.params.reveal_ms)  # before the signal: a slot may suspend the game
        self.card_did_flip.emit(position, str(getattr(emitted[0].payload, "symbol", "")), flip_number)

    @unless_suspended
    def _on_reveal_over(self) -> None:
        s = self.state
        self.board.set_board(s.layout, s.found, s.found, s.cursor, self._keyboard_used)
        turned = [p for p in (s.first, s.second) if p is not None]
        requested, presented = self.board.present(self.board.cards_area(*turned))
        self._apply(rules.end_move(s, self._since(requested), self._since(presented)))
        self.recorder.checkpoint()
        if self.state.phase == "ready":
            self._ready()
        else:
            self._board_over_or_next()

    def _board_over_or_next(self) -> None:
        """Between boards: record the completed board (if not yet) and show the next one after a pause."""
        if self.state.board_done:
            self._apply(rules.complete_board(self.state, self._now()))
            self.progress.setText(_("Board {board} of {boards} done").format(board=self.state.board,
                                                                             boards=self.params.boards))
            self._draw(_("All pairs found!") if not rules.is_done(self.state) else "")
            self.board.update()
        self._timers["board"].start(self.params.board_pause_ms if not rules.is_done(self.state) else 0)

    def _finish(self) -> None:
        self._apply(rules.end_game(self.state, self._now()))
        self.recorder.checkpoint()
        self._show_end()
        self.game_did_finish.emit(self.summary())

    def _show_end(self) -> None:
        self._stop_timers()
        self.progress.setText("")
        self.board.set_board((), frozenset(), frozenset(), 0, False, _("Done. Thank you!"))
        self.board.update()

    def summary(self) -> dict[str, Any]:
        """The totals card_match.game_ended records."""
        return {"boards": self.state.board, "moves": self.state.move + 1, "pairs": self.state.total_pairs}

    def face(self, position: int) -> str | None:
        """The symbol of a card if it is face up now (what a person at the screen can see), else None."""
        return self.state.layout[position] if position in self.state.face_up() else None

    # -- input ----------------------------------------------------------------------------------

    def _clicked(self, position: int, stamp: int, qt_ms: int) -> None:
        if self.gate_reason() is not None:
            self.ignore_input("mouse", "left", self.gate_reason() or "suspended", stamp, qt_ms=qt_ms or None,
                              target=f"card {position}" if position >= 0 else "board")
            return
        self._turn(position, stamp, "mouse", qt_ms or None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        stamp = time.perf_counter_ns()
        key = event.key()
        qt_ms = int(event.timestamp()) or None
        if key in ARROWS and self.state.phase in ("ready", "one_up", "revealing") and not self.suspended:
            self._keyboard_used = True
            self._apply(rules.move_cursor(self.state, ARROWS[Qt.Key(key)], self._since(stamp)))
            self._draw()
            self.board.update()
        elif key in TURN_KEYS:
            self._keyboard_used = True
            self._turn(self.state.cursor, stamp, "key", qt_ms, key_name(key))
        elif key in ARROWS:
            self.ignore_input("key", key_name(key), self.gate_reason() or "between_trials", stamp, qt_ms=qt_ms)
        else:
            self.ignore_input("key", key_name(key), "not_a_game_key", stamp, qt_ms=qt_ms)
            super().keyPressEvent(event)

    # -- helpers --------------------------------------------------------------------------------

    def _since(self, perf_ns: int) -> int:
        return self.recorder.since_start(perf_ns)

    def _now(self) -> int:
        return self._since(time.perf_counter_ns())

    def _apply(self, step: tuple[CardMatchState, tuple[Emission, ...]]) -> tuple[Emission, ...]:
        self.state, emitted = step
        record_emissions(self.recorder, emitted)
        return emitted
