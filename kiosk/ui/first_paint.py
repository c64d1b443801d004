"""A probe that notes when a window first paints: the start-up benchmark and smoke runs read it."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject

__all__ = ["EXIT_AFTER_FIRST_PAINT", "FirstPaintProbe", "watch_first_paint"]

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
