"""Screenshot the BART view mid-game (run under xvfb-run; see docs/BART.md)."""

from __future__ import annotations

import sys
import tempfile

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import EventLog
from eventlog.recorder import SessionRecorder
from games.bart.params import BartParams
from games.bart.view import BartView


def wait(ms: int) -> None:
    """Let the event loop run for ms milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(path: str, pumps: int = 48, feedback_ms: int = 50) -> None:
    """Collect balloon 1 at 12 pumps, pump balloon 2 `pumps` times (seed 0: it bursts at 112), save a PNG."""
    app = QApplication.instance() or QApplication([])
    log = EventLog.in_dir(tempfile.mkdtemp())
    session = log.open_session("practice", "practice")
    view = BartView(SessionRecorder(log, session, "bart"), BartParams(feedback_ms=feedback_ms), 0)
    view.resize(1280, 800)
    view.show()
    view.start()
    wait(300)
    for _ in range(12):
        QTest.keyClick(view, Qt.Key.Key_Space)
    QTest.keyClick(view, Qt.Key.Key_Return)
    wait(feedback_ms + 300)
    for _ in range(pumps):
        QTest.keyClick(view, Qt.Key.Key_Space)
    wait(300)
    view.grab().save(path)
    view.close()
    log.close()
    del app


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:4]))
