"""The Qt view of the balloon risk game: stamps each input, applies the rules, records, draws.

suspend() (the station paused) stops the feedback and onset timers and ignores input; resume() starts the
next balloon if the pause came between balloons (its onset stamped after its own paint, as always).
resume_from(events) continues a crashed session at the next balloon with the bank restored from the
recorded events (games/core.py, "Crash resume"). Presses that do nothing are logged as game.input_ignored.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from eventlog.recorder import Recorder
from eventlog.records import EventRecord
from games.bart import rules
from games.bart.events import Burst, Collected
from games.bart.params import BartParams
from games.bart.rules import BartState
from games.bart.widgets import BalloonCanvas
from games.core import Emission, game_records, record_emissions, unless_suspended
from games.look import GameLook
from games.widgets import GameWidget, game_sheet, key_name, set_base_font
from i18n import _

__all__ = ["ActionButton", "BartView", "money"]

InputKind = Literal["key", "mouse"]


def money(cents: int) -> str:
    """Cents as dollars for display: 125 -> '$1.25'."""
    return f"${cents // 100}.{cents % 100:02d}"


class ActionButton(QPushButton):
    """A large button that stamps perf_counter_ns first thing when the mouse (or touch) releases on it."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and Enter belong to the game, not the button
        self.setMinimumHeight(76)
        self.setMinimumWidth(240)
        set_base_font(self, 24)
        self.stamp: tuple[int, int] | None = None  # (perf_counter_ns, Qt event timestamp ms)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.stamp = (time.perf_counter_ns(), event.timestamp())
        super().mouseReleaseEvent(event)


def _label(text: str, points: int, ink: str = "text") -> QLabel:
    label = QLabel(text)
    set_base_font(label, points)  # at the type scale (GameWidget.apply_look)
    label.setProperty("ink", ink)  # coloured by the view's sheet (game_sheet)
    label.setWordWrap(True)
    return label


class BartView(GameWidget):
    """One BART game. Space pumps, Enter collects; the Pump and Collect buttons do the same by mouse or touch."""

    phase_before_start = "not_started"
    balloon_did_start = Signal(int)  # after bart.balloon_started is recorded (the balloon is on screen)
    balloon_did_end = Signal(int)  # after bart.balloon_ended is recorded

    def __init__(self, recorder: Recorder, params: BartParams, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.params = params
        self.seed = seed
        self.state: BartState = rules.new_game(params, random.Random(seed), seed)
        self._on_resume: Any = None  # what resume() must do: start the pending balloon, or nothing
        self.scripted_player: object | None = None  # set by a scripted player's attach()
        self._awaiting_onset = False
        self._feedback_timer = self._timer("feedback", self._after_feedback)
        self._onset_fallback = self._timer("onset_fallback", lambda: self._balloon_presented(time.perf_counter_ns()))
        self._build()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._set_actions_enabled(False)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        cents = self.params.cents_per_pump
        self.instructions = _label(
            _("Each pump adds {cents}¢. Collect to bank the money; if the balloon bursts, "
              "the money in that balloon is lost.").format(cents=cents), 20)
        self.canvas = BalloonCanvas()
        if len(self.params.colours) > 1:  # balloons that differ in colour differ by a symbol too
            self.canvas.marks = {c.colour: i for i, c in enumerate(self.params.colours)}
        self.canvas.balloon_presented.connect(self._balloon_presented)
        self.counter = _label("", 22)
        self.temp_label = _label("", 32)
        self.total_label = _label("", 32)
        self.last_label = _label("", 20, "muted")
        panel = QFrame()
        panel.setObjectName("panel")
        panel.setFixedWidth(360)
        side = QVBoxLayout(panel)
        side.setContentsMargins(28, 24, 28, 24)
        side.addWidget(self.counter)
        side.addSpacing(18)
        for caption, value in ((_("In this balloon"), self.temp_label), (_("Total banked"), self.total_label)):
            side.addWidget(_label(caption, 18, "muted"))
            side.addWidget(value)
            side.addSpacing(14)
        side.addWidget(self.last_label)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.canvas, 1)
        middle.addSpacing(24)
        middle.addWidget(panel, 0, Qt.AlignmentFlag.AlignTop)
        self.pump_button = ActionButton(_("Pump"))
        self.collect_button = ActionButton(_("Collect"))
        self.pump_button.setObjectName("pump")
        self.collect_button.setObjectName("collect")
        self.pump_button.clicked.connect(lambda: self._clicked(self.pump_button, self._pump))
        self.collect_button.clicked.connect(lambda: self._clicked(self.collect_button, self._collect))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pump_button)
        buttons.addSpacing(32)
        buttons.addWidget(self.collect_button)
        buttons.addStretch(1)
        self.hint = _label(_("Keys:  Space = pump    Enter = collect"), 18, "muted")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        root = QVBoxLayout(self)
        root.setContentsMargins(40, 28, 40, 24)
        root.addWidget(self.instructions)
        root.addSpacing(12)
        root.addLayout(middle, 1)
        root.addSpacing(16)
        root.addLayout(buttons)
        root.addWidget(self.hint)
        self.apply_look()
        self._refresh_labels()

    def _refresh_labels(self) -> None:
        s = self.state
        shown = min(max(s.balloon, 0) + 1, len(s.plan))
        self.counter.setText(_("Balloon {number} of {total}").format(number=shown, total=len(s.plan)))
        self.temp_label.setText(money(s.temp_cents))
        self.total_label.setText(money(s.total_cents))

    def look_sheet(self, look: GameLook) -> str:
        """The panel and the Pump / Collect buttons in the current palette."""
        return _style(look)

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.pump_button.setEnabled(enabled)
        self.collect_button.setEnabled(enabled)

    # -- game flow ------------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        """The rules' phase: not_started, between, inflating or finished."""
        return self.state.phase

    def start(self) -> None:
        """Record bart.game_started and show the first balloon."""
        t_ns = self.recorder.since_start(time.perf_counter_ns())
        self.state, emitted = rules.start_game(self.state, t_ns)
        self._record(emitted)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._next_balloon()

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue a crashed session: the next balloon (the interrupted one again), with the bank restored."""
        restored = rules.restore(self.state, game_records(events, self.recorder.game, "bart."))
        if restored.state.phase == "not_started":
            self.start()
            return
        self.state = restored.state
        self._refresh_labels()
        if self.finished:
            self._show_end()
            self._announce_finished_later(self._summary())
            return
        self.state, emitted = rules.resume_game(restored, self.recorder.since_start(time.perf_counter_ns()))
        self._record(emitted)
        self.last_label.setText(_("Welcome back: {amount} banked so far").format(amount=money(self.state.total_cents)))
        upcoming = min(self.state.balloon + 2, len(self.state.plan))
        self.counter.setText(_("Balloon {number} of {total}").format(number=upcoming, total=len(self.state.plan)))
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.state.balloons_done < len(self.state.plan):
            self._next_balloon()
        else:
            self._finish()

    @property
    def current_trial(self) -> int | None:
        """The balloon on screen, or the last one."""
        return self.state.balloon if self.state.balloon >= 0 else None

    def _freeze(self) -> None:
        """Stop the timers; what was due (the next balloon, or its onset) happens on resume."""
        if self._feedback_timer.isActive():
            self._on_resume = self._after_feedback
        elif self._awaiting_onset:
            self._on_resume = self._show_balloon
        self._awaiting_onset = False
        self._stop_timers()

    def _thaw(self) -> None:
        """Between balloons the next one starts now; an inflating balloon just waits."""
        action, self._on_resume = self._on_resume, None
        if action is not None:
            action()

    def _next_balloon(self) -> None:
        """Announce and show the next balloon."""
        self.trial_will_start.emit(self.state.balloon + 1)
        self._show_balloon()

    def _show_balloon(self) -> None:
        """Draw the next balloon; bart.balloon_started is recorded when its first frame has been painted."""
        if self.suspended:  # a slot of trial_will_start suspended the game: the balloon appears on resume
            self._on_resume = self._show_balloon
            return
        plan = self.state.plan[self.state.balloon + 1]
        self._onset_requested_ns = time.perf_counter_ns()
        self.canvas.show_balloon(plan.colour, 0.0, new=True)
        self._awaiting_onset = True
        if self.isVisible():
            self._onset_fallback.start(250)  # if no paint comes (window covered), stamp by timer instead
        else:
            self._balloon_presented(time.perf_counter_ns())

    @unless_suspended
    def _balloon_presented(self, perf_ns: int) -> None:
        if not self._awaiting_onset or self.finished:
            return
        self._awaiting_onset = False
        self._onset_fallback.stop()
        requested = min(self._onset_requested_ns, perf_ns)
        self.state, emitted = rules.start_balloon(
            self.state, self.recorder.since_start(perf_ns), self.recorder.since_start(requested)
        )
        self._record(emitted)
        self._refresh_labels()
        self._set_actions_enabled(True)
        self.balloon_did_start.emit(self.state.balloon)

    def _unused(self, action: str, t_perf: int, source: InputKind, qt_ms: int | None) -> bool:
        """Whether a pump or collect does nothing now (logged as ignored): suspended, or no balloon inflating."""
        if self.state.phase == "inflating" and not self.suspended:
            return False
        key = "left" if source == "mouse" else ("Space" if action == "pump" else "Return")
        self.ignore_input(source, key, self.gate_reason() or "between_trials", t_perf, qt_ms=qt_ms,
                          target=action if source == "mouse" else None)
        return True

    def _pump(self, t_perf: int, source: InputKind, qt_ms: int | None) -> None:
        if self._unused("pump", t_perf, source, qt_ms):
            return  # between balloons (feedback showing) presses do nothing
        t_ns = self.recorder.since_start(t_perf)
        self.state, emitted = rules.pump(self.state, t_ns, source, qt_ms)
        self._record(emitted)
        self._refresh_labels()
        if self.state.phase == "inflating":
            self.canvas.show_balloon(self.state.current.colour, self.state.size)
        else:
            burst = emitted[1].payload
            assert isinstance(burst, Burst)  # rules.pump's second emission after a burst
            lost = burst.lost_cents
            self._balloon_over("burst", _("The balloon burst. {amount} lost.").format(amount=money(lost)),
                               _("burst, {amount} lost").format(amount=money(lost)))

    def _collect(self, t_perf: int, source: InputKind, qt_ms: int | None) -> None:
        if self._unused("collect", t_perf, source, qt_ms):
            return
        t_ns = self.recorder.since_start(t_perf)
        self.state, emitted = rules.collect(self.state, t_ns)
        self._record(emitted)
        self._refresh_labels()
        collected = emitted[0].payload
        assert isinstance(collected, Collected)  # rules.collect's first emission
        amount = collected.amount_cents
        self._balloon_over("collected", _("Collected {amount}.").format(amount=money(amount)),
                           _("collected {amount}").format(amount=money(amount)))

    def _balloon_over(self, look: Literal["burst", "collected"], message: str, short: str) -> None:
        self._set_actions_enabled(False)
        self.canvas.show_feedback(look, message)
        self.last_label.setText(_("Last balloon: {outcome}").format(outcome=short))
        self.recorder.checkpoint()
        self._feedback_timer.start(self.params.feedback_ms)  # before the signal: a slot may suspend the game
        self.balloon_did_end.emit(self.state.balloon)

    @unless_suspended
    def _after_feedback(self) -> None:
        if self.state.balloons_done < len(self.state.plan):
            self._next_balloon()
        else:
            self._finish()

    def _finish(self) -> None:
        t_ns = self.recorder.since_start(time.perf_counter_ns())
        self.state, emitted = rules.end_game(self.state, t_ns)
        self._record(emitted)
        self.recorder.checkpoint()
        self._show_end()
        self.game_did_finish.emit(self._summary())

    def _show_end(self) -> None:
        self._stop_timers()
        self._set_actions_enabled(False)
        self.canvas.show_feedback("finished", _("All balloons done.\nYou earned {amount}.").format(
            amount=money(self.state.total_cents)))
        self.last_label.setText("")
        self.hint.setText(_("Thank you."))

    def _summary(self) -> dict[str, Any]:
        """The totals bart.game_ended records."""
        s = self.state
        return {"balloons": s.balloons_done, "total_cents": s.total_cents, "bursts": s.bursts, "collects": s.collects}

    def _record(self, emitted: tuple[Emission, ...]) -> None:
        record_emissions(self.recorder, emitted)

    # -- input ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        t_perf = time.perf_counter_ns()
        key = event.key()
        if key not in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.ignore_input("key", key_name(key), "not_a_game_key", t_perf, qt_ms=event.timestamp())
            super().keyPressEvent(event)
            return
        event.accept()
        if event.isAutoRepeat():  # GameWidget.event() logs auto-repeats before they get here
            return  # holding a key down is not a series of deliberate pumps
        if self.state.phase != "inflating":
            self.ignore_input("key", key_name(key), "between_trials", t_perf, qt_ms=event.timestamp())
            return
        action = self._pump if key == Qt.Key.Key_Space else self._collect
        action(t_perf, "key", event.timestamp() or None)

    def _clicked(self, button: ActionButton, action: Any) -> None:
        stamp, button.stamp = button.stamp, None
        t_perf, qt_ms = stamp if stamp is not None else (time.perf_counter_ns(), 0)
        action(t_perf, "mouse", qt_ms or None)


def _style(look: GameLook) -> str:
    """The view's sheet in `look`: the side panel and the two buttons (sizes are per widget: apply_look)."""
    p = look.palette
    pump, collect = ("#dce8f7", "#8fb1dc"), ("#dff0e4", "#93c4a2")  # the standard theme's calm tints
    if look.high_contrast:
        pump = collect = (p.button_bg, p.button_border)
    return game_sheet(look) + f"""
QFrame#panel {{ background: {p.panel}; border: 1px solid {p.outline if look.high_contrast else "#dde3e8"};
                border-radius: 16px; }}
QPushButton {{ border-radius: 14px; padding: 10px 28px; }}
QPushButton#pump {{ background: {pump[0]}; border: 2px solid {pump[1]}; }}
QPushButton#collect {{ background: {collect[0]}; border: 2px solid {collect[1]}; }}
QPushButton:pressed {{ background: {p.button_pressed}; }}
QPushButton:disabled, QPushButton#pump:disabled, QPushButton#collect:disabled {{
    color: {p.disabled_text}; background: {p.disabled_bg}; border: 2px dashed {p.outline}; }}
"""
