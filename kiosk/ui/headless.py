"""Qt runs the command line asks for: a code sheet PDF offscreen, one game in a window, a scripted station run."""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication

from eventlog.recorder import SessionRecorder
from games.spec import GameSpec, load_object
from kiosk.services.session_ops import Closed
from kiosk.services.station_lock import StationLock
from kiosk.services.station_log import open_station_log
from kiosk.services.stationdb import IssuedCode
from kiosk.services.version import APP_VERSION
from kiosk.ui.codes_print import CodeSheet, Layout, SheetOutput, write_pdf
from kiosk.ui.qtapp import widgets_app

__all__ = ["PlayerUnavailable", "SimulationOutcome", "play_in_window", "quit_on_signals", "simulate_station",
           "write_sheet_pdf"]


class PlayerUnavailable(Exception):
    """A game's scripted player cannot play without a script of its own."""


def write_sheet_pdf(path: Path, codes: Sequence[IssuedCode], station: str, slips: bool) -> SheetOutput:
    """The code sheet as a PDF, drawn under an offscreen QGuiApplication (no display needed)."""
    app = QGuiApplication.instance() or QGuiApplication(["hiremate", "-platform", "offscreen"])
    sheet = CodeSheet(station, tuple(codes), Layout.SLIPS if slips else Layout.LIST)
    try:
        return write_pdf(sheet, path)
    finally:
        del app


def _attach_player(spec: GameSpec, view: Any, speed: float) -> None:
    try:
        player = load_object(spec.player)(speed=speed)
    except TypeError as exc:
        raise PlayerUnavailable(f"the scripted player of {spec.name!r} cannot run without a script: {exc}") from None
    player.attach(view)


class _CloseWatch(QObject):
    """Quits a local event loop when the watched window is closed (QApplication.lastWindowClosed is emitted only
    inside QApplication.exec(), never in a local loop)."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.loop.quit()
        return False


@contextlib.contextmanager
def quit_on_signals(loop: QEventLoop, stopped: list[str]) -> Iterator[None]:
    """While inside, SIGINT (Ctrl+C) and SIGTERM quit `loop` (their names go into `stopped`).

    Python runs a signal handler only when the interpreter gets control; a socket written by the C-level handler
    (signal.set_wakeup_fd) wakes the Qt event loop at once, so Ctrl+C works even while Qt waits for input.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: _drain(reader))
    names = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM"}

    def handle(number: int, _frame: object) -> None:
        stopped.append(names.get(signal.Signals(number), str(number)))
        loop.quit()

    previous = {number: signal.signal(number, handle) for number in names}
    old_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        yield
    finally:
        signal.set_wakeup_fd(old_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        notifier.setEnabled(False)
        reader.close()
        writer.close()


def _drain(reader: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while reader.recv(64):
            pass


def play_in_window(data_dir: Path, spec: GameSpec, params: BaseModel, seed: int, autoplay: bool,
                   speed: float) -> dict[str, Any]:
    """Run one game's view in a window, recording into a practice session, until the game finishes (with
    --autoplay) or the person closes the window or presses Ctrl+C; the session is closed and flushed either way.

    The result says how it ended: status "completed" (the game finished; its summary) or "abandoned" (closed or
    interrupted before the end), `stopped_by` (window, SIGINT, SIGTERM or the game's end) and the events recorded.
    """
    app = widgets_app(["hiremate"])
    log = open_station_log(data_dir, app_version=APP_VERSION)
    try:
        session = log.open_session(purpose="practice", participant="practice")
        view = load_object(spec.view)(SessionRecorder(log, session, spec.name), params, seed)
        result: dict[str, Any] = {"session_id": session.session_id, "game": spec.name, "seed": seed,
                                  "status": "abandoned", "summary": {}, "stopped_by": "window"}
        closer: list[threading.Thread] = []
        loop = QEventLoop()  # a local loop, so that a window closed by the person ends only this game
        watch = _CloseWatch(loop)
        view.installEventFilter(watch)
        stopped: list[str] = []

        def finished(summary: dict[str, Any]) -> None:
            result["status"], result["summary"] = "completed", summary
            t_ns = session.now_ns()  # the session closes off the GUI thread: close_session waits on disk
            worker = threading.Thread(target=log.close_session, args=(session.session_id, t_ns, "practice_done"))
            closer.append(worker)
            worker.start()
            if autoplay:
                result["stopped_by"] = "end"
                loop.quit()

        view.game_did_finish.connect(finished)
        view.setWindowTitle(f"HireMate practice: {spec.title}")
        view.resize(1024, 720)
        view.show()
        if autoplay:
            _attach_player(spec, view, speed)
        with quit_on_signals(loop, stopped):
            view.start()
            loop.exec()
        if stopped:
            result["stopped_by"] = stopped[0]
        view.removeEventFilter(watch)
        view.close()
        view.deleteLater()
        app.processEvents()
        for worker in closer:
            worker.join()
        if log.is_open(session.session_id):
            log.close_session(session.session_id, session.now_ns(), "abandoned")  # flushes: durable on return
        result["events"] = log.store.event_count(session.session_id)
        return result
    finally:
        log.close()


@dataclass
class SimulationOutcome:
    """How a scripted station run ended: the closed session, or the problems that stopped it."""

    closed: Closed | None = None
    problems: list[str] = field(default_factory=list)


def _quiet_offscreen_warnings(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen platform's notes on window hints it cannot honour; pass on everything else."""
    if "does not support propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)


def simulate_station(data_dir: Path, code: str, seed: int | None, speed: float, practice: bool,
                     timeout_s: float, lock: StationLock) -> SimulationOutcome:
    """Open the station on data_dir (whose lock the caller holds: taken before the code was issued) and let a
    scripted candidate redeem `code` and play the battery; the session's purpose is "simulation"."""
    from kiosk.ui.app import open_station
    from kiosk.ui.simulate import SimulatedCandidate

    qInstallMessageHandler(_quiet_offscreen_warnings)
    app = widgets_app(sys.argv[:1])
    window, log, lock = open_station(data_dir, lock=lock, seed_override=seed, ask_pin_setup=False,
                                     purpose="simulation")
    outcome = SimulationOutcome()
    candidate = SimulatedCandidate(window, code, speed=speed, practice=practice)
    window.session_did_close.connect(lambda closed: print(f"closed {closed.session_id}", file=sys.stderr))

    def stop_with(problem: str) -> None:
        outcome.problems.append(problem)
        app.quit()

    candidate.finished.connect(lambda _: app.quit())
    candidate.failed.connect(stop_with)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: stop_with(f"timed out after {timeout_s:g} s"))
    watchdog.start(int(timeout_s * 1000))
    try:
        window.resize(1280, 800)
        window.show()
        candidate.start()
        app.exec()
    finally:
        watchdog.stop()
        candidate.stop()
        window.shutdown()
        window.deleteLater()
        log.close()
        lock.release()
    outcome.closed = candidate.closed
    return outcome
