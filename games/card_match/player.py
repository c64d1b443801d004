"""Scripted card match player with a known memory: real clicks or arrow keys and Space (QTest) through the view."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Collection
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from games.card_match import rules
from games.card_match.model import MemoryModel
from games.card_match.view import CardMatchView

__all__ = ["CardMatchPlayer"]

InputChoice = Literal["key", "mouse", "alternate"]


class CardMatchPlayer:
    """Plays each move from its memory of the last `memory` cards seen (None: perfect memory).

    `oracle=True` knows every card (for tests that need the same moves after a crash): every move is a pair,
    except the moves listed in `mistakes`, which turn the first face-down card and a card that is not its pair.
    Delays are in ms at speed 1 and divided by `speed`. `input`: "mouse" clicks the cards, "key" moves the
    cursor with the arrow keys and presses Space, "alternate" switches by move.
    """

    def __init__(self, memory: int | None = None, *, oracle: bool = False, mistakes: Collection[int] = (),
                 speed: float = 1.0, think_ms: float = 900.0, flip_ms: float = 700.0, key_ms: float = 120.0,
                 input: InputChoice = "mouse", seed: int = 0) -> None:
        if speed <= 0:
            raise ValueError(f"CardMatchPlayer: speed must be positive, got {speed}")
        self.memory = MemoryModel(memory, random.Random(seed))
        self.oracle, self.mistakes = oracle, set(mistakes)
        self.speed, self.think_ms, self.flip_ms, self.key_ms = speed, think_ms, flip_ms, key_ms
        self.input = input
        self.finished = False
        self.flips: list[tuple[int, int]] = []  # (move, position) as turned
        self._view: CardMatchView | None = None
        self._keys: deque[Qt.Key] = deque()
        self._timer: QTimer | None = None
        self._target = -1

    def attach(self, view: CardMatchView) -> None:
        """Follow the view's boards and moves until the game is over; call before view.start()."""
        self._view = view
        view.scripted_player = self
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        view.board_did_start.connect(lambda board: self.memory.reset())
        view.trial_will_start.connect(lambda move: self._aim(self._first(), self.think_ms))
        view.card_did_flip.connect(self._flipped)
        view.game_did_finish.connect(self._finished)

    def _cards(self) -> int:
        return len(self._require().state.layout)

    def _first(self) -> int:
        state = self._require().state
        if self.oracle:
            return min(p for p in range(self._cards()) if p not in state.found)
        return self.memory.first_choice(self._cards())

    def _second(self, first: int, symbol: str) -> int:
        state = self._require().state
        if self.oracle:
            mate = rules.partner(state.layout, first)
            others = [p for p in range(self._cards()) if p not in state.found and p not in (first, mate)]
            return min(others) if state.move in self.mistakes and others else mate
        return self.memory.second_choice(self._cards(), first, symbol)

    def _flipped(self, position: int, symbol: str, flip: int) -> None:
        view = self._require()
        self.memory.saw(position, symbol)
        if flip == 1:
            self._aim(self._second(position, symbol), self.flip_ms)
        elif view.state.first is not None and view.state.first in view.state.found:
            self.memory.take({view.state.first, position})

    def _aim(self, position: int, wait_ms: float) -> None:
        """Turn the card at `position` after `wait_ms`: by a click, or by arrow keys then Space."""
        view = self._require()
        self._target = position
        move = view.state.move + (view.state.phase in ("ready", "between"))  # the move this card belongs to
        mouse = self.input == "mouse" or (self.input == "alternate" and move % 2 == 1)
        self._keys = deque() if mouse else deque(self._route(view.state.cursor, position))
        assert self._timer is not None
        self._timer.start(self._delay(wait_ms))

    def _route(self, start: int, goal: int) -> list[Qt.Key]:
        cols = self._require().params.cols
        (r0, c0), (r1, c1) = divmod(start, cols), divmod(goal, cols)
        horizontal = [Qt.Key.Key_Right if c1 > c0 else Qt.Key.Key_Left] * abs(c1 - c0)
        vertical = [Qt.Key.Key_Down if r1 > r0 else Qt.Key.Key_Up] * abs(r1 - r0)
        return [*horizontal, *vertical, Qt.Key.Key_Space]

    def _step(self) -> None:
        view = self._require()
        assert self._timer is not None
        if view.finished or self._target < 0:
            return
        if view.suspended:
            self._timer.start(self._delay(self.key_ms))
            return
        if self._keys:
            key = self._keys.popleft()
            if not self._keys:  # the last key, Space, turns the card
                self._turning(view)
            QTest.keyClick(view, key)
            if self._keys:
                self._timer.start(self._delay(self.key_ms))
            return
        target = self._turning(view)
        QTest.mouseClick(view.board, Qt.MouseButton.LeftButton, pos=view.board.card_rect(target).center().toPoint())

    def _turning(self, view: CardMatchView) -> int:
        """Note the flip about to be made (its signal may already aim the next one) and return its card."""
        target, self._target = self._target, -1
        self.flips.append((view.state.move + (view.state.phase == "ready"), target))
        return target

    def _delay(self, ms: float) -> int:
        return max(0, round(ms / self.speed))

    def _finished(self, _summary: object) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()

    def _require(self) -> CardMatchView:
        if self._view is None:
            raise RuntimeError("CardMatchPlayer.attach(view) was not called")
        return self._view
