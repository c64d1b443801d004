"""The XTest timing check on the event loop: the simple reaction-time game in a window while the driver process
presses Space through the X server and reads the game's pixels (kiosk/services/timing_xtest.py; docs/TIMING.md,
"XTest check"). Every wait here runs a local event loop; nothing blocks the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from PySide6.QtCore import QEventLoop, QPoint, QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication

from games.reaction.params import SimpleRTParams
from games.reaction.view import ReactionView
from kiosk.services.timing_xtest import Driver, xtest_figures
from kiosk.services.xtest import XUnavailable
from kiosk.ui.reaction_run import ReactionRun, scratch_log

__all__ = ["run_xtest_check", "watched_point", "xtest_params"]

GAME = "simple_rt"


def xtest_params(presses: int) -> SimpleRTParams:
    """The game the check plays: one trial per press, short waits (the driver taps 60-160 ms after each onset)."""
    return SimpleRTParams(trials=presses, foreperiod_min_ms=250, foreperiod_max_ms=500, timeout_ms=3000,
                          iti_ms=150)


def watched_point(view: ReactionView) -> tuple[int, int]:
    """The window pixel the driver watches: inside the stimulus circle (radius 0.2 of the canvas's stimulus unit),
    off the fixation cross's arms, in the window's device pixels."""
    canvas = view.canvas
    offset = int(canvas.unit()) // 10
    point = canvas.mapTo(view, QPoint(canvas.width() // 2 + offset, canvas.height() // 2 + offset))
    ratio = view.devicePixelRatio()
    return round(point.x() * ratio), round(point.y() * ratio)


def _wait_until(done: Callable[[], bool], timeout_ms: int, what: str) -> None:
    """Run the event loop until done() (checked every 5 ms); TimeoutError naming `what` after timeout_ms."""
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: loop.quit() if done() else None)
    poll.start(5)
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    limit.start(timeout_ms)
    if not done():
        loop.exec()
    poll.stop()
    limit.stop()
    if not done():
        raise TimeoutError(f"{what} within {timeout_ms} ms")


class _Inbox:
    """The driver's messages as they arrive, read when its pipe is readable (a socket notifier, no blocking)."""

    def __init__(self, conn: Connection, on_error: Callable[[str], None] = lambda _reason: None) -> None:
        self.conn = conn
        self.messages: list[dict[str, Any]] = []
        self.on_error = on_error
        self._notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        try:
            while self.conn.poll(0):
                message = self.conn.recv()
                self.messages.append(message)
                if "error" in message:
                    self.on_error(message["error"])
        except EOFError:  # the driver ended: after its figures, as it should, or without them
            self._notifier.setEnabled(False)
            if not any("sent" in message for message in self.messages):
                self.messages.append({"error": "the XTest driver ended without its figures"})
                self.on_error(self.messages[-1]["error"])

    def take(self, timeout_ms: int, what: str) -> dict[str, Any]:
        """The next message (XUnavailable when it is the driver's error)."""
        _wait_until(lambda: bool(self.messages), timeout_ms, what)
        message = self.messages.pop(0)
        if "error" in message:
            raise XUnavailable(message["error"])
        return message

    def close(self) -> None:
        """Stop listening to the pipe."""
        self._notifier.setEnabled(False)


def run_xtest_check(driver: Driver, presses: int = 30, seed: int = 1) -> dict[str, Any]:
    """Play the simple reaction-time game in a window on a scratch log while the driver presses Space and reads
    the onsets from the pixels; return the figures (kiosk/services/timing_xtest.py `xtest_figures`)."""
    params = xtest_params(presses)
    with scratch_log() as log:
        run = ReactionRun(log, GAME, params, seed=seed)
        inbox = _Inbox(driver.conn, run.abort)
        try:
            view = run.view
            handle = view.windowHandle()
            _wait_until(lambda: handle is not None and handle.isExposed() and view.canvas.paint_end_ns > 0,
                        10_000, "the game window was not shown")
            QGuiApplication.sync()  # its first frame is in the X server before the driver notes the background
            x, y = watched_point(view)
            driver.conn.send({"window": int(view.winId()), "x": x, "y": y, "presses": presses, "seed": seed})
            inbox.take(10_000, "the XTest driver did not get ready")
            per_trial_ms = params.iti_ms + params.foreperiod_max_ms + params.timeout_ms
            try:
                events = run.play(timeout_ms=presses * per_trial_ms + 10_000)
            except RuntimeError as exc:
                raise XUnavailable(str(exc)) from None
            stamps = inbox.take(15_000, "the XTest driver did not report its stamps")
        finally:
            inbox.close()
    return xtest_figures(stamps, events, run.recorder.since_start, driver.display)
