"""The scripted player the flanker and stop-signal games share: real key presses or button clicks (QTest)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from games.kit.view import TimedTrialView

__all__ = ["TimedTrialPlayer"]

InputChoice = Literal["key", "mouse", "alternate"]
QT_KEYS = {"Left": Qt.Key.Key_Left, "Right": Qt.Key.Key_Right}


class TimedTrialPlayer:
    """Answers each trial as `decide(trial)` says: (key or None for no response, latency in ms from the onset).

    Latencies are the behaviour being simulated and are never scaled; the pause before pressing Space on a
    block screen (`continue_ms`) is divided by `speed`. `input`: arrow keys, the on-screen buttons, or both
    alternately by trial.
    """

    def __init__(self, *, speed: float = 1.0, continue_ms: float = 1500.0, input: InputChoice = "key",
                 seed: int = 0) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed}")
        self.speed, self.continue_ms, self.input = speed, continue_ms, input
        self.rng = random.Random(seed)
        self.view: TimedTrialView | None = None
        self.presses: list[tuple[int, str, float]] = []  # (trial, key, planned latency ms)
        self.finished = False
        self._timers: list[QTimer] = []

    def decide(self, trial: int) -> tuple[str | None, float]:
        """The key (None: withhold) and latency for a trial; subclasses model a person."""
        raise NotImplementedError

    def attach(self, view: TimedTrialView) -> None:
        """Follow a view's trials; call before view.start()."""
        self.view = view
        view.scripted_player = self
        view.stimulus_did_appear.connect(self._on_stimulus)
        view.block_waiting.connect(lambda block: self._later(self.continue_ms / self.speed, self._continue))
        view.game_did_finish.connect(self._on_finish)

    def _on_stimulus(self, trial: int) -> None:
        key, latency = self.decide(trial)
        if key is not None:
            self.presses.append((trial, key, latency))
            self._later(latency, lambda: self._press(trial, key))

    def _press(self, trial: int, key: str) -> None:
        view = self._view()
        if view.finished or view.trial != trial or view.phase != "stimulus":
            return  # the moment has passed (the window closed, the game paused): a person would not press now
        mouse = self.input == "mouse" or (self.input == "alternate" and trial % 2 == 1)
        if mouse:
            QTest.mouseClick(view.buttons[key], Qt.MouseButton.LeftButton)
        else:
            QTest.keyClick(view, QT_KEYS[key])

    def _continue(self) -> None:
        view = self._view()
        if view.suspended:
            self._later(self.continue_ms / self.speed, self._continue)
        elif not view.finished:
            QTest.keyClick(view, Qt.Key.Key_Space)

    def _later(self, delay_ms: float, action: Callable[[], None]) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(action)
        timer.timeout.connect(lambda: self._timers.remove(timer) if timer in self._timers else None)
        self._timers.append(timer)
        timer.start(max(0, round(delay_ms)))

    def _on_finish(self, _summary: object) -> None:
        self.finished = True
        for timer in self._timers:
            timer.stop()
        self._timers.clear()

    def _view(self) -> TimedTrialView:
        if self.view is None:
            raise RuntimeError("attach(view) was not called")
        return self.view
