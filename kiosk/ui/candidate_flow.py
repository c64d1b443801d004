"""The candidate side of the station window: drives the flow state machine, the session and the game views."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from eventlog import EventLogError, OpenSession
from eventlog.recorder import SessionRecorder
from games.spec import game_spec, load_object
from kiosk.services import session_ops, texts
from kiosk.services.battery import BatteryError
from kiosk.services.codes import CodeFormatError, CodeTypoError, parse_code
from kiosk.services.flow import Flow, FlowEvent, FlowState, Screen
from kiosk.services.session_ops import Admission, Closed
from kiosk.services.stationdb import CodeRefused

if TYPE_CHECKING:
    from kiosk.ui.station import StationWindow

__all__ = ["CandidateController"]


class CandidateController(QObject):
    """Moves one candidate through consent, instructions, practice, games and completion."""

    def __init__(self, window: StationWindow) -> None:
        super().__init__(window)
        self.w = window
        self.state = FlowState()
        self.flow: Flow | None = None
        self.admission: Admission | None = None
        self.practice_session: OpenSession | None = None
        self.view: QWidget | None = None
        self._consent = texts.consent_text()
        self._connect()

    def _connect(self) -> None:
        s = self.w.screens
        s.code.code_submitted.connect(self.submit_code)
        s.consent.accepted.connect(self._consent_accepted)
        s.consent.declined.connect(self._consent_declined)
        s.instructions.practice.connect(self._practice)
        s.instructions.begin.connect(self._begin)
        s.complete.finished.connect(self._finish)
        s.declined.finished.connect(self._finish)

    @property
    def active(self) -> bool:
        """Whether a candidate session is open in this window."""
        return self.admission is not None

    @property
    def session_id(self) -> str | None:
        """The open candidate session's id, if any."""
        return self.admission.session.session_id if self.admission else None

    # -- recording --------------------------------------------------------------------------------

    def record(self, kind: str, payload: dict[str, Any], perf_ns: int | None = None) -> None:
        """Record a station.* event into the open candidate session (never waits on disk).

        perf_ns is the perf_counter_ns() stamp of the moment it happened; now when omitted.
        """
        if self.admission is None:
            return
        session = self.admission.session
        t_ns = session.now_ns() if perf_ns is None else session.since_start(perf_ns)
        try:
            self.w.log.record(session.session_id, kind, t_ns, payload)
        except EventLogError as exc:
            self.w.panel.show_status(f"could not record {kind}: {exc}")

    # -- transitions ------------------------------------------------------------------------------

    def _go(self, event: FlowEvent, index: int | None = None) -> None:
        assert self.flow is not None
        self.state = self.flow.next(self.state, event, index)
        self._show_state()

    def _show_state(self) -> None:
        screens = self.w.screens
        screen = self.state.screen
        if screen == Screen.CODE_ENTRY:
            screens.code.reset()
            self.w.show_candidate(screens.code)
            self.w.refresh_notice()
        elif screen == Screen.CONSENT:
            self.w.show_candidate(screens.consent)
            screens.consent.show_text(self._consent)
        elif screen == Screen.INSTRUCTIONS:
            self._show_instructions()
        elif screen == Screen.COMPLETE:
            screens.complete.set_saved(False)
            self.w.show_candidate(screens.complete)
        elif screen == Screen.DECLINED:
            screens.declined.set_saved(False)
            self.w.show_candidate(screens.declined)

    def _show_instructions(self) -> None:
        assert self.admission is not None
        battery = self.admission.battery
        name = battery.games[self.state.index].game
        position = f"Game {self.state.index + 1} of {len(battery.games)}"
        self.w.screens.instructions.show_game(
            game_spec(name).title, self.admission.instructions.get(name, texts.GENERIC), position,
            self.state.practice_offered, self.state.resuming)
        self.w.show_candidate(self.w.screens.instructions)

    # -- code entry -------------------------------------------------------------------------------

    def submit_code(self, text: str) -> None:
        """Check the code's shape and check symbol here; look it up and spend it on the worker."""
        screen = self.w.screens.code
        if self.active:
            return
        try:
            code = parse_code(text)
        except (CodeFormatError, CodeTypoError) as exc:
            screen.show_error(f"{exc}.")
            return
        screen.set_busy(True)
        self.w.ops.run(lambda db: session_ops.admit(db, self.w.log, code), self._admitted, self._refused)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, CodeRefused):
            text = str(exc)
        elif isinstance(exc, BatteryError):
            text = f"This code's battery cannot be used; please call the proctor. ({exc})"
        else:
            text = f"Something went wrong; please call the proctor. ({type(exc).__name__}: {exc})"
        self.w.screens.code.show_error(text)

    def _take(self, admission: Admission) -> None:
        self.admission = admission
        battery = admission.battery
        self.flow = Flow(tuple(battery.practice_for(i) for i in range(len(battery.games))))
        self.state = FlowState()
        self.w.guard.watch_idle(True)

    def _admitted(self, admission: Admission) -> None:
        self._take(admission)
        self._go(FlowEvent.CODE_ACCEPTED)

    def resumed(self, admission: Admission) -> None:
        """The proctor resumed an interrupted session: continue at its game (and trial)."""
        self._take(admission)
        self._go(FlowEvent.RESUMED, admission.game_index)

    # -- consent ----------------------------------------------------------------------------------

    def _consent_accepted(self) -> None:
        self.record("station.consent", {"accepted": True, "text_sha256": texts.sha256_text(self._consent)})
        self._go(FlowEvent.ACCEPTED)

    def _consent_declined(self) -> None:
        self.record("station.consent", {"accepted": False, "text_sha256": texts.sha256_text(self._consent)})
        self._go(FlowEvent.DECLINED)
        self._close("declined", self.w.screens.declined)

    # -- games ------------------------------------------------------------------------------------

    def _practice(self) -> None:
        admission = self.admission
        if admission is None or not self.state.practice_offered:
            return
        self._go(FlowEvent.PRACTICE)
        self.w.ops.run(
            lambda db: session_ops.open_practice(self.w.log, admission.participant, admission.battery.ref),
            self._practice_opened)

    def _practice_opened(self, practice: OpenSession) -> None:
        self.practice_session = practice
        self._start_game(practice, practice=True)

    def _begin(self) -> None:
        if self.admission is None or self.state.screen != Screen.INSTRUCTIONS:
            return
        resuming, index = self.state.resuming, self.state.index
        self._go(FlowEvent.BEGIN)
        name = self.admission.battery.games[index].game
        sid = self.admission.session.session_id
        self.record("station.game_will_start", {"game": name, "index": index})
        trial = self.admission.trial if resuming else None
        self.w.ops.run(lambda db: db.set_progress(sid, index, name, trial))
        self._start_game(self.admission.session, practice=False, trial=trial)

    def _start_game(self, session: OpenSession, practice: bool, trial: int | None = None) -> None:
        assert self.admission is not None
        index = self.state.index
        battery = self.admission.battery
        name = battery.games[index].game
        spec = game_spec(name)
        params = spec.params_model.model_validate(battery.params_for(index, practice))
        salt = ":practice" if practice else ""
        seed = battery.seed_for(index, session.session_id + salt, self.w.seed_override)
        view = load_object(spec.view)(SessionRecorder(self.w.log, session, name), params, seed)
        view.game_did_finish.connect(lambda summary: self._game_finished(practice))
        if not practice:
            sid = session.session_id
            view.trial_will_start.connect(lambda t: self.w.ops.run(lambda db: db.set_progress(sid, index, name, t)))
        header = (f"Practice round: {spec.title} (does not count)" if practice
                  else f"Game {index + 1} of {len(battery.games)}: {spec.title}")
        self.view = view
        self.w.screens.game.host(view, header)
        self.w.show_candidate(self.w.screens.game)
        self.w.game_view_did_start.emit(view, name, practice)
        if trial is not None and hasattr(view, "start_at_trial"):
            view.start_at_trial(trial)
        else:
            view.start()

    def _game_finished(self, practice: bool) -> None:
        self.view = None
        self.w.screens.game.clear()
        if practice:
            session = self.practice_session
            self.practice_session = None
            if session is not None:
                t = session.now_ns()
                self.w.ops.run(lambda db: session_ops.finish(db, self.w.log, session.session_id, t, "practice_done"))
            self._go(FlowEvent.PRACTICE_DONE)
            return
        assert self.admission is not None
        self.w.log.request_flush()
        self._go(FlowEvent.GAME_DONE)
        if self.state.screen == Screen.COMPLETE:
            self._close("completed", self.w.screens.complete)

    # -- the end ----------------------------------------------------------------------------------

    def _close(self, reason: str, screen: Any) -> None:
        admission = self.admission
        assert admission is not None
        sid, t = admission.session.session_id, admission.session.now_ns()
        self.admission = None
        self.w.guard.watch_idle(False)

        def done(closed: Closed) -> None:
            screen.set_saved(True)
            self.w.session_did_close.emit(closed)

        def failed(exc: BaseException) -> None:
            screen.status.setText(f"Saving failed; please call the proctor. ({exc})")

        self.w.ops.run(lambda db: session_ops.finish(db, self.w.log, sid, t, reason), done, failed)

    def _finish(self) -> None:
        if self.state.screen in (Screen.COMPLETE, Screen.DECLINED) and self.flow is not None:
            self._go(FlowEvent.FINISH)
