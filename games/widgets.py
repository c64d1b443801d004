"""The Qt half of every game view: the station's two signals, enabling on suspend/resume, the view's own timers,
and logging every key press and click the game ignores (`game.input_ignored`, see games/core.py)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any, Literal

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPen, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from eventlog.errors import SessionClosedError
from eventlog.recorder import Recorder
from games.core import INPUT_IGNORED, IgnoreReason, InputIgnored, SuspendableGame

__all__ = ["MARKS", "GameWidget", "button_name", "draw_mark", "key_name"]

MOUSE_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
PRESSES = (QEvent.Type.KeyPress, *MOUSE_PRESSES)
BUTTONS = {Qt.MouseButton.LeftButton: "left", Qt.MouseButton.RightButton: "right",
           Qt.MouseButton.MiddleButton: "middle"}


def key_name(key: int) -> str:
    """Qt's name of a key without its "Key_" prefix ("Space", "A", "Return"); hex for a key Qt has no name for."""
    try:
        name = Qt.Key(key).name
    except ValueError:
        return f"0x{key:x}"
    return str(name).removeprefix("Key_") or f"0x{key:x}"


def button_name(button: Qt.MouseButton) -> str:
    """"left", "right", "middle", or Qt's name of another mouse button."""
    return BUTTONS.get(button) or str(button.name).removesuffix("Button").lower() or "unknown"


MARKS = ("dot", "plus", "bar", "ring", "triangle", "square", "diamond", "cross")
"""The symbols a stimulus that differs by colour also carries, one per colour, so that colour is never the only cue."""
_MARK_POINTS = {
    "plus": ((-1, 0), (1, 0), (0, -1), (0, 1)), "bar": ((-1, 0), (1, 0)),
    "cross": ((-0.75, -0.75), (0.75, 0.75), (-0.75, 0.75), (0.75, -0.75)),
    "triangle": ((0, -1), (0.9, 0.7), (-0.9, 0.7)),
    "square": ((-0.75, -0.75), (0.75, -0.75), (0.75, 0.75), (-0.75, 0.75)),
    "diamond": ((0, -1), (1, 0), (0, 1), (-1, 0)),
}


def _mark_path(mark: str, centre: QPointF, size: float) -> QPainterPath:
    path = QPainterPath()
    if mark in ("dot", "ring"):
        path.addEllipse(centre, size * (0.45 if mark == "dot" else 0.8), size * (0.45 if mark == "dot" else 0.8))
        return path
    points = [centre + QPointF(x * size, y * size) for x, y in _MARK_POINTS[mark]]
    if mark in ("plus", "bar", "cross"):  # strokes, two points each
        for start, end in zip(points[::2], points[1::2], strict=True):
            path.moveTo(start)
            path.lineTo(end)
        return path
    path.addPolygon(points)
    path.closeSubpath()
    return path


def draw_mark(painter: QPainter, centre: QPointF, size: float, index: int) -> None:
    """Draw MARKS[index] (modulo their number) of half-size `size` at centre: dark strokes with a light halo, so it
    shows on any fill and in greyscale."""
    path = _mark_path(MARKS[index % len(MARKS)], centre, size)
    width = max(3.0, size * 0.22)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for colour, pen_width in ((QColor("#ffffff"), width * 2), (QColor("#1f2a36"), width)):
        painter.setPen(QPen(colour, pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(path)
    painter.restore()


def _widget_name(widget: QObject | None) -> str | None:
    if widget is None:
        return None
    return widget.objectName() or type(widget).__name__


class GameWidget(SuspendableGame, QWidget):
    """Base class of the games' views: a QWidget that satisfies games.core.GameView with the view's hooks."""

    game_did_finish = Signal(dict)
    trial_will_start = Signal(int)

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorder = recorder
        self._timers: dict[str, QTimer] = {}

    def _set_interactive(self, interactive: bool) -> None:
        self.setEnabled(interactive)
        if interactive:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- ignored input ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Presses before the start, after the end, while suspended and auto-repeats are logged and go no further."""
        if event.type() in PRESSES:
            stamp = time.perf_counter_ns()
            repeat = isinstance(event, QKeyEvent) and event.isAutoRepeat()
            reason = self.gate_reason(repeat)
            if reason is not None:
                self.ignore_event(event, reason, stamp)
                event.accept()
                return True
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Watch the view's buttons (see eventFilter) each time it is shown."""
        self.watch_buttons()
        super().showEvent(event)

    def watch_buttons(self) -> None:
        """Watch every button of the view for clicks while it is disabled (a view adding buttons later calls it)."""
        for button in self.findChildren(QAbstractButton):
            button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Log a click on a disabled button of this view: a disabled button swallows it, so the view never sees it.

        (A click on any other disabled widget goes on to the view, whose event() logs it.)
        """
        if event.type() in MOUSE_PRESSES and isinstance(watched, QAbstractButton) and isinstance(event, QMouseEvent):
            stamp = time.perf_counter_ns()
            if not watched.isEnabled() and self.isAncestorOf(watched):
                self.ignore_input("mouse", button_name(event.button()), self.gate_reason() or "control_disabled",
                                  stamp, qt_ms=event.timestamp(), target=_widget_name(watched))
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click no control took (on the background, a label...): logged, and taken so it goes no further."""
        self.ignore_event(event, "no_target", time.perf_counter_ns())
        event.accept()

    def ignore_event(self, event: QEvent, reason: IgnoreReason, stamp: int) -> None:
        """Log a key or mouse event the game ignores, stamped at `stamp` (perf_counter_ns)."""
        if isinstance(event, QKeyEvent):
            self.ignore_input("key", key_name(event.key()), reason, stamp, auto_repeat=event.isAutoRepeat(),
                              qt_ms=event.timestamp())
        elif isinstance(event, QMouseEvent):
            target = self.childAt(event.position().toPoint())
            self.ignore_input("mouse", button_name(event.button()), reason, stamp, qt_ms=event.timestamp(),
                              target=_widget_name(target or self))

    def ignore_input(self, input: Literal["key", "mouse"], key: str, reason: IgnoreReason, stamp: int, *,
                     auto_repeat: bool = False, qt_ms: int | None = None, target: str | None = None) -> None:
        """Record one ignored press (`game.input_ignored`); after the session closed there is nothing to record."""
        payload = InputIgnored(input=input, key=key, reason=reason, auto_repeat=auto_repeat, phase=self.phase,
                               target=target, qt_event_ms=int(qt_ms) if qt_ms else None)
        with contextlib.suppress(SessionClosedError):
            self.recorder.record(INPUT_IGNORED, max(0, self.recorder.since_start(stamp)), payload,
                                 trial=self.current_trial)

    # -- timers and the end -----------------------------------------------------------------------

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

    def _announce_finished_later(self, summary: dict[str, Any]) -> None:
        """A resumed game that had already ended: tell the station on the next event-loop turn."""
        QTimer.singleShot(0, self, lambda: self.game_did_finish.emit(summary))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window stops every timer; nothing more is recorded."""
        self._shut_down()
        super().closeEvent(event)
