"""The Qt half of every game view: the station's two signals, enabling on suspend/resume, the view's own timers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from games.core import SuspendableGame

__all__ = ["GameWidget"]


class GameWidget(SuspendableGame, QWidget):
    """Base class of the games' views: a QWidget that satisfies games.core.GameView with the view's hooks."""

    game_did_finish = Signal(dict)
    trial_will_start = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timers: dict[str, QTimer] = {}

    def _set_interactive(self, interactive: bool) -> None:
        self.setEnabled(interactive)
        if interactive:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _timer(self, name: str, slot: Callable[[], None], *, precise: bool = False,
               interval_ms: int | None = None) -> QTimer:
        """A single-shot timer of the view, listed by timers_active() and stopped by _stop_timers()."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        if precise:
            timer.setTimerType(Qt.TimerType.PreciseTimer)
        if interval_ms is not None:
            timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        self._timers[name] = timer
        return timer

    def timers_active(self) -> list[str]:
        """Names of the view's own timers still running (none while suspended or once finished)."""
        return [name for name, timer in self._timers.items() if timer.isActive()]

    def _stop_timers(self) -> None:
        """Stop every timer of the view."""
        for timer in self._timers.values():
            timer.stop()

    def _shut_down(self) -> None:
        """Stop everything that could still record (at the end of the game and when the window closes)."""
        self._stop_timers()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window stops every timer; nothing more is recorded."""
        self._shut_down()
        super().closeEvent(event)
