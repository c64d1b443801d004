"""Qt view of the reaction-time family: stamps every input, runs the rules, renders, records their events.

Timing (see docs/TIMING.md): inputs are stamped with time.perf_counter_ns() first thing in the handler.
The stimulus is drawn with a synchronous repaint() of the canvas (paint into the backing store and flush
to the window system); requested_t_ns is stamped just before it, presented_t_ns just after it returns.
suspend() (the station paused) stops every timer, ignores input and abandons an attempt in progress;
resume() repeats that trial from its start with a new foreperiod, as after a false start.
resume_from(events) continues a crashed session at the next trial (the interrupted one again) with the
tally restored (games/core.py, "Crash resume"). Presses that do nothing are logged as game.input_ignored.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from eventlog.recorder import Recorder
from eventlog.records import EventRecord
from games.core import Emission, game_records, record_emissions, unless_suspended
from games.reaction.params import ChoiceRTParams, ReactionParams
from games.reaction.rules import CLICK_PREFIX, ReactionRules, ReactionState
from games.reaction.widgets import COLOURS, FALSE_START, HINTS, ResponseButton, StimulusCanvas
from games.widgets import GameWidget, key_name, set_base_font
from i18n import N_, _

__all__ = ["ReactionView"]

QT_KEYS = {
    Qt.Key.Key_Space: "Space", Qt.Key.Key_D: "D", Qt.Key.Key_F: "F", Qt.Key.Key_J: "J", Qt.Key.Key_K: "K",
}
TITLES = {"simple": N_("Simple reaction time"), "choice": N_("Choice reaction time"), "go_nogo": N_("Go / no-go")}
MS = 1_000_000


def _ms_until(target_ns: int, now_ns: int) -> int:
    """Whole milliseconds from now until target (rounded up, never negative)."""
    return max(0, math.ceil((target_ns - now_ns) / MS))


class ReactionView(GameWidget):
    """One game of the reaction-time family (the variant follows the params model)."""

    foreperiod_did_start = Signal(int)  # every attempt, repeats after a false start included
    stimulus_did_appear = Signal(int, str)  # trial, stimulus; emitted after the onset is recorded

    def __init__(
        self, recorder: Recorder, params: ReactionParams, seed: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(recorder, parent)
        self.params = params
        self.rules = ReactionRules(params, random.Random(seed), seed)
        self.state = ReactionState()
        self.variant = self.rules.variant
        self.keys = self.rules.keys
        for name, slot in (
            ("stimulus", self._on_stimulus_due), ("deadline", self._on_deadline), ("next", self._on_next_trial),
        ):
            self._timer(name, slot, precise=True)
        self._build()

    # -- public -------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin the game at its first trial."""
        t = self._now()
        self.state, emitted = self.rules.start(self.state, t)
        self._record(emitted)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._schedule_next()

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue a crashed session at its next trial (the interrupted one again) with the tally restored."""
        restored = self.rules.restore(self.state, game_records(events, self.recorder.game, "rt."))
        if restored.state.phase == "ready":
            self.start()
            return
        self.state = restored.state
        if self.finished:
            self._show_end()
            self._announce_finished_later(self.summary())
            return
        self.state, emitted = self.rules.resume_game(restored, self._now())
        self._record(emitted)
        shown = min(self.state.trial + 1, self.params.trials)
        self._progress.setText(_("Trial {number} of {total}").format(number=shown, total=self.params.trials))
        self._message.setText(_("Welcome back: the game carries on where it stopped."))
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._schedule_next()

    @property
    def current_trial(self) -> int | None:
        """The trial on screen (the next one between trials); None before the start."""
        return self.state.trial if self.started else None

    def _freeze(self) -> None:
        """Stop every timer; a trial in progress is abandoned (nothing recorded)."""
        self._stop_timers()
        if self.state.phase in ("foreperiod", "stimulus"):
            self.state, emitted = self.rules.interrupt(self.state, self._now())
            self._record(emitted)
            self.canvas.show_mode("blank")
            self.canvas.update()

    def _thaw(self) -> None:
        """The next (or abandoned) trial starts after the inter-trial interval."""
        if self.state.phase == "between" and not self.finished:
            self._schedule_next()

    @property
    def phase(self) -> str:
        """The rules' phase: ready, between, foreperiod, stimulus or finished."""
        return self.state.phase

    @property
    def trial(self) -> int:
        """The current trial index (the next one while between trials)."""
        return self.state.trial

    def key_for_stimulus(self, stimulus: str) -> str | None:
        """The key that answers a stimulus (None on no-go)."""
        return next((p.correct_key for p in self.rules.plan if p.stimulus == stimulus), None)

    def response_button(self, key: str) -> ResponseButton:
        """The on-screen button answering with a key."""
        return self._buttons[key]

    # -- Qt handlers --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        stamp = time.perf_counter_ns()
        key = QT_KEYS.get(Qt.Key(event.key()))
        if key is None or key not in self.keys or event.isAutoRepeat():
            self.ignore_input("key", key_name(event.key()), "auto_repeat" if event.isAutoRepeat() else
                              "not_a_game_key", stamp, auto_repeat=event.isAutoRepeat(), qt_ms=event.timestamp())
            super().keyPressEvent(event)
            return
        self._respond(key, stamp, int(event.timestamp()) or None)

    def _on_button(self, key: str, stamp: int, qt_ms: int) -> None:
        self._respond(CLICK_PREFIX + key, stamp, qt_ms or None)

    # -- the game's flow ----------------------------------------------------------------------

    def _respond(self, key: str, stamp: int, qt_ms: int | None) -> None:
        if self.suspended or self.state.phase not in ("foreperiod", "stimulus"):
            # between trials, while suspended, before the start and after the end, presses are not responses
            clicked = key.startswith(CLICK_PREFIX)
            self.ignore_input("mouse" if clicked else "key", "left" if clicked else key,
                              self.gate_reason() or "between_trials", stamp, qt_ms=qt_ms,
                              target=f"button {key.removeprefix(CLICK_PREFIX)}" if clicked else None)
            return
        false_start = self.state.phase == "foreperiod"
        self.state, emitted = self.rules.respond(self.state, key, self.recorder.since_start(stamp), qt_ms)
        self._record(emitted)
        self._timers["stimulus"].stop()
        self._timers["deadline"].stop()
        if false_start:
            self._message.setText(_(FALSE_START[self.variant]))
        self._end_trial_display()

    @unless_suspended
    def _on_next_trial(self) -> None:
        if self.rules.is_done(self.state):
            self._finish()
            return
        if not self.state.repeat:
            self.trial_will_start.emit(self.state.trial)
            if self.suspended:  # a slot of trial_will_start suspended the game: the trial starts on resume
                return
        self.state, emitted = self.rules.begin_trial(self.state, self._now())
        self._record(emitted)
        self._progress.setText(_("Trial {number} of {total}").format(number=self.state.trial + 1,
                                                                      total=self.params.trials))
        self.canvas.show_mode("fixation")
        self.canvas.update()
        onset = self.state.trial_start_ns + self.state.foreperiod_ns
        self._timers["stimulus"].start(_ms_until(onset, self._now()))
        self.foreperiod_did_start.emit(self.state.trial)

    @unless_suspended
    def _on_stimulus_due(self) -> None:
        stimulus = self.rules.plan[self.state.trial].stimulus
        requested = self._now()
        self.canvas.show_mode("stimulus", stimulus)
        self.canvas.repaint()
        presented = self._now()
        self.state, emitted = self.rules.present(self.state, requested, presented)
        self._record(emitted)
        self._message.setText("")
        self._timers["deadline"].start(_ms_until(presented + self.rules.timeout_ns, self._now()))
        self.stimulus_did_appear.emit(self.state.trial, stimulus)

    @unless_suspended
    def _on_deadline(self) -> None:
        now = self._now()
        deadline = self.state.onset_ns + self.rules.timeout_ns
        if now < deadline:  # a timer may wake a little early: wait out the rest
            self._timers["deadline"].start(max(1, _ms_until(deadline, now)))
            return
        self.state, emitted = self.rules.expire(self.state, now)
        self._record(emitted)
        self._end_trial_display()

    def _end_trial_display(self) -> None:
        self.canvas.show_mode("fixation" if self.variant == "choice" else "blank")
        self.canvas.update()
        if not self.state.repeat:
            self.recorder.checkpoint()
        self._schedule_next()

    def _schedule_next(self) -> None:
        self._timers["next"].start(self.params.iti_ms)

    def _finish(self) -> None:
        self.state, emitted = self.rules.finish(self.state, self._now())
        self._record(emitted)
        self.recorder.checkpoint()
        self._show_end()
        self.game_did_finish.emit(self.summary())

    def _show_end(self) -> None:
        self._stop_timers()
        self.canvas.show_mode("blank")
        self.canvas.update()
        self._message.setText(_("Done. Thank you!"))
        for button in self._buttons.values():
            button.setEnabled(False)

    def summary(self) -> dict[str, Any]:
        """The rules' summary of the outcomes so far."""
        return self.rules.summary(self.state)

    # -- helpers ------------------------------------------------------------------------------

    def _now(self) -> int:
        return self.recorder.since_start(time.perf_counter_ns())

    def _record(self, emitted: tuple[Emission, ...]) -> None:
        record_emissions(self.recorder, emitted)

    def _build(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), COLOURS["background"])
        palette.setColor(self.foregroundRole(), COLOURS["text"])
        self.setPalette(palette)
        choices = self.params.choices if isinstance(self.params, ChoiceRTParams) else 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        header = QHBoxLayout()
        self._title = self._label(_(TITLES[self.variant]), 24, bold=True)
        self._progress = self._label("", 20, muted=True)
        header.addWidget(self._title)
        header.addStretch(1)
        header.addWidget(self._progress)
        layout.addLayout(header)
        self.canvas = StimulusCanvas(self.variant, choices, self)
        layout.addWidget(self.canvas, 1)
        self._message = self._label("", 24)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setMinimumHeight(48)
        layout.addWidget(self._message)
        layout.addLayout(self._button_row())
        hint = _(HINTS[self.variant]).format(keys=" ".join(self.keys))
        self._hint = self._label(hint, 20, muted=True)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        layout.addWidget(self._hint)

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self._buttons: dict[str, ResponseButton] = {}
        for key in self.keys:
            label = _("Space: respond") if key == "Space" else key
            button = ResponseButton(key, label, self)
            if key == "Space":
                button.setMinimumWidth(420)
            button.pressed_at.connect(lambda stamp, qt_ms, k=key: self._on_button(k, stamp, qt_ms))
            self._buttons[key] = button
            row.addWidget(button, 1, Qt.AlignmentFlag.AlignCenter)
        return row

    def _label(self, text: str, points: int, bold: bool = False, muted: bool = False) -> QLabel:
        label = QLabel(text, self)
        set_base_font(label, points, bold)  # at the type scale, coloured by the view's sheet (games.widgets)
        label.setProperty("ink", "muted" if muted else "text")
        return label
