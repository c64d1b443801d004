"""The candidate side of the station window: drives the flow state machine, the session and the game views.

It is handed what it uses (the candidate screens, the DB worker, the event log) and a narrow CandidateShell
for the little it needs from the window it runs in; what the window must learn leaves by signal. It never
imports the window (tests/architecture/test_import_cycles.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from eventlog import EventLog, EventLogError, EventRecord, OpenSession
from eventlog.recorder import SessionRecorder
from games.core import GameView, RestoreError
from games.spec import ExtendedTimeError, GameSpec, extend_time, game_spec, load_object
from i18n import N_, _, candidate_language, is_rtl, set_candidate_language, station_language
from kiosk.services import session_ops, texts
from kiosk.services.battery import BatteryError
from kiosk.services.codes import CodeFormatError, CodeTypoError, parse_code
from kiosk.services.flow import Flow, FlowEvent, FlowState, Screen
from kiosk.services.session_ops import Admission, Closed
from kiosk.services.stationdb import REFUSALS, CodeRefused
from kiosk.ui.ops import DbOps, describe
from kiosk.ui.screens.candidate import (
    CodeEntryScreen,
    ConsentScreen,
    EndScreen,
    GameScreen,
    InstructionsScreen,
    PracticeOverScreen,
)
from kiosk.ui.timing_probe import TimingProbe, embed_timing_check

BREAK_TEXT = N_("**Break.** Take a break for as long as you need: nothing is timed now. Start the next game when "
                "you are ready.\n\n")
"""Shown above the next game's instructions when breaks between games were granted (docs/ACCOMMODATIONS.md)."""

__all__ = ["BREAK_TEXT", "CandidateController", "CandidateScreens", "CandidateShell", "NotAGameView", "load_game_view"]

PRACTICE_FAILED = N_("The practice round could not start ({reason}). You can start the game, or call the proctor.")


class NotAGameView(TypeError):
    """A game's view class does not satisfy games.core.GameView (or is not a widget)."""


def load_game_view(spec: GameSpec, recorder: SessionRecorder, params: Any, seed: int) -> tuple[QWidget, GameView]:
    """Build a game's view and check it against the GameView contract (the station calls nothing else of it)."""
    view = load_object(spec.view)(recorder, params, seed)
    if not isinstance(view, QWidget) or not isinstance(view, GameView):
        raise NotAGameView(f"the view of game {spec.name!r} ({spec.view}) does not satisfy games.core.GameView")
    return view, view


@dataclass(frozen=True)
class CandidateScreens:
    """The pages the candidate side drives."""

    code: CodeEntryScreen
    consent: ConsentScreen
    instructions: InstructionsScreen
    practice_over: PracticeOverScreen
    game: GameScreen
    complete: EndScreen
    declined: EndScreen
    stopped: EndScreen


class CandidateShell(Protocol):
    """What the candidate side needs from the window it runs in."""

    def show_candidate(self, page: QWidget) -> None:
        """Bring a candidate page to the front (or after the proctor side, if that is in front)."""

    def refresh_notice(self) -> None:
        """Update the proctor's notice on the code-entry screen."""

    def report_problem(self, text: str) -> None:
        """Show a failure where whoever is at the station sees it."""

    def tell_proctor(self, text: str) -> None:
        """Tell the proctor only (the panel and a notice for the proctor), not the candidate."""


class CandidateController(QObject):
    """Moves one candidate through consent, instructions, practice, games and completion."""

    session_did_close = Signal(object)  # Closed
    game_view_did_start = Signal(object, str, bool)  # view, game name, practice?
    candidate_did_change = Signal(bool)  # a candidate session is now open (True) or no longer (False)
    accommodated_appearance_wanted = Signal(float, bool)  # type scale, high contrast: granted on the code; the window
    # applies them (kiosk/ui/station_frame.apply_appearance, docs/ACCOMMODATIONS.md) until the session ends
    accommodated_time_wanted = Signal(float)  # an extended time granted on the code: the idle and pause limits grow
    break_did_change = Signal(bool)  # a granted break between games began (True: no idle pause) or ended
    language_did_change = Signal(str)  # the candidate's pages are now in this language

    def __init__(self, screens: CandidateScreens, ops: DbOps, log: EventLog, shell: CandidateShell,
                 seed_override: int | None = None, parent: QObject | None = None, purpose: str = "assessment") -> None:
        super().__init__(parent)
        self.screens, self.ops, self.log, self.shell = screens, ops, log, shell
        self.seed_override = seed_override
        self.purpose = purpose  # "assessment", or "simulation" for a scripted candidate
        self.state = FlowState()
        self.flow: Flow | None = None
        self.admission: Admission | None = None
        self.practice_session: OpenSession | None = None
        self.view: QWidget | None = None
        self.game: GameView | None = None  # the same object as view, as the contract the station relies on
        self._consents = texts.consent_texts()  # every language's text, hash and version: read now, not at a click
        self.language_source = "station_default"
        self._timing_probe: TimingProbe | None = None  # the timing check running before the first game, if any
        self._begin_after_check: list[Any] = []
        self._on_break = False  # a granted break between games is running (docs/ACCOMMODATIONS.md)
        self.apply_language(station_language())  # the station's language (hiremate run --language), mirrored if RTL
        self._connect()

    def _connect(self) -> None:
        s = self.screens
        s.code.code_submitted.connect(self.submit_code)
        s.code.language_chosen.connect(self.choose_language)
        s.consent.accepted.connect(self._consent_accepted)
        s.consent.declined.connect(self._consent_declined)
        s.instructions.practice.connect(self._practice)
        s.instructions.begin.connect(self._begin)
        s.practice_over.begin.connect(self._begin)
        s.practice_over.reread.connect(lambda: self._go(FlowEvent.REREAD))
        for end in (s.complete, s.declined, s.stopped):
            end.finished.connect(self._finish)

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
            self.log.record(session.session_id, kind, t_ns, payload)
        except EventLogError as exc:
            self.shell.report_problem(f"Could not record {kind}: {exc}")

    # -- language ---------------------------------------------------------------------------------

    def choose_language(self, tag: str) -> None:
        """The candidate switched the language on the welcome screen (recorded once a session opens)."""
        if self.active:
            return
        self.language_source = "candidate"
        self.apply_language(tag)

    def apply_language(self, tag: str) -> None:
        """Show every candidate page in a language, mirrored for a right-to-left one (a game's own layout keeps
        left on the left: GameScreen.host)."""
        set_candidate_language(tag)
        direction = Qt.LayoutDirection.RightToLeft if is_rtl(tag) else Qt.LayoutDirection.LeftToRight
        for page in vars(self.screens).values():
            page.setLayoutDirection(direction)
            page.retranslate()
        self.language_did_change.emit(tag)

    def _consent(self) -> texts.Consent:
        tag = candidate_language()
        found = self._consents.get(tag)
        if found is None:  # the pseudo-locale: made from English, never a registered version
            text = texts.consent_text(tag)
            found = texts.Consent(tag, text, texts.sha256_text(text), texts.UNREGISTERED)
        return found

    # -- transitions ------------------------------------------------------------------------------

    def _go(self, event: FlowEvent, index: int | None = None) -> None:
        assert self.flow is not None
        self.state = self.flow.next(self.state, event, index)
        self._show_state()

    def _show_state(self) -> None:
        screens, show = self.screens, self.shell.show_candidate
        screen = self.state.screen
        if screen == Screen.CODE_ENTRY:
            if candidate_language() != station_language() or self.language_source != "station_default":
                self.language_source = "station_default"
                self.apply_language(station_language())  # the next candidate starts in the station's language
            screens.code.reset()
            show(screens.code)
            self.shell.refresh_notice()
        elif screen == Screen.CONSENT:
            screens.consent.show_text(self._consent().text)
            show(screens.consent)
        elif screen == Screen.INSTRUCTIONS:
            self._show_instructions()
        elif screen == Screen.PRACTICE_OVER:
            assert self.admission is not None
            screens.practice_over.show_game(_(game_spec(self.admission.battery.games[self.state.index].game).title))
            show(screens.practice_over)
        elif screen in (Screen.COMPLETE, Screen.DECLINED, Screen.STOPPED):
            page = {Screen.COMPLETE: screens.complete, Screen.DECLINED: screens.declined,
                    Screen.STOPPED: screens.stopped}[screen]
            page.set_saved(False)
            show(page)

    def _show_instructions(self) -> None:
        assert self.admission is not None
        battery = self.admission.battery
        name = battery.games[self.state.index].game
        position = _("Game {number} of {total}").format(number=self.state.index + 1, total=len(battery.games))
        text = self.admission.instructions.get(name, _(texts.GENERIC))
        if self.admission.accommodations.breaks and self.state.index > 0 and not self.state.resuming:
            text = _(BREAK_TEXT) + text  # a granted break: the station does not pause for idleness until the next game
            self._set_break(True)
        self.screens.instructions.show_game(_(game_spec(name).title), text, position, self.state.practice_offered,
                                            self.state.resuming)
        self.shell.show_candidate(self.screens.instructions)

    def _set_break(self, on: bool) -> None:
        if on != self._on_break:
            self._on_break = on
            self.break_did_change.emit(on)

    # -- code entry -------------------------------------------------------------------------------

    def submit_code(self, text: str) -> None:
        """Check the code's shape and check symbol here; look it up and spend it on the worker."""
        screen = self.screens.code
        if self.active:
            return
        try:
            code = parse_code(text)
        except (CodeFormatError, CodeTypoError) as exc:
            screen.show_error(_(exc.template).format(**exc.values) + ".")
            return
        screen.set_busy(True)
        log, purpose, language = self.log, self.purpose, (candidate_language(), self.language_source)
        self.ops.write(lambda db: session_ops.admit(db, log, code, purpose, language), self._admitted,
                       what="check the access code", failure=self._refused)

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, CodeRefused):
            text = _(REFUSALS[exc.reason])
        elif isinstance(exc, BatteryError):
            text = _("This code's battery cannot be used; please call the proctor. ({reason})").format(reason=exc)
        else:
            text = _("Something went wrong; please call the proctor. ({reason})").format(
                reason=f"{type(exc).__name__}: {exc}")
        self.screens.code.show_error(text)

    def _take(self, admission: Admission) -> None:
        self.admission = admission
        self._on_break = False
        battery = admission.battery
        self.flow = Flow(tuple(battery.practice_for(i) for i in range(len(battery.games))))
        self.state = FlowState()
        self.candidate_did_change.emit(True)

    def _admitted(self, admission: Admission) -> None:
        self._take(admission)
        self.language_source = admission.language_source
        self.apply_language(admission.language)
        self.record("station.language", {"language": admission.language, "source": admission.language_source})
        if admission.accommodations.any:  # at the session's start, before consent and any game
            self.record("station.accommodations", admission.accommodations.payload())
        self._apply_accommodated_appearance()
        self._go(FlowEvent.CODE_ACCEPTED)

    def resumed(self, admission: Admission) -> None:
        """The proctor resumed an interrupted session: continue at its game (and trial), in its language."""
        self._take(admission)
        self.apply_language(admission.language)
        self._apply_accommodated_appearance()
        self._go(FlowEvent.RESUMED, admission.game_index)

    def _apply_accommodated_appearance(self) -> None:
        """The call site for accommodations the window applies: larger type and high contrast (it shows them), an
        extended time (it lengthens the idle and pause limits)."""
        granted = self.admission.accommodations if self.admission else None
        if granted is not None and (granted.type_scale > 1 or granted.high_contrast):
            self.accommodated_appearance_wanted.emit(granted.type_scale, granted.high_contrast)
        if granted is not None and granted.extended_time > 1:
            self.accommodated_time_wanted.emit(granted.extended_time)

    # -- consent ----------------------------------------------------------------------------------

    def _consent_accepted(self) -> None:
        self.record("station.consent", self._consent_payload(True))
        self._go(FlowEvent.ACCEPTED)
        self._check_timing()

    def _check_timing(self) -> None:
        """Measure the station's timing while the candidate reads the first instructions, before the first game,
        and record it as station.timing_check (docs/TIMING.md, "Self-check")."""
        session = self.admission.session if self.admission else None
        if session is None:
            return

        def done(check: dict[str, Any]) -> None:
            self._timing_probe = None
            if self.admission is not None and self.admission.session is session and self.log.is_open(
                    session.session_id):
                self.record("station.timing_check", check)
            for begin in self._begin_after_check:
                begin()
            self._begin_after_check = []

        self._timing_probe = embed_timing_check(self.screens.instructions, done)

    def stop_timing_check(self) -> None:
        """Abandon a timing check still running (the station is shutting down): nothing is recorded for it."""
        probe, self._timing_probe = self._timing_probe, None
        if probe is not None:
            probe.stop()
            probe.deleteLater()
        self._begin_after_check = []

    def _consent_payload(self, accepted: bool) -> dict[str, Any]:
        consent = self._consent()
        return {"accepted": accepted, "text_sha256": consent.sha256, "version": consent.version}

    def _consent_declined(self) -> None:
        self.record("station.consent", self._consent_payload(False))
        self._go(FlowEvent.DECLINED)
        self._close("declined", self.screens.declined)

    # -- games ------------------------------------------------------------------------------------

    def _waits_for_timing_check(self, start: Any) -> bool:
        """Whether the timing check still runs; then `start` runs once it is done (in about 1.2 s), so that no
        game, practice or real, starts while it measures."""
        if self._timing_probe is None:
            return False
        self._begin_after_check = [start]
        return True

    def _practice(self) -> None:
        admission = self.admission
        if admission is None or not self.state.practice_offered:
            return
        if self._waits_for_timing_check(self._practice):
            return
        self._set_break(False)
        self._go(FlowEvent.PRACTICE)
        log = self.log
        self.ops.write(lambda db: session_ops.open_practice(log, admission.participant, admission.battery.ref),
                       self._practice_opened, what="start the practice round", failure=self._practice_failed)

    def _practice_opened(self, practice: OpenSession) -> None:
        self.practice_session = practice
        self._start_game(practice, practice=True)

    def _practice_failed(self, exc: Exception) -> None:
        """Back to the game's instructions, without the practice round, saying why."""
        if self.state.screen != Screen.PRACTICE:
            return
        self._go(FlowEvent.PRACTICE_FAILED)
        self.screens.instructions.show_error(_(PRACTICE_FAILED).format(reason=describe(exc)))

    def _begin(self) -> None:
        if self.admission is None or self.state.screen not in (Screen.INSTRUCTIONS, Screen.PRACTICE_OVER):
            return
        if self._waits_for_timing_check(self._begin):
            return
        resuming, index = self.state.resuming, self.state.index
        self._set_break(False)
        self._go(FlowEvent.BEGIN)
        name = self.admission.battery.games[index].game
        sid = self.admission.session.session_id
        self.record("station.game_will_start", {"game": name, "index": index})
        trial = self.admission.trial if resuming else None
        self._save_progress(sid, index, name, trial)
        self._start_game(self.admission.session, practice=False, resume_events=self.admission.events if resuming
                         else None)

    def _save_progress(self, sid: str, index: int, name: str, trial: int | None) -> None:
        """Remember the game and trial reached (for crash resume); a failure goes to the station's problem line."""
        self.ops.write(lambda db: db.set_progress(sid, index, name, trial), None,
                       what="save where the candidate is (needed to resume after a crash)")

    def _start_game(self, session: OpenSession, practice: bool,
                    resume_events: Sequence[EventRecord] | None = None) -> None:
        """Host the game's view and start it, or (resuming a crashed session) continue it from the recorded events."""
        assert self.admission is not None
        index = self.state.index
        battery = self.admission.battery
        name = battery.games[index].game
        spec = game_spec(name)
        params = spec.params_model.model_validate(battery.params_for(index, practice))
        salt = ":practice" if practice else ""
        seed = battery.seed_for(index, session.session_id + salt, self.seed_override)
        try:  # extended time: the game's timed elements that are not its measure, longer (docs/ACCOMMODATIONS.md)
            params = extend_time(spec, params, self.admission.accommodations.extended_time)
            view, game = load_game_view(spec, SessionRecorder(self.log, session, name), params, seed)
        except (NotAGameView, ExtendedTimeError) as exc:
            self._game_failed(name, index, practice, False, exc)
            return
        game.game_did_finish.connect(lambda summary: self._game_finished(practice))
        if not practice:
            sid = session.session_id
            game.trial_will_start.connect(lambda t: self._save_progress(sid, index, name, t))
        header = (_("Practice round: {game} (does not count)").format(game=_(spec.title)) if practice
                  else _("Game {number} of {total}: {game}").format(number=index + 1, total=len(battery.games),
                                                                    game=_(spec.title)))
        self.view, self.game = view, game
        self.screens.game.host(view, header)
        self.shell.show_candidate(self.screens.game)
        self.game_view_did_start.emit(view, name, practice)
        if resume_events is None:
            game.start()
            return
        try:
            game.resume_from(resume_events)
        except RestoreError as exc:
            self._game_failed(name, index, practice, True, exc)

    def _game_failed(self, name: str, index: int, practice: bool, resuming: bool, exc: Exception) -> None:
        """The game cannot be played (its recorded events cannot be restored, or its view is not a GameView):
        close the session as abandoned (its events are kept) and tell the proctor."""
        self.view = self.game = None
        self.screens.game.clear()
        if self.admission is None:
            return
        if practice:
            self._game_finished(practice=True, reason="abandoned")
            self.screens.instructions.show_error(_(PRACTICE_FAILED).format(reason=describe(exc)))
            return
        sid = self.admission.session.session_id
        what = "could not be restored" if resuming else "could not start"
        self.record("station.game_failed", {"game": name, "index": index, "resuming": resuming,
                                            "error": describe(exc)[:500]})
        self.shell.report_problem(f"Session {sid[:8]} ({self.admission.participant}) cannot continue: game {name} "
                                  f"{what} ({describe(exc)}). The session is closed as abandoned; every event "
                                  "recorded so far is kept")
        self._go(FlowEvent.FAILED)
        self._close("abandoned", self.screens.stopped)

    def _game_finished(self, practice: bool, reason: str = "practice_done") -> None:
        self.view = self.game = None
        self.screens.game.clear()
        if practice:
            session = self.practice_session
            self.practice_session = None
            if session is not None:
                t, log = session.now_ns(), self.log
                self.ops.write(lambda db: session_ops.finish(db, log, session.session_id, t, reason), None,
                               what="close the practice session")
            self._go(FlowEvent.PRACTICE_DONE if reason == "practice_done" else FlowEvent.PRACTICE_FAILED)
            return
        assert self.admission is not None
        self.log.request_flush()
        self._go(FlowEvent.GAME_DONE)
        if self.state.screen == Screen.COMPLETE:
            self._close("completed", self.screens.complete)

    # -- the end ----------------------------------------------------------------------------------

    def _close(self, reason: str, screen: EndScreen) -> None:
        admission = self.admission
        assert admission is not None
        sid, t, log = admission.session.session_id, admission.session.now_ns(), self.log
        self.admission = None
        self.candidate_did_change.emit(False)

        def done(closed: Closed) -> None:
            screen.set_saved(True)  # the log is durable: that much is true; scoring and sync are the proctor's
            self.session_did_close.emit(closed)

        def failed(exc: Exception) -> None:
            screen.show_failure(_("Saving failed; please call the proctor. ({reason})").format(reason=describe(exc)))
            self.shell.report_problem(f"Could not close session {sid[:8]}: {describe(exc)}")

        self.ops.write(lambda db: session_ops.finish(db, log, sid, t, reason), done, what="save the session",
                       failure=failed)

    def _finish(self) -> None:
        if self.state.screen in (Screen.COMPLETE, Screen.DECLINED, Screen.STOPPED) and self.flow is not None:
            self._go(FlowEvent.FINISH)
