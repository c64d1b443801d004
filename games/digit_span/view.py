"""The Qt view of the digit span game: shows each digit (stamped at presentation), takes the typed answer.

Timing (docs/TIMING.md): every digit and the answer boxes are drawn with the stage's synchronous repaint
between a requested and a presented stamp; the next digit is timed from the first digit's presented stamp,
so the onsets keep `digit_ms` apart without drift. Keys and keypad presses are stamped first thing in their
handlers. Number keys (top row or keypad) type, Backspace erases, Enter submits; the on-screen keypad does
the same by mouse or touch. suspend() during the digits abandons the sequence (it is shown again on resume);
during the answer it just waits. resume_from(events) continues a crashed session at the next sequence.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from eventlog.recorder import Recorder
from eventlog.records import EventRecord
from games.core import Emission, game_records, record_emissions, unless_suspended
from games.digit_span import rules
from games.digit_span.params import DigitSpanParams
from games.digit_span.rules import BACKSPACE, DigitSpanState, InputKind
from games.digit_span.widgets import DigitStage
from games.kit.widgets import COLOURS, PressButton, make_label
from games.widgets import GameWidget, key_name
from i18n import N_, _

__all__ = ["DigitSpanView"]

MS = 1_000_000
DIGIT_QT_KEYS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}
SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PARTS = {"forward": N_("Forward"), "backward": N_("Backward")}
INTROS = {
    "forward": N_("Forward: digits appear one at a time. Then type them in the same order."),
    "backward": N_("Backward: digits appear one at a time. Then type them in reverse order, the last one first."),
}


class DigitSpanView(GameWidget):
    """One digit span game (forward and/or backward blocks, adaptive length)."""

    phase_before_start = "not_started"
    block_waiting = Signal(int)  # the block's instructions are shown; Enter (or Begin) starts it
    answer_did_open = Signal(int)  # digit_span.response_started recorded: the candidate may type
    sequence_did_end = Signal(int, bool)  # after digit_span.submitted: trial, correct

    def __init__(self, recorder: Recorder, params: DigitSpanParams, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.params = params
        self.seed = seed
        self.state: DigitSpanState = rules.new_game(params, random.Random(seed), seed)
        self.scripted_player: object | None = None
        self._first_onset = 0
        self._timer("next", self._on_next, precise=True)
        self._timer("digit", self._on_digit_due, precise=True)
        self._timer("hide", self._on_hide, precise=True)
        self._timer("answer", self._on_answer_due, precise=True)
        self._build()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), COLOURS["background"])
        self.setPalette(palette)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 24, 32, 20)
        header = QHBoxLayout()
        header.addWidget(make_label(_("Digit span"), 24, self, bold=True))
        header.addStretch(1)
        self.progress = make_label("", 20, self, muted=True)
        self.progress.setWordWrap(False)
        header.addWidget(self.progress)
        root.addLayout(header)
        self.stage = DigitStage(self)
        root.addWidget(self.stage, 1)
        root.addLayout(self._keypad())
        self.hint = make_label(_("Type the digits with the number keys or the keypad; Backspace corrects; Enter "
                                 "when done."), 18, self, muted=True, centred=True)
        root.addWidget(self.hint)
        self._enable_keys(False)

    def _keypad(self) -> QHBoxLayout:
        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, PressButton] = {}
        for i, digit in enumerate("1234567890"):
            button = PressButton(digit, f"key_{digit}", self)
            button.pressed_at.connect(lambda stamp, qt_ms, k=digit: self._typed(k, stamp, qt_ms or None, "mouse"))
            grid.addWidget(button, i // 5, i % 5)
            self.keys[digit] = button
        self.erase_button = PressButton(_("⌫ Erase"), "key_backspace", self, points=18, width=150)
        self.erase_button.pressed_at.connect(lambda stamp, qt_ms: self._typed(BACKSPACE, stamp, qt_ms or None, "mouse"))
        self.ok_button = PressButton(_("OK"), "key_ok", self, width=150)
        self.ok_button.pressed_at.connect(lambda stamp, qt_ms: self._submit(stamp, "mouse"))
        self.begin_button = PressButton(_("Begin"), "begin", self, width=150)
        self.begin_button.pressed_at.connect(lambda stamp, qt_ms: self._begin_block(stamp))
        grid.addWidget(self.erase_button, 0, 5)
        grid.addWidget(self.ok_button, 1, 5)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(grid)
        row.addSpacing(24)
        row.addWidget(self.begin_button)
        row.addStretch(1)
        return row

    def _enable_keys(self, answering: bool) -> None:
        for button in (*self.keys.values(), self.erase_button, self.ok_button):
            button.setEnabled(answering)
        waiting = self.state.phase == "between" and not self.state.block_open and not rules.is_done(self.state)
        self.begin_button.setEnabled(waiting and self.started and not self.finished)
        self.begin_button.setVisible(self.begin_button.isEnabled())  # shown only while a block's screen waits

    def _progress_text(self) -> str:
        s = self.state
        if rules.is_done(s):
            return ""
        return _("{part} · {length} digits · sequence {number} of {total}").format(
            part=_(PARTS[s.direction]), length=s.length, number=s.sequence + 1, total=self.params.sequences_per_length)

    # -- the game's flow ------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        """The rules' phase: not_started, between, presenting, responding or finished."""
        return self.state.phase

    @property
    def current_trial(self) -> int | None:
        """The sequence on screen, or the last one."""
        return self.state.trial if self.state.trial >= 0 else None

    def start(self) -> None:
        """Record digit_span.game_started and show the first block's instructions."""
        self._apply(rules.start_game(self.state, self._now()))
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._on_next()

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue a crashed session at the next sequence (a cut one is shown again from its first digit)."""
        restored = rules.restore(self.state, game_records(events, self.recorder.game, "digit_span."))
        if restored.state.phase == "not_started":
            self.start()
            return
        self.state = restored.state
        if self.finished:
            self._show_end()
            self._announce_finished_later(self.summary())
            return
        self._apply(rules.resume_game(restored, self._now()))
        self.stage.show_message(_("Welcome back: the game carries on where it stopped."))
        self.stage.update()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._timers["next"].start(self.params.iti_ms)

    def _freeze(self) -> None:
        """Stop every timer; a sequence being shown is abandoned (shown again on resume)."""
        self._stop_timers()
        if self.state.phase == "presenting":
            self._apply(rules.interrupt(self.state, self._now()))
            self.stage.clear()
            self.stage.update()

    def _thaw(self) -> None:
        """Between sequences the next one comes after the pause; an open answer just waits for keys."""
        if self.state.phase == "between":
            self._timers["next"].start(self.params.iti_ms)

    @unless_suspended
    def _on_next(self) -> None:
        s = self.state
        if rules.is_done(s):
            self._finish()
        elif not s.block_open:
            self.progress.setText(_(PARTS[s.direction]))
            self.stage.show_message(_(INTROS[s.direction]) + "\n\n" + _("Press Enter (or Begin) when you are ready."))
            self.stage.update()
            self._enable_keys(False)
            self.block_waiting.emit(s.block)
        else:
            self._begin_sequence()

    def _begin_sequence(self) -> None:
        self.trial_will_start.emit(self.state.trial + 1)
        if self.suspended:  # a slot of trial_will_start paused the game: the sequence starts on resume
            return
        self._apply(rules.begin_trial(self.state, self._now()))
        self.progress.setText(self._progress_text())
        self._enable_keys(False)
        self._on_digit_due()

    @unless_suspended
    def _on_digit_due(self) -> None:
        s = self.state
        self.stage.show_digit(s.digits[s.shown])
        requested, presented = self.stage.present()
        self._apply(rules.show_digit(s, self.recorder.since_start(requested), self.recorder.since_start(presented)))
        if self.state.shown == 1:
            self._first_onset = presented
        self._timers["hide"].start(self.params.digit_on_ms)
        due = self._first_onset + self.state.shown * self.params.digit_ms * MS
        wait = max(0, -(-(due - time.perf_counter_ns()) // MS))  # whole ms, rounded up
        self._timers["digit" if self.state.shown < self.state.length else "answer"].start(int(wait))

    @unless_suspended
    def _on_hide(self) -> None:
        if self.state.phase == "presenting":
            self.stage.clear()
            self.stage.update()

    @unless_suspended
    def _on_answer_due(self) -> None:
        self.stage.show_answer(self.state.length, "")
        requested, presented = self.stage.present()
        self._apply(rules.begin_response(self.state, self.recorder.since_start(requested),
                                         self.recorder.since_start(presented)))
        self._enable_keys(True)
        self.answer_did_open.emit(self.state.trial)

    def _begin_block(self, stamp: int) -> None:
        if self.suspended or not self.begin_button.isEnabled():
            self.ignore_input("mouse", "left", self.gate_reason() or "between_trials", stamp, target="begin")
            return
        self._apply(rules.start_block(self.state, self.recorder.since_start(stamp)))
        self._enable_keys(False)
        self.stage.clear()
        self.stage.update()
        self._timers["next"].start(self.params.iti_ms)

    def _typed(self, key: str, stamp: int, qt_ms: int | None, source: InputKind) -> None:
        if self.suspended or not rules.accepts(self.state, key):
            why = self.gate_reason() or ("control_disabled" if self.state.phase == "responding" else "between_trials")
            self.ignore_input(source, key if source == "key" else "left", why, stamp, qt_ms=qt_ms,
                              target=None if source == "key" else f"key {key}")
            return
        self._apply(rules.type_key(self.state, key, self.recorder.since_start(stamp), source, qt_ms))
        self.stage.show_answer(self.state.length, self.state.entry)
        self.stage.update()

    def _submit(self, stamp: int, source: InputKind, qt_ms: int | None = None) -> None:
        if self.suspended or self.state.phase != "responding" or not self.state.entry:
            why = self.gate_reason() or ("control_disabled" if self.state.phase == "responding" else "between_trials")
            self.ignore_input(source, "Return" if source == "key" else "left", why, stamp, qt_ms=qt_ms,
                              target=None if source == "key" else "key OK")
            return
        trial = self.state.trial
        submitted = self._apply(rules.submit(self.state, self.recorder.since_start(stamp), source))[0].payload
        self.recorder.checkpoint()
        self._enable_keys(False)
        self.stage.clear()
        self.stage.update()
        self._timers["next"].start(self.params.iti_ms)  # before the signal: a slot may suspend the game
        self.sequence_did_end.emit(trial, bool(getattr(submitted, "correct", False)))

    def _finish(self) -> None:
        self._apply(rules.end_game(self.state, self._now()))
        self.recorder.checkpoint()
        self._show_end()
        self.game_did_finish.emit(self.summary())

    def _show_end(self) -> None:
        self._stop_timers()
        self._enable_keys(False)
        self.progress.setText("")
        self.stage.show_message(_("Done. Thank you!"))
        self.stage.update()
        self.hint.setText("")

    def summary(self) -> dict[str, Any]:
        """The totals digit_span.game_ended records."""
        return {"trials": self.state.trial + 1, "correct": self.state.correct, **rules.block_spans(self.state)}

    # -- input ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        stamp = time.perf_counter_ns()
        key = event.key()
        qt_ms = int(event.timestamp()) or None
        if key in DIGIT_QT_KEYS:
            self._typed(DIGIT_QT_KEYS[Qt.Key(key)], stamp, qt_ms, "key")
        elif key == Qt.Key.Key_Backspace:
            self._typed(BACKSPACE, stamp, qt_ms, "key")
        elif key in SUBMIT_KEYS or key == Qt.Key.Key_Space:
            if self.begin_button.isEnabled():
                self._begin_block(stamp)
            elif key == Qt.Key.Key_Space:
                self.ignore_input("key", "Space", "between_trials" if self.state.phase != "responding" else
                                  "not_a_game_key", stamp, qt_ms=qt_ms)
            else:
                self._submit(stamp, "key", qt_ms)
        else:
            self.ignore_input("key", key_name(key), "not_a_game_key", stamp, qt_ms=qt_ms)
            super().keyPressEvent(event)

    # -- helpers --------------------------------------------------------------------------------

    def _now(self) -> int:
        return self.recorder.since_start(time.perf_counter_ns())

    def _apply(self, step: tuple[DigitSpanState, tuple[Emission, ...]]) -> tuple[Emission, ...]:
        self.state, emitted = step
        record_emissions(self.recorder, emitted)
        return emitted
