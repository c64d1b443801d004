"""Scripted digit span player with a known span: real key presses and keypad clicks (QTest) through the view."""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Mapping
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from games.digit_span import rules
from games.digit_span.view import DigitSpanView

__all__ = ["DigitSpanPlayer", "wrong_answer"]

InputChoice = Literal["key", "mouse", "alternate"]
DEFAULT_SPAN = {"forward": 7, "backward": 5}  # typical adult spans (Miller 1956: 7 +- 2; backward lower)
QT_DIGITS = {str(d): getattr(Qt.Key, f"Key_{d}") for d in range(10)}


def wrong_answer(target: str) -> str:
    """The answer of a player whose span the sequence exceeds: right but for the last digit."""
    last = int(target[-1])
    return target[:-1] + str(last % 9 + 1)


class DigitSpanPlayer:
    """Answers sequences up to `span` digits exactly and longer ones with one wrong digit (the last).

    `span` is one number for both directions or {"forward": n, "backward": m}. Delays are in ms at speed 1
    and divided by `speed`. `corrections`: trials on which the player first types a wrong digit and erases it
    with Backspace. `input`: "key" (number keys, Enter), "mouse" (the keypad and OK) or "alternate" by trial.
    """

    def __init__(self, span: int | Mapping[str, int] | None = None, *, speed: float = 1.0, key_ms: float = 350.0,
                 think_ms: float = 700.0, begin_ms: float = 1500.0, corrections: Collection[int] = (),
                 input: InputChoice = "key") -> None:
        if speed <= 0:
            raise ValueError(f"DigitSpanPlayer: speed must be positive, got {speed}")
        spans = DEFAULT_SPAN if span is None else span
        self.span = dict(spans) if isinstance(spans, Mapping) else {"forward": spans, "backward": spans}
        self.speed, self.key_ms, self.think_ms, self.begin_ms = speed, key_ms, think_ms, begin_ms
        self.corrections = set(corrections)
        self.input = input
        self.answers: list[tuple[int, str]] = []  # (trial, answer typed)
        self.finished = False
        self._view: DigitSpanView | None = None
        self._queue: deque[str] = deque()
        self._timer: QTimer | None = None

    def attach(self, view: DigitSpanView) -> None:
        """Follow the view's blocks and answers until the game is over; call before view.start()."""
        self._view = view
        view.scripted_player = self  # the view keeps its player alive
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        view.block_waiting.connect(lambda block: self._plan(["Begin"], self.begin_ms))
        view.answer_did_open.connect(self._answer)
        view.game_did_finish.connect(self._finished)

    def answer_for(self, direction: str, target: str) -> str:
        """What this player types for a sequence asking for `target`."""
        return target if len(target) <= self.span[direction] else wrong_answer(target)

    def _answer(self, trial: int) -> None:
        state = self._require().state
        typed = self.answer_for(state.direction, rules.target_of(state.direction, state.digits))
        self.answers.append((trial, typed))
        keys = list(typed)
        if trial in self.corrections:
            keys = [str((int(typed[0]) + 1) % 10), rules.BACKSPACE, *keys]
        self._plan([*keys, "Enter"], self.think_ms)

    def _plan(self, keys: list[str], first_ms: float) -> None:
        self._queue = deque(keys)
        assert self._timer is not None
        self._timer.start(self._delay(first_ms))

    def _delay(self, ms: float) -> int:
        return max(0, round(ms / self.speed))

    def _step(self) -> None:
        view = self._require()
        if not self._queue or view.finished:
            return
        assert self._timer is not None
        if view.suspended:  # the station paused the game: wait, as a person would, and look again
            self._timer.start(self._delay(self.key_ms))
            return
        key = self._queue.popleft()
        self._press(view, key)
        if self._queue:
            self._timer.start(self._delay(self.key_ms))

    def _press(self, view: DigitSpanView, key: str) -> None:
        mouse = self.input == "mouse" or (self.input == "alternate" and max(view.state.trial, 0) % 2 == 1)
        if not mouse:
            code = {"Begin": Qt.Key.Key_Return, "Enter": Qt.Key.Key_Return,
                    rules.BACKSPACE: Qt.Key.Key_Backspace}.get(key) or QT_DIGITS[key]
            QTest.keyClick(view, code)
            return
        button = {"Begin": view.begin_button, "Enter": view.ok_button,
                  rules.BACKSPACE: view.erase_button}.get(key) or view.keys[key]
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def _finished(self, _summary: object) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()

    def _require(self) -> DigitSpanView:
        if self._view is None:
            raise RuntimeError("DigitSpanPlayer.attach(view) was not called")
        return self._view
