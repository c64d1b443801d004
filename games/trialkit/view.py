"""The Qt view every trial game shares: trial flow, onsets stamped after their paint, feedback, the end,
suspend/resume and crash resume (games/core.py); each game fills in its canvas, controls and actions.

Flow: start() records `<ns>.game_started`; each trial is announced (`trial_will_start`), drawn by the game's
`show_trial`, and `<ns>.trial_started` is recorded when the canvas reports the first painted frame (250 ms
fallback when no paint comes, at once when the view is not visible). The game's input handlers apply a
rules step through `apply`; when the step ends the trial the view shows the game's feedback for its
duration, then the next trial, or records `<ns>.game_ended` and emits `game_did_finish`.

suspend() during a trial abandons it (nothing recorded) and resume() presents it again from a new onset;
during the feedback or before an onset, whatever was due happens on resume. resume_from(events) rebuilds
the totals with `rules.restore` and continues at the next trial boundary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from eventlog.recorder import Recorder
from eventlog.records import EventRecord
from games.core import Emission, IgnoreReason, Step, game_records, record_emissions, unless_suspended
from games.look import GameLook
from games.trialkit.fields import InputKind
from games.trialkit.rules import BETWEEN, NOT_STARTED, TrialRules
from games.trialkit.widgets import StampButton, StimulusCanvas, label, style
from games.widgets import GameWidget, key_name
from i18n import N_, _

__all__ = ["KeyHandler", "TrialGameView"]

KeyHandler = Callable[[int, InputKind, str, int | None], IgnoreReason | None]
"""handler(perf_ns, input, key name, Qt ms) -> None when it acted, else why the press did nothing."""


class TrialGameView(GameWidget):
    """Base of the trial games' views (see the module docstring); subclasses fill in the hooks below."""

    phase_before_start = NOT_STARTED
    trial_did_start = Signal(int)  # after <ns>.trial_started is recorded (the trial is on screen)
    trial_did_end = Signal(int)  # after <ns>.trial_ended is recorded
    trial_noun: ClassVar[tuple[str, str]] = (N_("Trial {number} of {total}"), N_("Trial {number}"))
    """The progress line, with and without a known number of trials (catalogue messages)."""

    def __init__(self, recorder: Recorder, params: Any, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.params = params
        self.seed = seed
        self.rules: TrialRules[Any, Any] = self.make_rules(params, seed)
        self.state: Any = self.rules.initial_state()
        self.scripted_player: object | None = None  # set by a scripted player's attach()
        self._on_resume: Callable[[], None] | None = None
        self._awaiting_onset = False
        self._requested_ns = 0
        self._feedback_timer = self._timer("feedback", self._after_feedback)
        self._onset_fallback = self._timer("onset_fallback", lambda: self._presented(time.perf_counter_ns()))
        self.canvas = self.make_canvas()
        self.canvas.presented.connect(self._presented)
        self.buttons = self.make_controls()
        self.setObjectName("trialview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout()
        self.set_controls_enabled(False)

    # -- hooks ------------------------------------------------------------------------------------------

    def make_rules(self, params: Any, seed: int) -> TrialRules[Any, Any]:
        """The game's rules for these params and seed."""
        raise NotImplementedError

    def make_canvas(self) -> StimulusCanvas:
        """The game's canvas."""
        raise NotImplementedError

    def make_controls(self) -> list[StampButton]:
        """The on-screen buttons, left to right, made once (enabled only while they act)."""
        return []

    def hint_text(self) -> str:
        """The keys the game uses, in words."""
        raise NotImplementedError

    def key_handler(self, key: int) -> KeyHandler | None:
        """What a key does in this game (None: not a game key)."""
        raise NotImplementedError

    def show_trial(self, trial: int) -> None:
        """Set the canvas to trial `trial` and call `self.canvas.present()`."""
        raise NotImplementedError

    def trial_shown(self) -> None:
        """The trial's onset is recorded: anything to do before input is taken (controls are enabled after)."""

    def show_feedback(self, emitted: tuple[Emission, ...]) -> int:
        """Show what the trial's end means to the candidate; return how long to show it (ms)."""
        return 0

    def status_text(self) -> str:
        """The running totals shown beside the progress."""
        return ""

    def end_text(self) -> str:
        """The message at the end of the game."""
        return _("All done. Thank you.")

    def summary(self) -> dict[str, Any]:
        """The small summary game_did_finish carries (the totals <ns>.game_ended records)."""
        return dict(self.rules.ended_payload(self.state).model_dump(mode="json"))

    def controls_for_phase(self, phase: str) -> list[StampButton]:
        """The buttons that act in a phase (default: all of them in every trial phase)."""
        return self.buttons if phase in self.rules.trial_phases else []

    # -- layout -----------------------------------------------------------------------------------------

    def _layout(self) -> None:
        self.progress = label("", 20, bold=True)
        self.status = label("", 20)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.note = label("", 17, "muted")
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.status, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in self.buttons:
            buttons.addWidget(button)
            buttons.addSpacing(18)
        buttons.addStretch(1)
        self.hint = label(self.hint_text(), 16, "muted")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        root = QVBoxLayout(self)
        root.setContentsMargins(36, 22, 36, 18)
        root.addLayout(top)
        root.addWidget(self.note)
        root.addWidget(self.canvas, 1)
        root.addSpacing(10)
        root.addLayout(buttons)
        root.addWidget(self.hint)
        self.apply_look()
        self.refresh_labels()

    def look_sheet(self, look: GameLook) -> str:
        """The trial games' sheet in the current palette."""
        return style(look)

    def refresh_labels(self) -> None:
        """Progress (the trial on screen, or the last one) and totals."""
        total = self.trial_total()
        shown = max(self.state.trial, 0) + 1
        self.progress.setText(_(self.trial_noun[0 if total else 1]).format(number=shown, total=total))
        self.status.setText(self.status_text())

    def trial_total(self) -> int:
        """How many trials the candidate is told there are (0: not a fixed number)."""
        return int(getattr(self.params, "trials", 0))

    def set_controls_enabled(self, enabled: bool) -> None:
        """Enable the buttons that act in the current phase (or none)."""
        active = set(map(id, self.controls_for_phase(self.state.phase))) if enabled else set()
        for button in self.buttons:
            button.setEnabled(id(button) in active)

    # -- the contract -----------------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        """The rules' phase."""
        return str(self.state.phase)

    @property
    def current_trial(self) -> int | None:
        """The trial on screen, or the last one."""
        return self.state.trial if self.state.trial >= 0 else None

    def now(self, perf_ns: int | None = None) -> int:
        """A perf_counter_ns stamp (now by default) as session t_ns."""
        return self.recorder.since_start(time.perf_counter_ns() if perf_ns is None else perf_ns)

    def start(self) -> None:
        """Record <ns>.game_started and show the first trial."""
        self.state, emitted = self.rules.start_game(self.state, self.now())
        self._record(emitted)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._next_trial()

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue a crashed session at the next trial (the interrupted one again), with the totals restored."""
        restored = self.rules.restore(self.state, game_records(events, self.recorder.game, self.rules.ns))
        if restored.state.phase == NOT_STARTED:
            self.start()
            return
        self.state = restored.state
        self.refresh_labels()
        if self.finished:
            self._show_end()
            self._announce_finished_later(self.summary())
            return
        self.state, emitted = self.rules.resume_game(restored, self.now())
        self._record(emitted)
        self.note.setText(_("Welcome back: the game carries on where it stopped."))
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._next_trial()

    def _freeze(self) -> None:
        """Stop every timer; a trial in progress is abandoned and shown again on resume."""
        if self._feedback_timer.isActive():
            self._on_resume = self._after_feedback
        elif self._awaiting_onset:
            self._on_resume = self._show_trial
        elif self.state.phase in self.rules.trial_phases:
            self.state = self.rules.abandon_trial(self.state)
            self.trial_abandoned()
            self._on_resume = self._show_trial
        self._awaiting_onset = False
        self._stop_timers()

    def trial_abandoned(self) -> None:
        """The trial on screen was abandoned by a pause (hook: forget any half-made input)."""
        self.canvas.show_message(_("Paused"))

    def _thaw(self) -> None:
        action, self._on_resume = self._on_resume, None
        if action is not None:
            action()

    # -- trials -----------------------------------------------------------------------------------------

    def _next_trial(self) -> None:
        if not self.rules.has_next(self.state):
            self._finish()
            return
        self.trial_will_start.emit(self.state.done)
        self._show_trial()

    def _show_trial(self) -> None:
        """Draw the next trial; <ns>.trial_started is recorded when its first frame has been painted."""
        if self.suspended:  # a slot of trial_will_start suspended the game: the trial appears on resume
            self._on_resume = self._show_trial
            return
        self._requested_ns = time.perf_counter_ns()
        self._awaiting_onset = True
        self.show_trial(self.state.done)
        if self.isVisible():
            self._onset_fallback.start(250)  # if no paint comes (window covered), stamp by timer instead
        else:
            self._presented(time.perf_counter_ns())

    @unless_suspended
    def _presented(self, perf_ns: int) -> None:
        if not self._awaiting_onset or self.finished:
            return
        self._awaiting_onset = False
        self._onset_fallback.stop()
        requested = min(self._requested_ns, perf_ns)
        self.state, emitted = self.rules.start_trial(self.state, self.now(perf_ns), self.now(requested))
        self._record(emitted)
        self.refresh_labels()
        self.trial_shown()
        self.set_controls_enabled(True)
        self.trial_did_start.emit(self.state.trial)

    def apply(self, step: Step[Any]) -> None:
        """Record a rules step; if it ended the trial, show the feedback and go on."""
        self.state, emitted = step
        self._record(emitted)
        self.status.setText(self.status_text())
        if self.state.phase == BETWEEN:
            self._trial_over(emitted)
        else:
            self.set_controls_enabled(True)

    def _trial_over(self, emitted: tuple[Emission, ...]) -> None:
        self.set_controls_enabled(False)
        self.note.setText("")
        wait = self.show_feedback(emitted)
        self.refresh_labels()
        self.recorder.checkpoint()
        self._feedback_timer.start(max(0, wait))  # before the signal: a slot may suspend the game
        self.trial_did_end.emit(self.state.trial)

    @unless_suspended
    def _after_feedback(self) -> None:
        self._next_trial()

    def _finish(self) -> None:
        self.state, emitted = self.rules.end_game(self.state, self.now())
        self._record(emitted)
        self.recorder.checkpoint()
        self._show_end()
        self.game_did_finish.emit(self.summary())

    def _show_end(self) -> None:
        self._stop_timers()
        self.set_controls_enabled(False)
        self.canvas.show_message(self.end_text())
        self.note.setText("")
        self.hint.setText(_("Thank you."))

    def _record(self, emitted: tuple[Emission, ...]) -> None:
        record_emissions(self.recorder, emitted)

    # -- input ------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        t_perf = time.perf_counter_ns()
        key = event.key()
        qt_ms = event.timestamp() or None
        handler = self.key_handler(key)
        if handler is None:
            self.ignore_input("key", key_name(key), "not_a_game_key", t_perf, qt_ms=qt_ms)
            return
        event.accept()
        if self.state.phase not in self.rules.trial_phases:
            self.ignore_input("key", key_name(key), "between_trials", t_perf, qt_ms=qt_ms)
            return
        why = handler(t_perf, "key", key_name(key), qt_ms)
        if why is not None:
            self.ignore_input("key", key_name(key), why, t_perf, qt_ms=qt_ms)

    def clicked(self, button: StampButton, handler: KeyHandler) -> None:
        """A button's click: stamped on release, applied like a key (or logged as ignored)."""
        t_perf, qt_ms = button.take_stamp()
        why = "between_trials" if self.state.phase not in self.rules.trial_phases else handler(
            t_perf, "mouse", "left", qt_ms)
        if why is not None:
            self.ignore_input("mouse", "left", why, t_perf, qt_ms=qt_ms, target=button.objectName())

    def connect_button(self, button: StampButton, handler: KeyHandler) -> StampButton:
        """Route a button's clicks to a handler."""
        button.clicked.connect(lambda: self.clicked(button, handler))
        return button
