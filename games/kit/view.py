"""The Qt view the flanker and stop-signal games share: fixation, stimulus onset, response, deadline, blocks.

Timing (docs/TIMING.md): the stimulus is drawn with the stage's synchronous repaint between a requested and
a presented stamp (the onset event's t_ns is the presented one); responses are stamped first thing in the
key handler or in the on-screen button's press handler, and the latency counts from the presented onset.
The fixation and deadline timers are precise; a deadline timer that wakes early waits out the rest. A key
during the fixation is not a response (logged as ignored input). suspend() abandons the trial in progress
(played again from its fixation on resume); resume_from(events) continues a crashed session at the next
trial. Later blocks wait on a screen (their rule, or feedback) until Space, Enter or the Continue button.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from eventlog.recorder import Recorder
from eventlog.records import EventRecord
from games.core import Emission, game_records, record_emissions, unless_suspended
from games.kit.trials import MS, InputKind, TimedTrialRules, TrialState
from games.kit.widgets import COLOURS, ArrowStage, PressButton, make_label
from games.widgets import GameWidget, key_name
from i18n import _

__all__ = ["TimedTrialView"]

RESPONSE_KEYS = {Qt.Key.Key_Left: "Left", Qt.Key.Key_Right: "Right"}
CONTINUE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def ms_until(target_ns: int, now_ns: int) -> int:
    """Whole milliseconds from now until target (rounded up, never negative)."""
    return max(0, math.ceil((target_ns - now_ns) / MS))


class TimedTrialView(GameWidget):
    """Base view of a timed-trial game; a game gives its rules, title, hint, drawing and block screens."""

    phase_before_start = "not_started"
    title = ""
    hint = ""
    stimulus_did_appear = Signal(int)  # after <ns>.stimulus_onset is recorded
    block_waiting = Signal(int)  # a block's screen waits for Space (or Continue)

    def __init__(self, recorder: Recorder, rules: TimedTrialRules[Any], parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.rules = rules
        self.params = rules.params
        self.state = TrialState()
        self.scripted_player: object | None = None
        self._waiting_block = False
        self._repeat = False
        self._onset_perf = 0
        for name, slot in (("next", self._on_next), ("stimulus", self._on_stimulus_due),
                           ("deadline", self._on_deadline)):
            self._timer(name, slot, precise=True)
        self._build()

    # -- what a game gives -----------------------------------------------------------------------

    def draw_stimulus(self, trial: Any) -> None:
        """Set the stage to the trial's stimulus (present() puts it on screen)."""
        raise NotImplementedError

    def block_screen(self, block: int) -> str | None:
        """The text shown before a block, waiting for Space; None starts the block at once."""
        return None

    def after_onset(self) -> None:
        """Called right after the stimulus onset is recorded (the stop-signal game starts its signal timer)."""

    def summary(self) -> dict[str, Any]:
        """A small summary for game_did_finish (the game_ended payload)."""
        return dict(self.rules.game_ended_payload(self.state).model_dump(mode="json"))

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), COLOURS["background"])
        self.setPalette(palette)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 24, 32, 20)
        header = QHBoxLayout()
        header.addWidget(make_label(_(self.title), 24, self, bold=True))
        header.addStretch(1)
        self.progress = make_label("", 20, self, muted=True)
        self.progress.setWordWrap(False)
        header.addWidget(self.progress)
        root.addLayout(header)
        self.stage = ArrowStage(self)
        root.addWidget(self.stage, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[str, PressButton] = {}
        for key, label in (("Left", "◀  " + _("Left")), ("Right", _("Right") + "  ▶")):
            button = PressButton(label, key.lower(), self, width=200)
            button.pressed_at.connect(lambda stamp, qt_ms, k=key: self._respond(k, stamp, qt_ms or None, "mouse"))
            self.buttons[key] = button
            row.addWidget(button)
            row.addSpacing(24)
        self.continue_button = PressButton(_("Continue"), "continue", self, width=200)
        self.continue_button.pressed_at.connect(lambda stamp, qt_ms: self._continue(stamp, "mouse"))
        self.continue_button.setEnabled(False)
        self.continue_button.setVisible(False)  # shown only while a block's screen waits
        row.addWidget(self.continue_button)
        row.addStretch(1)
        root.addLayout(row)
        root.addWidget(make_label(_(self.hint), 18, self, muted=True, centred=True))

    # -- the game's flow -------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        """The rules' phase: not_started, between, fixation, stimulus or finished."""
        return self.state.phase

    @property
    def current_trial(self) -> int | None:
        """The trial on screen (the next one between trials); None before the start."""
        return min(self.state.trial, len(self.rules.plan) - 1) if self.started else None

    @property
    def trial(self) -> int:
        """The current trial index (the next one while between trials)."""
        return self.state.trial

    def start(self) -> None:
        """Record the game's start and begin its first trial."""
        self._apply(self.rules.start_game(self.state, self._now()))
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._on_next()

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue a crashed session at its next trial (a cut trial is played again from its fixation)."""
        restored = self.rules.restore(self.state, game_records(events, self.recorder.game, self.rules.namespace))
        if restored.state.phase == "not_started":
            self.start()
            return
        self.state = restored.state
        if self.finished:
            self._show_end()
            self._announce_finished_later(self.summary())
            return
        self._apply(self.rules.resume_game(restored, self._now()))
        self.stage.show_message(_("Welcome back: the game carries on where it stopped."))
        self.stage.update()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._timers["next"].start(int(self.params.iti_ms))

    def _freeze(self) -> None:
        """Stop every timer; a trial in progress is abandoned (nothing recorded) and played again."""
        self._stop_timers()
        if self.state.phase in ("fixation", "stimulus"):
            self._apply(self.rules.interrupt(self.state, self._now()))
            self._repeat = True
            self.stage.clear()
            self.stage.update()

    def _thaw(self) -> None:
        """The next (or abandoned) trial starts after the inter-trial interval; a block screen keeps waiting."""
        if self.state.phase == "between" and not self._waiting_block:
            self._timers["next"].start(int(self.params.iti_ms))

    @unless_suspended
    def _on_next(self) -> None:
        if self.rules.is_done(self.state):
            self._finish()
            return
        if self.rules.needs_block(self.state):
            block = self.rules.current(self.state).block
            text = self.block_screen(block)
            if text is not None:
                self._waiting_block = True
                self.continue_button.setEnabled(True)
                self.continue_button.setVisible(True)
                self.stage.show_message(text + "\n\n" + _("Press Space (or Continue) when you are ready."))
                self.stage.update()
                self.block_waiting.emit(block)
                return
            self._apply(self.rules.start_block(self.state, self._now()))
        if not self._repeat:
            self.trial_will_start.emit(self.state.trial)
            if self.suspended:  # a slot of trial_will_start paused the game: the trial starts on resume
                return
        self._repeat = False
        self._apply(self.rules.begin_trial(self.state, self._now()))
        self.progress.setText(_("Trial {number} of {total}").format(number=self.state.trial + 1,
                                                                     total=len(self.rules.plan)))
        self.stage.show_fixation()
        self.stage.update()
        due = self.state.trial_start_ns + self.rules.current(self.state).fixation_ms * MS
        self._timers["stimulus"].start(ms_until(due, self._now()))

    @unless_suspended
    def _on_stimulus_due(self) -> None:
        self.draw_stimulus(self.rules.current(self.state))
        requested, presented = self.stage.present()
        self._onset_perf = presented
        self._apply(self.rules.present(self.state, self._since(requested), self._since(presented)))
        self._timers["deadline"].start(ms_until(self.state.onset_ns + self.rules.timeout_ns, self._now()))
        self.after_onset()
        self.stimulus_did_appear.emit(self.state.trial)

    @unless_suspended
    def _on_deadline(self) -> None:
        now = self._now()
        deadline = self.state.onset_ns + self.rules.timeout_ns
        if now < deadline:  # a timer may wake a little early: wait out the rest
            self._timers["deadline"].start(max(1, ms_until(deadline, now)))
            return
        self._apply(self.rules.expire(self.state, now))
        self._trial_over()

    def _respond(self, key: str, stamp: int, qt_ms: int | None, source: InputKind) -> None:
        if self.suspended or self.state.phase != "stimulus":
            self.ignore_input(source, key if source == "key" else "left", self.gate_reason() or "between_trials",
                              stamp, qt_ms=qt_ms, target=None if source == "key" else f"button {key}")
            return
        self._apply(self.rules.respond(self.state, key, self._since(stamp), source, qt_ms))
        self._trial_over()

    def _trial_over(self) -> None:
        self._stop_timers()
        self.stage.clear()
        self.stage.update()
        self.recorder.checkpoint()
        self._timers["next"].start(int(self.params.iti_ms))

    def _continue(self, stamp: int, source: InputKind) -> None:
        if self.suspended or not self._waiting_block:
            self.ignore_input(source, "Space" if source == "key" else "left", self.gate_reason() or "between_trials",
                              stamp, target=None if source == "key" else "continue")
            return
        self._waiting_block = False
        self.continue_button.setEnabled(False)
        self.continue_button.setVisible(False)
        self._apply(self.rules.start_block(self.state, self._since(stamp)))
        self.stage.clear()
        self.stage.update()
        self._timers["next"].start(int(self.params.iti_ms))

    def _finish(self) -> None:
        self._apply(self.rules.end_game(self.state, self._now()))
        self.recorder.checkpoint()
        self._show_end()
        self.game_did_finish.emit(self.summary())

    def _show_end(self) -> None:
        self._stop_timers()
        self.progress.setText("")
        self.stage.show_message(_("Done. Thank you!"))
        self.stage.update()
        for button in (*self.buttons.values(), self.continue_button):
            button.setEnabled(False)

    # -- input -----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        stamp = time.perf_counter_ns()
        key = event.key()
        qt_ms = int(event.timestamp()) or None
        if key in RESPONSE_KEYS:
            self._respond(RESPONSE_KEYS[Qt.Key(key)], stamp, qt_ms, "key")
        elif key in CONTINUE_KEYS and self._waiting_block:
            self._continue(stamp, "key")
        else:
            self.ignore_input("key", key_name(key), "between_trials" if key in CONTINUE_KEYS else "not_a_game_key",
                              stamp, qt_ms=qt_ms)
            super().keyPressEvent(event)

    # -- helpers ---------------------------------------------------------------------------------

    def _since(self, perf_ns: int) -> int:
        return self.recorder.since_start(perf_ns)

    def _now(self) -> int:
        return self._since(time.perf_counter_ns())

    def _apply(self, step: tuple[TrialState, tuple[Emission, ...]]) -> tuple[Emission, ...]:
        self.state, emitted = step
        record_emissions(self.recorder, emitted)
        return emitted
