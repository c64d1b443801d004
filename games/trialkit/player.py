"""The scripted player every trial game shares: waits a while after each onset, then plays through real keys and
clicks (QTest), as a person at the station would; a game's player says what to press."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from games.trialkit.view import TrialGameView

ViewT = TypeVar("ViewT", bound=TrialGameView)

__all__ = ["TrialPlayer"]


class TrialPlayer(Generic[ViewT]):
    """Base of the trial games' players: `act(view)` makes the next input of the trial on screen.

    Delays are in ms at speed 1 and are divided by `speed`. `input="mouse"` clicks the on-screen buttons
    where the game has them; "alternate" alternates keys and clicks from trial to trial.
    """

    def __init__(self, *, speed: float = 1.0, think_ms: float = 700.0, input: str = "key") -> None:
        if speed <= 0:
            raise ValueError(f"{type(self).__name__}: speed must be positive, got {speed}")
        if input not in ("key", "mouse", "alternate"):
            raise ValueError(f"{type(self).__name__}: input must be key, mouse or alternate, got {input!r}")
        self.speed = speed
        self.think_ms = think_ms
        self.input = input
        self.finished = False
        self.actions: list[tuple[int, str, str]] = []  # (trial, what, "key"|"mouse")
        self._view: ViewT | None = None
        self._timer: QTimer | None = None

    def attach(self, view: ViewT) -> None:
        """Follow the view's trials and press its keys or buttons until the game is over."""
        self._view = view
        view.scripted_player = self  # the view keeps its player alive: a collected player would stall the game
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        view.trial_did_start.connect(self._trial_started)
        view.game_did_finish.connect(self._game_finished)

    @property
    def view(self) -> ViewT:
        """The view played."""
        assert self._view is not None
        return self._view

    def delay(self, ms: float) -> int:
        """A delay at this player's speed."""
        return max(0, round(ms / self.speed))

    def first_delay_ms(self, trial: int) -> float:
        """How long the player looks at a new trial before its first input."""
        return self.think_ms

    def again(self, ms: float) -> None:
        """Make the next input of the same trial after `ms`."""
        assert self._timer is not None
        self._timer.start(self.delay(ms))

    def _trial_started(self, trial: int) -> None:
        self.again(self.first_delay_ms(trial))

    def _game_finished(self, summary: dict[str, Any]) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()

    def _step(self) -> None:
        view = self.view
        if view.suspended:  # the game is paused: wait, as a person would, and look again
            self.again(self.think_ms)
            return
        if view.state.phase not in view.rules.trial_phases:
            return
        self.act(view)

    def act(self, view: Any) -> None:
        """Make the trial's next input (subclasses); call `again(ms)` when the trial needs more."""
        raise NotImplementedError

    def use_mouse(self, trial: int) -> bool:
        """Whether this trial's inputs are clicks."""
        return self.input == "mouse" or (self.input == "alternate" and trial % 2 == 1)

    def press(self, trial: int, what: str, key: Qt.Key, button: QWidget | None = None) -> None:
        """Press a key on the view, or click the button that does the same when the player uses the mouse."""
        if button is not None and self.use_mouse(trial):
            self.actions.append((trial, what, "mouse"))
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            self.actions.append((trial, what, "key"))
            QTest.keyClick(self.view, key)

    def click_at(self, widget: QWidget, point: QPoint, trial: int, what: str) -> None:
        """Click a point of a widget (a canvas)."""
        self.actions.append((trial, what, "mouse"))
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
