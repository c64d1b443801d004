"""The timing self-check run on the event loop: painted frames, precise timers and posted key presses, stamped
with the same clock games stamp input with (docs/TIMING.md, "Self-check"). It never blocks the GUI thread."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.services.timing import CheckFigures, figures_payload

__all__ = ["TimingProbe", "embed_timing_check", "run_timing_check"]

FRAMES = 60
TIMERS = 20
TIMER_MS = 5
PRESSES = 20
PROBE_KEY = Qt.Key.Key_F35  # a key no screen or game listens for


class TimingProbe(QWidget):
    """Paints FRAMES frames one nominal frame interval apart, fires TIMERS precise timers, posts PRESSES key
    presses to itself; then emits `finished` with the `station.timing_check` payload."""

    finished = Signal(dict)

    def __init__(self, clock: Callable[[], int] = time.perf_counter_ns, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("HireMate timing check")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._clock = clock
        self._figures = CheckFigures()
        self._started = 0
        self._nominal_ms = 1000.0 / 60.0
        self._frame_timer = QTimer(self)
        self._frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._frame_timer.timeout.connect(self.update)
        self._one_shot = QTimer(self)
        self._one_shot.setSingleShot(True)
        self._one_shot.setTimerType(Qt.TimerType.PreciseTimer)
        self._one_shot.timeout.connect(self._timer_fired)
        self._timer_due = 0
        self._posted_at = 0
        self.result: dict[str, Any] | None = None

    def start(self) -> None:
        """Begin the check (the widget should be shown, so that it paints)."""
        self._started = self._clock()
        screen = self.screen() or QGuiApplication.primaryScreen()
        rate = screen.refreshRate() if screen is not None else 0.0
        self._nominal_ms = 1000.0 / rate if rate and rate > 1 else 1000.0 / 60.0
        self._frame_timer.start(max(1, round(self._nominal_ms)))

    def stop(self) -> None:
        """Abandon the check: none of its timers runs any more."""
        self._frame_timer.stop()
        self._one_shot.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Stamp each painted frame; after the last, move on to the timers."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())  # the background: embedded, it is not seen
        painter.end()
        if not self._frame_timer.isActive():
            return
        self._figures.frame_stamps.append(self._clock())
        if len(self._figures.frame_stamps) >= FRAMES:
            self._frame_timer.stop()
            self._next_timer()

    def _next_timer(self) -> None:
        if len(self._figures.timer_overshoots) >= TIMERS:
            self._post_key()
            return
        self._timer_due = self._clock() + TIMER_MS * 1_000_000
        self._one_shot.start(TIMER_MS)

    def _timer_fired(self) -> None:
        self._figures.timer_overshoots.append(max(0, self._clock() - self._timer_due))
        self._next_timer()

    def _post_key(self) -> None:
        if len(self._figures.input_latencies) >= PRESSES:
            self._finish()
            return
        self._posted_at = self._clock()
        press = QKeyEvent(QEvent.Type.KeyPress, PROBE_KEY, Qt.KeyboardModifier.NoModifier)
        QCoreApplication.postEvent(self, press)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Stamp a posted press in its handler, as games stamp theirs; then post the next after a moment."""
        if event.key() != PROBE_KEY or not self._posted_at:
            super().keyPressEvent(event)
            return
        self._figures.input_latencies.append(self._clock() - self._posted_at)
        self._posted_at = 0
        QTimer.singleShot(2, self._post_key)

    def _finish(self) -> None:
        platform = QGuiApplication.platformName()
        self.result = figures_payload(self._figures, self._nominal_ms, platform, self._clock() - self._started,
                                      self._clock)
        self.finished.emit(self.result)


def run_timing_check(clock: Callable[[], int] = time.perf_counter_ns, timeout_ms: int = 10_000) -> dict[str, Any]:
    """Show a probe window, run the check on a local event loop and return its payload (for the CLI and tests;
    the station runs a TimingProbe on its own loop). A check that does not end within timeout_ms says so."""
    from PySide6.QtCore import QEventLoop

    probe = TimingProbe(clock)
    probe.resize(320, 240)
    probe.show()
    loop = QEventLoop()
    probe.finished.connect(lambda _result: loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    QTimer.singleShot(0, probe.start)
    loop.exec()
    probe.hide()
    probe.deleteLater()
    if probe.result is None:
        raise TimeoutError(f"the timing check did not finish within {timeout_ms} ms")
    return probe.result


def embed_timing_check(screen: QWidget, done: Callable[[dict[str, Any]], None]) -> TimingProbe:
    """Run the check in a small probe painted in the screen's background colour at its corner (the candidate does
    not see it; its paints go through the window's real frame path); `done` gets the payload once."""
    probe = TimingProbe(parent=screen)
    probe.setGeometry(0, 0, 4, 4)
    probe.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    probe.finished.connect(done)
    probe.finished.connect(lambda _result: probe.deleteLater())
    probe.show()
    QTimer.singleShot(0, probe.start)
    return probe
