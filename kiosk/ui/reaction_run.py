"""A reaction-time game played in a real window on a practice session, for timing measurements: the XTest check
(kiosk/ui/xtest_probe.py) and benchmarks/bench_rt_timing.py play the game through it and read back what it logged."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtGui import QGuiApplication

from eventlog import EventLog
from eventlog.recorder import SessionRecorder
from eventlog.records import EventRecord
from games.reaction.params import ReactionParams
from games.reaction.view import ReactionView

__all__ = ["ReactionRun", "scratch_log"]


@contextmanager
def scratch_log() -> Iterator[EventLog]:
    """An event log in a temporary folder, closed and removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="hiremate-timing-") as tmp:
        log = EventLog.in_dir(Path(tmp) / "station")
        try:
            yield log
        finally:
            log.close()


class ReactionRun:
    """One game of the reaction-time family in a shown window, recording into a new practice session of `log`."""

    def __init__(self, log: EventLog, game: str, params: ReactionParams, seed: int = 1,
                 size: tuple[int, int] = (1200, 760), participant: str = "timing") -> None:
        self.log = log
        self.session = log.open_session(purpose="practice", participant=participant)
        self.recorder = SessionRecorder(log, self.session, game)
        self.view = ReactionView(self.recorder, params, seed=seed)
        screen = QGuiApplication.primaryScreen()
        wanted = QSize(*size)
        self.view.resize(wanted.boundedTo(screen.availableSize()) if screen is not None else wanted)
        self.view.show()
        self._loop: QEventLoop | None = None
        self._abort: str | None = None

    def abort(self, reason: str) -> None:
        """Stop a game being played: `play` raises RuntimeError(reason)."""
        self._abort = reason
        if self._loop is not None:
            self._loop.quit()

    def play(self, timeout_ms: int = 600_000) -> list[EventRecord]:
        """Start the game, run the event loop until it finishes, close the session and return its events.
        TimeoutError when the game has not finished within timeout_ms."""
        loop = self._loop = QEventLoop()
        finished: list[object] = []

        def done(summary: object) -> None:
            finished.append(summary)
            loop.quit()

        self.view.game_did_finish.connect(done)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(timeout_ms)
        self.view.start()
        loop.exec()
        self._loop = None
        timer.stop()
        self.view.close()
        self.log.close_session(self.session.session_id, self.recorder.since_start(time.perf_counter_ns()),
                               "practice_done")
        if self._abort is not None:
            raise RuntimeError(self._abort)
        if not finished:
            raise TimeoutError(f"the reaction-time game did not finish within {timeout_ms} ms")
        return self.log.store.events(self.session.session_id)
