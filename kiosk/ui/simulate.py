"""A scripted candidate: drives the real station screens with real key and mouse events, and each game's
scripted player, from code entry to completion (used by `hiremate simulate` and the tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from games.spec import game_spec, load_object
from kiosk.services.codes import display_code
from kiosk.services.session_ops import Closed
from kiosk.ui.station import StationWindow

__all__ = ["ScriptedPlayer", "SimulatedCandidate", "make_player"]


class ScriptedPlayer(Protocol):
    """What the station needs of a game's scripted player (each game's player.py): it follows a view."""

    def attach(self, view: Any) -> None:
        """Follow the view (its own game's view) and play it."""


def make_player(game: str, speed: float) -> ScriptedPlayer:
    """The game's scripted player with its default script at the given speed."""
    player: ScriptedPlayer = load_object(game_spec(game).player)(speed=speed)
    return player


class SimulatedCandidate(QObject):
    """Types the code, agrees to consent, starts each game, lets the game's player play, presses Done."""

    finished = Signal(object)  # Closed, once the session is closed and Done was pressed
    failed = Signal(str)

    def __init__(self, window: StationWindow, code: str, speed: float = 20.0, practice: bool = False) -> None:
        super().__init__(window)
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed}")
        self.w, self.code, self.speed, self.practice = window, code, speed, practice
        self.think_ms = int(400 / speed)  # a reading pause before each click, 400 ms at speed 1
        self.players: list[object] = []
        self.closed: Closed | None = None
        self._step = QTimer(self)
        self._step.setSingleShot(True)
        self._action: Callable[[], None] | None = None
        self._step.timeout.connect(self._run_action)
        window.stack.currentChanged.connect(self._page_changed)
        window.game_view_did_start.connect(self._game_started)
        window.session_did_close.connect(self._closed)

    def start(self) -> None:
        """Begin once the station has loaded (call after the window is shown)."""
        self._page_changed(self.w.stack.currentIndex())

    def stop(self) -> None:
        """Cancel any scheduled action."""
        self._step.stop()

    def _later(self, action: Callable[[], None]) -> None:
        self._action = action
        self._step.start(self.think_ms)

    def _run_action(self) -> None:
        if not self.w.gate.ready:  # the page has just come to the front and takes no input yet: wait for it
            self._step.start(max(10, self.think_ms))
            return
        action, self._action = self._action, None
        if action is not None:
            action()

    def _page_changed(self, _: int) -> None:
        s = self.w.screens
        page = self.w.stack.currentWidget()
        if page is s.code and self.closed is None:
            self._later(self._type_code)
        elif page is s.consent:
            self._later(lambda: self._click(s.consent.agree_button))
        elif page is s.instructions:
            offered = s.instructions.practice_button.isVisible() and self.practice
            target = s.instructions.practice_button if offered else s.instructions.begin_button
            self._later(lambda: self._click(target))
        elif page is s.practice_over:
            self._later(lambda: self._click(s.practice_over.begin_button))
        elif page in (s.pin, s.panel, s.pause):
            self.failed.emit("the station asked for the proctor during a simulated session")

    def _type_code(self) -> None:
        field = self.w.screens.code.code_input
        if self.w.screens.code.error.isVisible():
            self.failed.emit(f"the code was refused: {self.w.screens.code.error.text()}")
            return
        if not self.w.screens.code.start_button.isEnabled():
            self._later(self._type_code)  # the station is still loading
            return
        QTest.keyClicks(field, display_code(self.code))
        QTest.keyClick(field, Qt.Key.Key_Return)
        self._later(self._check_refused)

    def _check_refused(self) -> None:
        code_screen = self.w.screens.code
        if self.w.stack.currentWidget() is code_screen and code_screen.error.isVisible():
            self.failed.emit(f"the code was refused: {code_screen.error.text()}")
        elif self.w.stack.currentWidget() is code_screen:
            self._later(self._check_refused)

    @staticmethod
    def _click(button: QWidget) -> None:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def _game_started(self, view: QWidget, game: str, practice: bool) -> None:
        player = make_player(game, self.speed)
        player.attach(view)
        self.players.append(player)

    def _closed(self, closed: Closed) -> None:
        self.closed = closed
        done = self.w.screens.complete if closed.reason == "completed" else self.w.screens.declined
        self._later(lambda: self._press_done(done.done_button))

    def _press_done(self, button: QWidget) -> None:
        QTest.keyClick(button, Qt.Key.Key_Return)
        self.finished.emit(self.closed)
