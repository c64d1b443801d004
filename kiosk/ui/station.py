"""The station window: a stack of screens, the proctor side (PIN, panel, pause) and kiosk lockdown.

A running game runs only while its screen is in front: whenever another page (pause, PIN, panel) covers
it, the game view is suspended (its optional suspend()), and it is resumed when the game screen is shown
again (see games/spec.py for the contract).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from eventlog import EventLog
from kiosk.services import session_ops
from kiosk.services.battery import available_batteries, resolve_battery
from kiosk.services.printable import write_code_list
from kiosk.services.session_ops import Admission, Closed
from kiosk.services.stationdb import PinCheck, StationDb, parse_expires
from kiosk.services.sync_status import sync_startup
from kiosk.ui.candidate_flow import CandidateController, CandidateScreens
from kiosk.ui.codes_print import print_sheet, write_pdf
from kiosk.ui.lockdown import KioskGuard
from kiosk.ui.ops import DbOps, describe
from kiosk.ui.screens.candidate import CodeEntryScreen, ConsentScreen, EndScreen, GameScreen, InstructionsScreen
from kiosk.ui.screens.panel import IssueRequest, PdfRequest, PrintRequest, ProctorPanel
from kiosk.ui.screens.proctor import PauseScreen, PinScreen
from kiosk.ui.screens.storage import StorageScreen
from kiosk.ui.screens.style import STYLE_SHEET, message
from kiosk.ui.sync_link import SyncLink

__all__ = ["StationWindow"]

DEFAULT_IDLE_S = 60
DEFAULT_PAUSE_S = 300


@dataclass(frozen=True)
class Screens(CandidateScreens):
    """Every page of the station's stack: the candidate's, then the proctor's."""

    pin: PinScreen
    panel: ProctorPanel
    pause: PauseScreen
    storage: StorageScreen

    def candidate_side(self) -> CandidateScreens:
        """Only the pages the candidate controller drives."""
        return CandidateScreens(**{field.name: getattr(self, field.name) for field in fields(CandidateScreens)})


def _make_screens() -> Screens:
    return Screens(
        CodeEntryScreen(), ConsentScreen(), InstructionsScreen(), GameScreen(),
        EndScreen("Thank you!", "You have finished. Your results are saved and nothing can be redone.\n"
                  "Please let the proctor know.", "completeDoneButton"),
        EndScreen("Thank you for your time", "You chose not to take part; nothing more is recorded.\n"
                  "Please let the proctor know.", "declinedDoneButton"),
        PinScreen(), ProctorPanel(), PauseScreen(), StorageScreen(),
    )


def _startup(db: StationDb, log: EventLog, data_dir: Path) -> dict[str, Any]:
    station = db.station_info()
    try:
        from sync.identity import fingerprint

        finger: str | None = fingerprint(data_dir)
    except Exception:  # no identity yet is not an error for the station itself
        finger = None
    with contextlib.suppress(OSError):  # where the panel's Save PDF… opens; a missing folder is no error here
        (data_dir / "exports").mkdir(parents=True, exist_ok=True)
    return {
        "pin_set": db.pin_is_set(), "station": station, "fingerprint": finger,
        "idle_s": int(db.setting("idle_seconds", str(DEFAULT_IDLE_S)) or DEFAULT_IDLE_S),
        "pause_s": int(db.setting("pause_seconds", str(DEFAULT_PAUSE_S)) or DEFAULT_PAUSE_S),
        "sessions": session_ops.overview(db, log, data_dir),
        "sync": sync_startup(db),
    }


class StationWindow(QMainWindow):
    """The station: candidate flow and proctor side in one window; kiosk mode locks it down."""

    session_did_close = Signal(object)  # Closed
    game_view_did_start = Signal(object, str, bool)  # view, game name, practice?
    ready = Signal()
    storage_did_change = Signal(object)  # str (why the log cannot write) or None (it writes again); any thread

    def __init__(self, log: EventLog, data_dir: Path, kiosk: bool = False, seed_override: int | None = None,
                 idle_s: int | None = None, pause_s: int | None = None, ask_pin_setup: bool = True) -> None:
        super().__init__()
        self.log, self.data_dir, self.kiosk = log, Path(data_dir), kiosk
        self.seed_override = seed_override
        self._limits_override = (idle_s, pause_s)
        self.exit_allowed = False
        self.ask_pin_setup = ask_pin_setup
        self.pin_is_set = True
        self.interrupted: list[str] = []
        self.setWindowTitle("HireMate Station")
        self.setObjectName("stationRoot")
        self.setStyleSheet(STYLE_SHEET)
        self.ops = DbOps(log, self.report_problem, self)
        self.guard = KioskGuard(kiosk, DEFAULT_IDLE_S, DEFAULT_PAUSE_S, self)
        self.screens = _make_screens()
        self.guard.escape_allowed = lambda: self.stack.currentWidget() is self.screens.pin
        self.panel = self.screens.panel
        self.stack = QStackedWidget()
        for page in vars(self.screens).values():
            self.stack.addWidget(page)
        self.problem = message("error")  # under every page: a failure no screen of its own could show
        self.problem.setObjectName("stationProblem")
        self.setCentralWidget(self._root(self.stack, self.problem))
        self.stack.currentChanged.connect(self._page_changed)
        self.candidate = CandidateController(self.screens.candidate_side(), self.ops, log, self, seed_override, self)
        self.sync = SyncLink(self.panel.outbox, self.ops, log.store.path, self.panel.show_status, self)
        self._return_to: QWidget = self.screens.code
        self._game_suspended_at: int | None = None  # perf_counter_ns when a proctor page or pause froze the game
        self._refocus = QTimer(self)
        self._refocus.setSingleShot(True)
        self._refocus.setInterval(150)
        self._refocus.timeout.connect(self._take_focus_back)
        self._connect()
        log.add_storage_listener(self.storage_did_change.emit)  # called on the log's writer thread: queued here
        self._start()
        if kiosk:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)

    @staticmethod
    def _root(*rows: QWidget) -> QWidget:
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        for row in rows:
            layout.addWidget(row)
        layout.setStretch(0, 1)
        return root

    def _connect(self) -> None:
        s, g, c = self.screens, self.guard, self.candidate
        c.session_did_close.connect(self.session_did_close)
        c.game_view_did_start.connect(self.game_view_did_start)
        c.candidate_did_change.connect(g.watch_idle)
        self.session_did_close.connect(self.sync.session_closed)
        s.code.retry_requested.connect(self._start)
        g.proctor_requested.connect(self.request_proctor)
        g.idle_detected.connect(lambda ms: self.candidate.record("station.idle_detected", {"idle_ms": int(ms)}))
        g.idle_limit_reached.connect(self._pause_for_idle)
        g.focus_lost.connect(self._focus_lost)
        g.focus_gained.connect(lambda ns: self.candidate.record("station.focus_gained", {"away_ns": int(ns)}))
        s.pin.pin_entered.connect(self._check_pin)
        s.pin.pin_chosen.connect(self._choose_pin)
        s.pin.cancelled.connect(self._leave_proctor)
        s.pause.proctor_requested.connect(self.request_proctor)
        s.storage.proctor_requested.connect(self.request_proctor)
        self.storage_did_change.connect(self._storage_changed)
        p = self.panel
        p.back_requested.connect(self._leave_proctor)
        p.exit_requested.connect(self.exit_station)
        p.refresh_requested.connect(self.refresh_sessions)
        p.issue_requested.connect(self._issue)
        p.pdf_requested.connect(self._save_pdf)
        p.print_requested.connect(self._print_sheet)
        p.resume_requested.connect(self._resume)
        p.abandon_requested.connect(self._abandon)
        p.limits_changed.connect(self._save_limits)

    # -- start-up ---------------------------------------------------------------------------------

    def _start(self) -> None:
        """Read what the station needs on the worker; the code-entry screen waits (and offers a retry on failure)."""
        self.screens.code.set_busy(True)
        log, data_dir = self.log, self.data_dir
        self.ops.write(lambda db: _startup(db, log, data_dir), self._started, what="start the station",
                       failure=self._startup_failed)

    def _startup_failed(self, exc: Exception) -> None:
        self.screens.code.show_failure(f"The station could not start: {describe(exc).rstrip('.')}. "
                                       "Try again, or call the proctor.")

    def report_problem(self, text: str) -> None:
        """A failure no screen of its own shows: a line under every page until the proctor has been in the panel,
        and the panel's status line."""
        self.problem.setText(f"{text.rstrip('.')}. Please tell the proctor.")
        self.problem.setVisible(True)
        self.panel.show_status(text)

    def _started(self, info: dict[str, Any]) -> None:
        self.pin_is_set = info["pin_set"]
        station = info["station"]
        self.panel.show_identity(station["name"], station["id"], info["fingerprint"], str(self.data_dir))
        self.panel.set_batteries(available_batteries())
        idle_s = self._limits_override[0] or info["idle_s"]
        pause_s = self._limits_override[1] or info["pause_s"]
        self.guard.set_limits(idle_s, pause_s)
        self.panel.set_limits(idle_s, pause_s)
        self._sessions_loaded(info["sessions"])
        self.sync.start(info["sync"])
        if info["sync"].queue_error:
            self.report_problem(info["sync"].queue_error)
        self.screens.code.set_busy(False)
        if not self.pin_is_set and self.ask_pin_setup:
            self.screens.pin.ask(setting=True, can_cancel=False)
            self.stack.setCurrentWidget(self.screens.pin)
        self.ready.emit()

    def _sessions_loaded(self, sessions: list[Any]) -> None:
        self.interrupted = [s.session_id for s in sessions if s.status == "interrupted" and s.purpose == "assessment"]
        self.panel.show_sessions(sessions)
        self.refresh_notice()

    def refresh_notice(self) -> None:
        """Tell the proctor on the welcome screen when interrupted sessions wait for them."""
        count = len(self.interrupted)
        self.screens.code.show_notice(
            f"Proctor: {count} interrupted session{'s' if count != 1 else ''} can be resumed "
            "(Ctrl+Alt+Shift+P)." if count else "")

    def refresh_sessions(self) -> None:
        """Reload the sessions list and the outbox on the worker."""
        log, data_dir = self.log, self.data_dir
        self.ops.read(lambda db: session_ops.overview(db, log, data_dir), self._sessions_loaded,
                      what="load the sessions list", failure=self._tell_proctor("load the sessions list"))
        self.sync.refresh()

    def _tell_proctor(self, what: str) -> Callable[[Exception], None]:
        """A failure route for the panel's own actions: its status line."""
        return lambda exc: self.panel.show_status(f"Could not {what}: {describe(exc)}")

    # -- navigation -------------------------------------------------------------------------------

    def show_candidate(self, page: QWidget) -> None:
        """Show a candidate page, unless the proctor side or a pause is in front (then show it afterwards)."""
        self._return_to = page
        if self.stack.currentWidget() not in (self.screens.pin, self.panel, self.screens.pause, self.screens.storage):
            self.stack.setCurrentWidget(page)

    def request_proctor(self) -> None:
        """The key chord (or the pause screen's button): ask for the PIN."""
        current = self.stack.currentWidget()
        if current in (self.screens.pin, self.panel):
            return
        self.screens.pin.ask(setting=not self.pin_is_set, can_cancel=current is not self.screens.pause)
        self.stack.setCurrentWidget(self.screens.pin)

    def _leave_proctor(self) -> None:
        if self.stack.currentWidget() is self.panel:
            self.problem.setVisible(False)  # the proctor has seen it (it shows under the panel too)
        self.screens.pin.stop()
        if self.log.storage_problem is not None:  # still cannot save: back to the proctor's call screen
            self.stack.setCurrentWidget(self.screens.storage)
            return
        self.stack.setCurrentWidget(self._return_to)
        self._return_to.setFocus()
        if self.candidate.view is not None and self._return_to is self.screens.game:
            self.candidate.view.setFocus()

    def _check_pin(self, pin: str) -> None:
        now = time.time_ns()
        self.ops.write(lambda db: db.check_pin(pin, now), self._pin_checked, what="check the PIN",
                       failure=lambda exc: self.screens.pin.show_error(f"Could not check the PIN: {describe(exc)}"))

    def _open_panel(self) -> None:
        self.refresh_sessions()
        self.stack.setCurrentWidget(self.panel)

    def _pin_checked(self, result: PinCheck) -> None:
        pin = self.screens.pin
        if result.ok:
            pin.stop()
            self._open_panel()
        elif result.locked_s:
            pin.show_locked(result.locked_s)
        else:
            pin.show_error(f"Wrong PIN. {result.tries_left} tries left before the prompt locks.")

    def _choose_pin(self, pin: str, again: str) -> None:
        def chosen(_: object) -> None:
            self.pin_is_set = True
            self._open_panel()

        self.ops.write(lambda db: db.set_pin(pin, again), chosen, what="save the PIN",
                       failure=lambda exc: self.screens.pin.show_error(str(exc)))

    # -- proctor actions --------------------------------------------------------------------------

    def _issue(self, request: IssueRequest) -> None:
        try:
            expires = parse_expires(request.expires)
        except ValueError as exc:
            self.panel.show_status(str(exc))
            return
        person = (request.name, request.email) if request.count == 1 else None
        folder = self.data_dir / "codes"

        def issue(db: StationDb) -> tuple[list[Any], str]:
            battery = resolve_battery(request.battery)
            codes = db.issue_codes(request.count, battery.ref, expires, request.prefix, person)
            name = f"codes-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}.html"
            return codes, str(write_code_list(folder / name, codes, db.station_info()["name"]))

        self.ops.write(issue, lambda result: self.panel.show_issued(*result), what="issue codes",
                       failure=lambda exc: self.panel.show_status(f"Could not issue codes: {exc}"))

    def _save_pdf(self, request: PdfRequest) -> None:
        """Write the code sheet's PDF on the worker (nothing on the GUI thread waits on disk)."""
        self.ops.write(lambda _db: write_pdf(request.sheet, request.path), self.panel.show_printed,
                       what="save the PDF",
                       failure=lambda exc: self.panel.show_status(f"Could not save the PDF: {exc}"))

    def _print_sheet(self, request: PrintRequest) -> None:
        """Print the code sheet on the worker (spooling may wait on the print system)."""
        self.ops.write(lambda _db: print_sheet(request.sheet, request.printer), self.panel.show_printed,
                       what="print", failure=lambda exc: self.panel.show_status(f"Could not print: {exc}"))

    def _resume(self, session_id: str) -> None:
        if self.candidate.active:
            self.panel.show_status("A candidate session is running in this window; finish it first.")
            return
        log = self.log
        self.ops.write(lambda db: session_ops.resume(db, log, session_id), self._resumed, what="resume the session",
                       failure=lambda exc: self.panel.show_status(f"Cannot resume: {exc}"))

    def _resumed(self, admission: Admission) -> None:
        self.interrupted = [sid for sid in self.interrupted if sid != admission.session.session_id]
        self.refresh_sessions()
        self.candidate.resumed(admission)
        self._leave_proctor()

    def _abandon(self, session_id: str) -> None:
        def abandoned(closed: Closed) -> None:
            self.session_did_close.emit(closed)
            self.refresh_sessions()

        log = self.log
        self.ops.write(lambda db: session_ops.abandon(db, log, session_id), abandoned, what="abandon the session",
                       failure=lambda exc: self.panel.show_status(f"Cannot abandon: {exc}"))

    def _save_limits(self, idle_s: int, pause_s: int) -> None:
        self.guard.set_limits(idle_s, pause_s)

        def save(db: StationDb) -> None:
            db.set_settings({"idle_seconds": str(idle_s), "pause_seconds": str(max(idle_s, pause_s))})

        self.ops.write(save, lambda _: self.panel.show_status("Idle limits saved."), what="save the idle limits",
                       failure=self._tell_proctor("save the idle limits"))

    # -- lockdown ---------------------------------------------------------------------------------

    def _page_changed(self, _index: int) -> None:
        """Suspend the game view when a page covers it; resume it when its screen is in front again."""
        current = self.stack.currentWidget()
        if current is self.screens.game:
            self._call_game("resume")
            self._log_game_resumed()
        else:
            self._call_game("suspend")
            if current in (self.screens.pin, self.panel, self.screens.pause, self.screens.storage):
                reasons = {self.screens.pause: "idle", self.screens.storage: "storage"}
                self._log_game_suspended(reasons.get(current, "proctor"))

    def _log_game_suspended(self, reason: str) -> None:
        """Record that a running game was frozen, once per freeze."""
        view = self.candidate.view
        if view is None or getattr(view, "finished", True) or self._game_suspended_at is not None:
            return
        self._game_suspended_at = time.perf_counter_ns()
        self.candidate.record("station.game_suspended", {"reason": reason}, self._game_suspended_at)

    def _log_game_resumed(self) -> None:
        """Record that the frozen game runs again, with how long it was frozen."""
        if self._game_suspended_at is None:
            return
        resumed_at = time.perf_counter_ns()
        frozen_ns = resumed_at - self._game_suspended_at
        self._game_suspended_at = None
        self.candidate.record("station.game_resumed", {"suspended_ns": frozen_ns}, resumed_at)

    def _call_game(self, method: str) -> None:
        view = self.candidate.view
        if view is not None and callable(getattr(view, method, None)):
            getattr(view, method)()

    def _storage_changed(self, problem: str | None) -> None:
        """The log cannot write (a full disk): the candidate sees the call-the-proctor screen and the game waits,
        the proctor sees the cause; once it writes again the station goes back to where it was by itself."""
        current = self.stack.currentWidget()
        if problem is not None:
            self.screens.storage.show_cause(problem)
            self.report_problem(f"The station cannot save: {problem}")
            if current is not None and current not in (self.screens.pin, self.panel, self.screens.storage):
                if current is not self.screens.pause:
                    self._return_to = current
                self.stack.setCurrentWidget(self.screens.storage)
            return
        self.panel.show_status("The station saves again: the session continues.")
        if self.problem.text().startswith("The station cannot save"):
            self.problem.setVisible(False)
        if current is self.screens.storage:
            self.stack.setCurrentWidget(self._return_to)
            self._return_to.setFocus()
            if self.candidate.view is not None and self._return_to is self.screens.game:
                self.candidate.view.setFocus()

    def _pause_for_idle(self, idle_ms: int) -> None:
        if not self.candidate.active:
            return
        self._call_game("suspend")  # first: what the game flushes on suspend goes before station.paused
        self.candidate.record("station.paused", {"reason": "idle"})
        self.screens.pause.show_reason(f"No input for {idle_ms // 1000} seconds.")
        current = self.stack.currentWidget()
        if current is not None and current not in (self.screens.pin, self.panel):
            self._return_to = current
        self.stack.setCurrentWidget(self.screens.pause)

    def _focus_lost(self) -> None:
        self.candidate.record("station.focus_lost", {})
        if self.kiosk:
            self._refocus.start()

    def _take_focus_back(self) -> None:
        self.raise_()
        self.activateWindow()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self.guard.window_activated()
            elif QApplication.activeModalWidget() is None:  # the proctor's own dialog (print, save) is not away
                self.guard.window_deactivated()
        super().changeEvent(event)

    def exit_station(self) -> None:
        """Leave (after the PIN): an open candidate session stays open and shows as interrupted next time."""
        self.exit_allowed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk and not self.exit_allowed:
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop timers, the input guard, the sync worker and the DB worker (idempotent)."""
        self._refocus.stop()
        self.screens.pin.stop()
        self.guard.detach()
        self.sync.shutdown()
        self.ops.shutdown()
