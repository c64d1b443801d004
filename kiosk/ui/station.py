"""The station window: a stack of screens, the proctor side (PIN, panel, pause) and kiosk lockdown.

A running game runs only while its screen is in front: whenever another page (pause, PIN, panel) covers
it, the game view is suspended, and it is resumed when the game screen is shown again (the GameView
contract, games/core.py). The candidate's own pages are gated (kiosk.ui.input_gate): held, repeated or
queued keys never act on them. Under every candidate page sits "Call the proctor". In kiosk mode the window
is fullscreen on its screen and takes itself back to the front (kiosk.ui.kiosk_keeper); closing needs the PIN.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from i18n import N_, _, _s, ngettext_s
from kiosk.ui.accessible import name_controls
from kiosk.ui.call_bar import CallBar
from kiosk.ui.kiosk_keeper import KioskKeeper
from kiosk.ui.lockdown import KioskGuard
from kiosk.ui.screens.candidate import CandidatePage, CodeEntryScreen
from kiosk.ui.screens.proctor import PauseScreen, PinScreen
from kiosk.ui.screens.style import message
from kiosk.ui.station_frame import could_not, describe, root_rows, style_pages, window_sheet
from kiosk.ui.station_start import DEFAULT_IDLE_S, DEFAULT_PAUSE_S

if TYPE_CHECKING:  # the rest loads in attach(), after the first paint (the start-up benchmark)
    from eventlog import EventLog
    from kiosk.services.session_ops import Admission, Closed
    from kiosk.services.stationdb import PinCheck
    from kiosk.ui.candidate_flow import CandidateController
    from kiosk.ui.daily_purge import DailyPurge
    from kiosk.ui.input_gate import DroppedInput, InputGate
    from kiosk.ui.ops import DbOps
    from kiosk.ui.proctor_actions import ProctorActions
    from kiosk.ui.screens.panel import ProctorPanel
    from kiosk.ui.station_screens import Screens
    from kiosk.ui.sync_link import SyncLink

__all__ = ["StationWindow"]

PROCTOR_CALLED = N_("The proctor has been called and will come to you. You can carry on meanwhile.")


class StationWindow(QMainWindow):
    """The station: candidate flow and proctor side in one window; kiosk mode locks it down."""

    session_did_close = Signal(object)  # Closed
    game_view_did_start = Signal(object, str, bool)  # view, game name, practice?
    ready = Signal()
    storage_did_change = Signal(object)  # str (why the log cannot write) or None (it writes again); any thread

    log: EventLog
    ops: DbOps
    gate: InputGate
    screens: Screens
    panel: ProctorPanel
    candidate: CandidateController
    sync: SyncLink
    proctor: ProctorActions
    daily_purge: DailyPurge

    def __init__(self, log: EventLog | None, data_dir: Path, kiosk: bool = False, seed_override: int | None = None,
                 idle_s: int | None = None, pause_s: int | None = None, ask_pin_setup: bool = True,
                 ready_ms: int | None = None, purpose: str = "assessment") -> None:
        """The window with its code-entry screen; with log None, the rest comes with attach(log) (after the first
        paint: `hiremate run` paints first and opens the event log afterwards)."""
        super().__init__()
        self.data_dir, self.kiosk = Path(data_dir), kiosk
        self._options = (seed_override, ready_ms, purpose)
        self._limits_override = (idle_s, pause_s)
        self.exit_allowed = False
        self.attached = False
        self.ask_pin_setup = ask_pin_setup
        self.pin_is_set = True
        self.interrupted: list[str] = []
        self.attention: dict[str, str] = {}  # session id -> what the proctor must know (scoring, queueing failed)
        self.setWindowTitle("HireMate Station")
        self.setObjectName("stationRoot")
        self.setStyleSheet(window_sheet())
        self.setMinimumSize(800, 600)
        self.guard = KioskGuard(kiosk, DEFAULT_IDLE_S, DEFAULT_PAUSE_S, self)
        self.keeper = KioskKeeper(self, self)
        self.code = CodeEntryScreen()
        self.code.set_busy(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.code)
        self.problem = message("error")  # under every page: a failure no screen of its own could show
        self.problem.setObjectName("stationProblem")
        self.call_bar = CallBar()
        self.call_button, self.call_note = self.call_bar.button, self.call_bar.note
        style_pages(self.code, self.problem, self.call_bar)
        root, self._root_layout = root_rows(self.stack, self.call_bar, self.problem)
        self.setCentralWidget(root)
        self.call_bar.setVisible(False)
        if kiosk:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        if log is not None:
            self.attach(log)

    def attach(self, log: EventLog) -> None:
        """Build the rest on the open event log: the other pages, the DB worker, the controllers; then start."""
        from kiosk.ui.appearance_link import AppearanceLink
        from kiosk.ui.candidate_flow import CandidateController
        from kiosk.ui.daily_purge import DailyPurge
        from kiosk.ui.input_gate import READY_MS, InputGate
        from kiosk.ui.ops import DbOps
        from kiosk.ui.proctor_actions import ProctorActions
        from kiosk.ui.station_screens import make_screens
        from kiosk.ui.sync_link import SyncLink

        seed_override, ready_ms, purpose = self._options
        self.log = log
        self.ops = DbOps(log, self.report_problem, self)
        self.gate = InputGate(self, READY_MS if ready_ms is None else ready_ms, self)
        self.screens = make_screens(self.code)
        self.guard.escape_allowed = lambda: self.stack.currentWidget() is self.screens.pin
        self.panel = self.screens.panel
        pages = [page for page in vars(self.screens).values() if page is not self.code]
        for page in pages:
            self.stack.addWidget(page)
        style_pages(*pages)
        self.candidate = CandidateController(self.screens.candidate_side(), self.ops, log, self, seed_override, self,
                                             purpose=purpose)
        self.sync = SyncLink(self.panel.outbox, self.ops, log.store.path, self.panel.show_status, self)
        self.proctor = ProctorActions(self.panel, self.ops, log, self.data_dir, self.guard, self.refresh_sessions,
                                      self.session_did_close.emit, self)
        self.daily_purge = DailyPurge(self.ops, log, self.panel.show_status, parent=self)
        self.return_to: QWidget = self.screens.code  # the candidate's page to go back to after a proctor page
        self._game_suspended_at: int | None = None  # perf_counter_ns when a proctor page or pause froze the game
        self.attached = True
        self.stack.currentChanged.connect(self._page_changed)
        self._connect()
        self.gate.attach()
        self.appearance = AppearanceLink(self)  # after the gate: the type-size keys are the station's, always
        log.add_storage_listener(self.storage_did_change.emit)  # called on the log's writer thread: queued here
        self._start()
        self._page_changed(self.stack.currentIndex())

    def _connect(self) -> None:
        s, g, c = self.screens, self.guard, self.candidate
        c.session_did_close.connect(self.session_did_close)
        c.game_view_did_start.connect(self.game_view_did_start)
        c.candidate_did_change.connect(g.watch_idle)
        c.break_did_change.connect(lambda on: g.watch_idle(not on))  # granted breaks: no idle pause
        c.language_did_change.connect(self._language_changed)
        self.session_did_close.connect(self.sync.session_closed)
        self.session_did_close.connect(self._session_closed)
        s.code.retry_requested.connect(self._start)
        g.proctor_requested.connect(self.request_proctor)
        g.idle_detected.connect(lambda ms: self.candidate.record("station.idle_detected", {"idle_ms": int(ms)}))
        g.idle_limit_reached.connect(self._pause_for_idle)
        g.focus_lost.connect(self._focus_lost)
        g.focus_gained.connect(self._focus_gained)
        self.gate.dropped.connect(self._input_dropped)
        self.call_button.clicked.connect(self._proctor_called)
        s.pin.pin_entered.connect(self._check_pin)
        s.pin.pin_chosen.connect(self._choose_pin)
        s.pin.cancelled.connect(self._leave_proctor)
        s.pause.proctor_requested.connect(self.request_proctor)
        s.storage.proctor_requested.connect(self.request_proctor)
        self.storage_did_change.connect(self._storage_changed)
        p = self.panel
        p.back_requested.connect(self._leave_proctor)
        p.exit_requested.connect(self.request_exit)
        p.refresh_requested.connect(self.refresh_sessions)
        p.resume_requested.connect(self._resume)

    # -- start-up ---------------------------------------------------------------------------------

    def show_kiosk(self) -> None:
        """Show the kiosk: fullscreen on the screen it starts on, with or without a window manager."""
        self.keeper.show()

    def _start(self) -> None:
        """Read what the station needs on the worker; the code-entry screen waits (and offers a retry on failure)."""
        self.screens.code.set_busy(True)
        log, data_dir = self.log, self.data_dir
        from kiosk.ui.station_start import read_startup

        self.ops.write(lambda db: read_startup(db, log, data_dir), self._started, what=N_("start the station"),
                       failure=self._startup_failed)

    def _startup_failed(self, exc: Exception) -> None:
        self.screens.code.show_failure(_s("The station could not start: {error}. Try again, or call the proctor.")
                                       .format(error=describe(exc).rstrip(".")))

    def report_problem(self, text: str) -> None:
        """A failure no screen of its own shows: a line under every page until the proctor has been in the panel,
        and the panel's status line."""
        self.problem.setText(_s("{problem}. Please tell the proctor.").format(problem=text.rstrip(".")))
        self.problem.setVisible(True)
        self.panel.show_status(text)

    def tell_proctor(self, text: str) -> None:
        """Something for the proctor only: the panel's status line (the candidate sees nothing)."""
        self.panel.show_status(text)

    def _started(self, info: dict[str, Any]) -> None:
        self.pin_is_set = info["pin_set"]
        station = info["station"]
        self.panel.show_identity(station["name"], station["id"], info["fingerprint"], str(self.data_dir))
        from kiosk.services.battery import available_batteries

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
        self.panel.show_sessions(sessions, self.attention)
        self.refresh_notice()

    def refresh_notice(self) -> None:
        """Tell the proctor on the welcome screen when interrupted sessions wait (the key chord stays a secret)."""
        self.screens.code.show_interrupted(len(self.interrupted))

    def refresh_sessions(self) -> None:
        """Reload the sessions list, the unused codes and the outbox on the worker."""
        from kiosk.services import session_ops

        log, data_dir = self.log, self.data_dir
        self.ops.read(lambda db: session_ops.overview(db, log, data_dir), self._sessions_loaded,
                      what=N_("load the sessions list"),
                      failure=lambda exc: self.panel.show_status(could_not(N_("load the sessions list"), exc)))
        self.proctor.load_codes()
        self.sync.refresh()

    def _session_closed(self, closed: Closed) -> None:
        """A session whose scoring or queueing failed is the proctor's business: the panel shows it."""
        if closed.problems:
            self.attention[closed.session_id] = "; ".join(closed.problems)
            self.tell_proctor(_s("Session {session} is saved but needs you: {problems}").format(
                session=closed.session_id[:8], problems="; ".join(closed.problems)))

    # -- navigation -------------------------------------------------------------------------------

    def proctor_page(self, page: QWidget | None = None) -> bool:
        """Whether the page (the one in front by default) is the proctor's or a pause, not the candidate's."""
        return (page or self.stack.currentWidget()) in (self.screens.pin, self.panel, self.screens.pause,
                                                         self.screens.storage)

    def show_candidate(self, page: QWidget) -> None:
        """Show a candidate page, unless the proctor side or a pause is in front (then show it afterwards)."""
        self.return_to = page
        if not self.proctor_page():
            self.stack.setCurrentWidget(page)
            self._focus_page(page)

    def _focus_page(self, page: QWidget) -> None:
        if isinstance(page, CandidatePage | PinScreen | PauseScreen):
            page.focus_first()
        elif page is self.panel:
            self.panel.focus_first()

    def request_proctor(self, purpose: str = "panel") -> None:
        """The key chord (or the pause screen's button): ask for the PIN."""
        current = self.stack.currentWidget()
        if current is self.screens.pin or (current is self.panel and purpose == "panel"):
            return
        self.screens.pin.ask(setting=not self.pin_is_set, can_cancel=current is not self.screens.pause,
                             purpose=purpose)
        self.stack.setCurrentWidget(self.screens.pin)
        self.screens.pin.focus_first()

    def request_exit(self) -> None:
        """The panel's "Close the station…": the PIN again, then the station closes."""
        self.request_proctor(purpose="exit")

    def _leave_proctor(self) -> None:
        if self.stack.currentWidget() is self.panel:
            self.problem.setVisible(False)  # the proctor has seen it (it shows under the panel too)
        elif self.screens.pin.purpose == "exit" and self.stack.currentWidget() is self.screens.pin:
            self.stack.setCurrentWidget(self.panel)  # "Back" from closing the station: the panel again
            self.panel.focus_first()
            return
        self.screens.pin.stop()
        if self.log.storage_problem is not None:  # still cannot save: back to the proctor's call screen
            self.stack.setCurrentWidget(self.screens.storage)
            return
        self.stack.setCurrentWidget(self.return_to)
        self._focus_page(self.return_to)

    def _check_pin(self, pin: str) -> None:
        now = time.time_ns()
        self.ops.write(lambda db: db.check_pin(pin, now), self._pin_checked, what=N_("check the PIN"),
                       failure=lambda exc: self.screens.pin.show_error(could_not(N_("check the PIN"), exc)))

    def _open_panel(self) -> None:
        self.refresh_sessions()
        self.stack.setCurrentWidget(self.panel)
        self.panel.focus_first()

    def _pin_checked(self, result: PinCheck) -> None:
        pin = self.screens.pin
        if result.ok:
            pin.stop()
            if pin.purpose == "exit":
                self.exit_station()
            else:
                self._open_panel()
        elif result.locked_s:
            pin.show_locked(result.locked_s)
        else:
            pin.show_error(ngettext_s("Wrong PIN. {count} try left before the prompt locks.",
                                      "Wrong PIN. {count} tries left before the prompt locks.", result.tries_left)
                           .format(count=result.tries_left))

    def _choose_pin(self, pin: str, again: str) -> None:
        def chosen(_: object) -> None:
            self.pin_is_set = True
            self._open_panel()

        self.ops.write(lambda db: db.set_pin(pin, again), chosen, what=N_("save the PIN"),
                       failure=lambda exc: self.screens.pin.show_error(str(exc)))

    # -- resume -----------------------------------------------------------------------------------

    def _resume(self, session_id: str) -> None:
        if self.candidate.active:
            self.panel.show_status(_s("A candidate session is running in this window; finish it first."))
            return
        from kiosk.services import session_ops

        log = self.log
        self.ops.write(lambda db: session_ops.resume(db, log, session_id), self._resumed,
                       what=N_("resume the session"), failure=lambda exc: self.panel.show_status(
                           _s("Cannot resume: {error}").format(error=describe(exc))))

    def _resumed(self, admission: Admission) -> None:
        self.interrupted = [sid for sid in self.interrupted if sid != admission.session.session_id]
        self.refresh_sessions()
        self.candidate.resumed(admission)
        self._leave_proctor()

    # -- the candidate's pages --------------------------------------------------------------------

    def _page_changed(self, _index: int) -> None:
        """Gate the candidate's pages; suspend the game view when a page covers it, resume it when it is in front."""
        current = self.stack.currentWidget()
        candidate_page = isinstance(current, CandidatePage)
        self.call_bar.place(self._root_layout, self.screens.game.header_row, self.screens.game,
                            current is self.screens.game)
        self.call_bar.setVisible(candidate_page)
        self.call_bar.retranslate()  # the candidate's language may have changed since the last page
        self.call_note.setText("")
        gated = candidate_page and current is not self.screens.game
        self.gate.page_shown(current.screen_name if gated and isinstance(current, CandidatePage) else None)
        if current is self.screens.game:
            self.call_game("resume")
            self._log_game_resumed()
        else:
            self.call_game("suspend")
            if self.proctor_page(current):
                reasons: dict[QWidget, str] = {self.screens.pause: "idle", self.screens.storage: "storage"}
                self._log_game_suspended(reasons.get(current, "proctor") if current is not None else "proctor")

    def _language_changed(self, _tag: str) -> None:
        """The candidate's language changed: the call bar's words, and every candidate control's accessible name."""
        self.call_bar.retranslate()
        for page in (*vars(self.screens.candidate_side()).values(), self.call_bar):
            name_controls(page)

    def _input_dropped(self, dropped: DroppedInput) -> None:
        self.candidate.record("station.input_dropped", dropped.payload(), dropped.perf_ns)

    def _proctor_called(self) -> None:
        """The candidate asked for the proctor: record it and say so calmly; a game goes on."""
        current = self.stack.currentWidget()
        screen = current.screen_name if isinstance(current, CandidatePage) else "unknown"
        self.candidate.record("station.proctor_called", {"screen": screen})
        self.call_note.setText(_(PROCTOR_CALLED))
        if current is self.screens.game:
            self.screens.game.focus_first()

    def _log_game_suspended(self, reason: str) -> None:
        """Record that a running game was frozen, once per freeze."""
        game = self.candidate.game
        if game is None or game.finished or self._game_suspended_at is not None:
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

    def call_game(self, method: str) -> None:
        """Suspend or resume the running game view, if any."""
        game = self.candidate.game
        if game is not None:
            game.resume() if method == "resume" else game.suspend()

    def _storage_changed(self, problem: str | None) -> None:
        from kiosk.ui.station_pauses import storage_changed

        storage_changed(self, problem)

    def _pause_for_idle(self, idle_ms: int) -> None:
        from kiosk.ui.station_pauses import pause_for_idle

        pause_for_idle(self, idle_ms)

    # -- lockdown ---------------------------------------------------------------------------------

    def _focus_lost(self, cause: str) -> None:
        self.candidate.record("station.focus_lost", {"cause": cause})

    def _focus_gained(self, away_ns: int) -> None:
        self.keeper.stop()
        self.candidate.record("station.focus_gained", {"away_ns": int(away_ns)})

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.ActivationChange, QEvent.Type.WindowStateChange):
            self._presence_changed(kind == QEvent.Type.ActivationChange)
        super().changeEvent(event)

    def _presence_changed(self, activation: bool) -> None:
        """Minimised, in front again, or another window (not the proctor's own dialog) took the focus."""
        if self.isMinimized():
            self._taken_away("minimised")
        elif self.isVisible() and self.isActiveWindow():
            self.guard.window_activated()
        elif activation and QApplication.activeModalWidget() is None:
            self._taken_away("deactivated")

    def _taken_away(self, cause: str) -> None:
        self.guard.window_deactivated(cause)
        if self.kiosk and not self.exit_allowed:
            self.keeper.taken_away()  # also when the focus stayed: a minimised or hidden kiosk comes back

    def hideEvent(self, event: QHideEvent) -> None:
        if not self.exit_allowed and (self.kiosk or event.spontaneous()):
            self._taken_away("minimised" if self.isMinimized() else "hidden")  # a minimise hides first
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.isActiveWindow() and not self.isMinimized():
            self.guard.window_activated()

    def exit_station(self) -> None:
        """Leave (after the PIN): an open candidate session stays open and shows as interrupted next time."""
        self.exit_allowed = True
        self.keeper.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk and not self.exit_allowed:
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop timers, the input guard and gate, the sync worker and the DB worker (idempotent)."""
        self.keeper.stop()
        self.guard.detach()
        if not self.attached:  # closed before the event log was open: nothing else runs yet
            return
        self.gate.detach()
        self.appearance.detach()
        self.screens.pin.stop()
        self.candidate.stop_timing_check()
        self.daily_purge.stop()
        self.sync.shutdown()
        self.ops.shutdown()
