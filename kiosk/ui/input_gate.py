"""The input gate of the station's own candidate screens: only fresh presses, and only once a screen is ready.

Keys held or queued from one screen must not act on the next (the end of a practice round must not start the
real game). When a gated page comes to the front the gate drops every key and mouse press aimed at the
station window for `ready_ms` (input queued before the page was shown is delivered in that moment), and
from then on it drops auto-repeats and the release of any key or button whose press it did not see on
this page (a key held while the page changed). The proctor's key chord is never dropped. Each drop is
reported with its handler stamp; the station records it as `station.input_dropped`. Games are not gated
here: a game view logs what it ignores itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from games.widgets import button_name, key_name
from kiosk.ui.lockdown import is_chord

__all__ = ["READY_MS", "DroppedInput", "InputGate"]

READY_MS = 300
"""How long a page takes no input after it is shown (ms): longer than the event queue takes to drain."""

_PRESSES = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
_RELEASES = (QEvent.Type.KeyRelease, QEvent.Type.MouseButtonRelease)


@dataclass(frozen=True)
class DroppedInput:
    """One dropped press or release, as `station.input_dropped` records it (t_ns from perf_ns)."""

    screen: str
    input: str
    key: str
    action: str
    reason: str
    auto_repeat: bool
    qt_event_ms: int | None
    perf_ns: int

    def payload(self) -> dict[str, object]:
        """The event's payload."""
        return {"screen": self.screen, "input": self.input, "key": self.key, "action": self.action,
                "reason": self.reason, "auto_repeat": self.auto_repeat, "qt_event_ms": self.qt_event_ms}


class InputGate(QObject):
    """An application event filter over one window: gates the input of the page in front, if it is gated."""

    dropped = Signal(object)  # DroppedInput
    became_ready = Signal()

    def __init__(self, window: QWidget, ready_ms: int = READY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.screen: str | None = None  # the gated page's name; None: nothing is gated now
        self._fresh: set[tuple[str, int]] = set()  # presses seen on this page: ("key", key) or ("mouse", button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ready_ms)
        self._timer.timeout.connect(self.became_ready)
        self._attached = False

    def attach(self) -> None:
        """Start filtering the application's input."""
        app = QApplication.instance()
        if app is not None and not self._attached:
            app.installEventFilter(self)
            self._attached = True

    def detach(self) -> None:
        """Stop filtering (and the ready timer)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._attached:
            app.removeEventFilter(self)
            self._attached = False

    @property
    def ready(self) -> bool:
        """Whether the page in front takes input (always, when it is not gated)."""
        return self.screen is None or not self._timer.isActive()

    def page_shown(self, screen: str | None) -> None:
        """A page came to the front: gate it (screen names it) for ready_ms, or stop gating (None)."""
        self.screen = screen
        self._fresh.clear()
        if screen is None:
            self._timer.stop()
        else:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.screen is None or (kind not in _PRESSES and kind not in _RELEASES):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if isinstance(event, QKeyEvent):
            if is_chord(event):
                return False  # the proctor's chord always works
            source, code, name, repeat = "key", int(event.key()), key_name(event.key()), event.isAutoRepeat()
        elif isinstance(event, QMouseEvent):
            source, code, name, repeat = "mouse", int(event.button().value), button_name(event.button()), False
        else:
            return False
        reason = self._reason(kind in _PRESSES, (source, code), repeat)
        if reason is None:
            return False
        stamp = time.perf_counter_ns()
        event.accept()
        self.dropped.emit(DroppedInput(self.screen, source, name, "press" if kind in _PRESSES else "release", reason,
                                       repeat, int(event.timestamp()) or None, stamp))
        return True

    def _reason(self, press: bool, which: tuple[str, int], repeat: bool) -> str | None:
        """Why this press or release is dropped, or None when it goes through."""
        if press:
            if not self.ready:
                return "not_ready"
            if repeat:
                return "auto_repeat"
            self._fresh.add(which)
            return None
        if repeat:
            return "auto_repeat"
        if which not in self._fresh:
            return "held_before" if self.ready else "not_ready"
        return None
