"""A probe that notes when a window first paints (the start-up benchmark and smoke runs read it), and a hook that
runs what can wait (opening the event log, building the proctor's pages) right after that first paint."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

__all__ = ["EXIT_AFTER_FIRST_PAINT", "FirstPaintProbe", "after_first_paint", "watch_first_paint"]

EXIT_AFTER_FIRST_PAINT = "HIREMATE_EXIT_AFTER_FIRST_PAINT"
MARK = "first-paint-monotonic-ns"


class FirstPaintProbe(QObject):
    """Prints `first-paint-monotonic-ns N` to stderr at the watched widget's first paint, then quits the app."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"{MARK} {time.monotonic_ns()}", file=sys.stderr, flush=True)
            QCoreApplication.exit(0)
        return False


def watch_first_paint(widget: QObject) -> FirstPaintProbe | None:
    """With HIREMATE_EXIT_AFTER_FIRST_PAINT=1 set, report the widget's first paint and end the event loop."""
    if os.environ.get(EXIT_AFTER_FIRST_PAINT) != "1":
        return None
    probe = FirstPaintProbe(widget)
    widget.installEventFilter(probe)
    return probe


class _AfterFirstPaint(QObject):
    """Runs a callback once, on the event loop turn after the watched widget's first paint (or after a deadline)."""

    def __init__(self, widget: QObject, callback: Callable[[], None], deadline_ms: int) -> None:
        super().__init__(widget)
        self._widget, self._callback, self._done = widget, callback, False
        widget.installEventFilter(self)
        QTimer.singleShot(deadline_ms, self, self._run)  # a window that is never exposed still starts

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self._callback()


def after_first_paint(widget: QObject, callback: Callable[[], None], deadline_ms: int = 1000) -> None:
    """Call callback once, right after the widget's first frame is painted (at the latest after deadline_ms)."""
    _AfterFirstPaint(widget, callback, deadline_ms)
