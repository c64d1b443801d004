"""Kiosk-mode guard: refuses Escape/Alt+F4, catches the proctor key chord, watches focus and idle time.

The guard is an application-wide event filter, so it sees keys before any game view does. It emits
signals; the station window decides what to record and show. Proctor chord: Ctrl+Alt+Shift+P.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from kiosk.ui.qtapp import current_app

__all__ = ["CHORD_KEY", "CHORD_MODIFIERS", "KioskGuard"]

CHORD_KEY = Qt.Key.Key_P
CHORD_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


def is_chord(event: QKeyEvent) -> bool:
    """Whether a key press is the proctor chord."""
    return event.key() == CHORD_KEY and (event.modifiers() & CHORD_MODIFIERS) == CHORD_MODIFIERS


class KioskGuard(QObject):
    """Filters the application's input; tells the window about the chord, idleness and focus changes."""

    proctor_requested = Signal()
    idle_detected = Signal(int)  # idle ms, once per idle stretch
    idle_limit_reached = Signal(int)  # idle ms, once per idle stretch, past the pause limit
    focus_lost = Signal(str)  # cause: deactivated, minimised or hidden
    focus_gained = Signal(int)  # away ns

    def __init__(self, kiosk: bool, idle_s: int = 60, pause_s: int = 300, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.idle_s, self.pause_s = idle_s, pause_s
        self._base, self._factor = (idle_s, pause_s), 1.0  # the proctor's limits, a session's extended time
        self._last_input_ns = time.perf_counter_ns()
        self._idle_reported = self._pause_reported = False
        self._away_since: int | None = None
        self._detached = False
        self.escape_allowed: Callable[[], bool] = lambda: False  # e.g. while the PIN prompt is showing
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self._check_idle)
        app = current_app()
        assert app is not None
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._state_changed)

    def detach(self) -> None:
        """Stop watching (remove the filter, stop the idle timer)."""
        self.idle_timer.stop()
        app = current_app()
        if app is not None and not self._detached:
            self._detached = True
            app.removeEventFilter(self)
            app.applicationStateChanged.disconnect(self._state_changed)

    def set_limits(self, idle_s: int, pause_s: int) -> None:
        """Change the proctor's idle and pause limits (seconds); a session's extended time still lengthens them."""
        self._base = (idle_s, max(pause_s, idle_s))
        self._apply_limits()

    def extend_limits(self, factor: float) -> tuple[int, int]:
        """Lengthen the proctor's limits by a session's extended time (1.0: as they are); the limits now in force."""
        if not 1.0 <= factor <= 3.0:
            raise ValueError(f"extended time {factor:g} is outside 1-3")
        self._factor = factor
        return self._apply_limits()

    def _apply_limits(self) -> tuple[int, int]:
        self.idle_s, self.pause_s = (round(limit * self._factor) for limit in self._base)
        return self.idle_s, self.pause_s

    def watch_idle(self, on: bool) -> None:
        """Start or stop idle detection (only while a candidate session is running)."""
        self.touch()
        if on:
            self.idle_timer.start()
        else:
            self.idle_timer.stop()

    def touch(self) -> None:
        """Note input now: the idle stretch starts again."""
        self._last_input_ns = time.perf_counter_ns()
        self._idle_reported = self._pause_reported = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY:
            self.touch()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if is_chord(event):
                self.proctor_requested.emit()
                return True
            if self.kiosk and self._refused(event):
                return True
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and is_chord(event):
            event.accept()
            return True
        return False

    def _refused(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            return not self.escape_allowed()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        return alt and event.key() in (Qt.Key.Key_F4, Qt.Key.Key_Tab)

    def _check_idle(self) -> None:
        idle_ms = (time.perf_counter_ns() - self._last_input_ns) // 1_000_000
        if not self._idle_reported and idle_ms >= self.idle_s * 1000:
            self._idle_reported = True
            self.idle_detected.emit(idle_ms)
        if not self._pause_reported and idle_ms >= self.pause_s * 1000:
            self._pause_reported = True
            self.idle_limit_reached.emit(idle_ms)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.window_activated()
        else:
            self.window_deactivated()

    @property
    def away(self) -> bool:
        """Whether the station is away (lost the focus, minimised or hidden) since it last had the focus."""
        return self._away_since is not None

    def window_deactivated(self, cause: str = "deactivated") -> None:
        """The station lost the focus (or was minimised or hidden): report it once per absence."""
        if self._away_since is None:
            self._away_since = time.perf_counter_ns()
            self.focus_lost.emit(cause)

    def window_activated(self) -> None:
        """The station has the focus again: report how long it was away."""
        if self._away_since is not None:
            away = time.perf_counter_ns() - self._away_since
            self._away_since = None
            self.focus_gained.emit(away)
