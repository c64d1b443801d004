"""The decision game's Qt view: shows each scenario, stamps every input and records what the rules return.

Onset: a task's t_ns is stamped on the first event-loop turn after the paint that drew it (a zero-delay
timer from paintEvent); the moment it was requested goes beside it as `requested_t_ns`.
Activity: a look at an option is recorded when it starts (option_view_started) and ends (option_viewed);
typing and scrolling as bursts when they pause (typing_burst, scrolled); while an option is looked at the
idle clock does not run (reading is activity).
suspend() first flushes what is pending (open views, bursts, a debounced update, an idle spell), then
stops every timer and ignores input; resume() restarts them; resume_from(events) continues a crashed
session at the next task (games/core.py "Crash resume"). Presses that do nothing are game.input_ignored.
Keyboard: Tab moves between the text box and Continue only; keys typed into the text box never pick an
option; number keys pick only outside it; a letter typed on a card moves the focus to the text box.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputEvent, QKeyEvent, QPaintEvent, QResizeEvent, QWindow
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from eventlog.recorder import Recorder
from eventlog.records import EventRecord
from games.core import Step, game_records, record_emissions, unless_suspended
from games.decision import rules
from games.decision.bursts import Bursts
from games.decision.errors import DecisionRuleError
from games.decision.params import DecisionParams
from games.decision.scenarios import Scenario, load_scenarios, localised
from games.decision.widgets import (
    ActivityWatch,
    OptionCard,
    Via,
    about,
    add_shortcuts,
    fit_to_height,
    footer,
    forward_key,
    header_row,
    key_hint,
    label,
    reasoning_box,
    reasoning_prompt,
    route_key,
    situation,
    style,
    tab_target,
)
from games.widgets import GameWidget, key_name
from i18n import _, candidate_language

__all__ = ["DecisionView"]

ACTIVITY = {QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel}


class DecisionView(GameWidget):
    """Plays the decision scenarios one after another and records every look, pick and keystroke count."""
    look_style, look_applied = staticmethod(style), fit_to_height  # its sheet; text fitted again after a change

    task_did_start = Signal(int)  # after decision.task_started is recorded (the task is on screen)
    task_did_end = Signal(int)  # after decision.task_completed is recorded

    @property
    def phase(self) -> str:
        """The rules' phase: ready, between, in_task or finished."""
        return self._state.phase

    def __init__(self, recorder: Recorder, params: DecisionParams, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, parent)
        self.params = params
        self.seed = seed
        self._state = rules.new_game(load_scenarios(), params, random.Random(seed), seed)
        self.refused: list[str] = []  # steps the rules refused (never recorded); empty in normal play
        self.cards: list[OptionCard] = []
        self._open_views: dict[tuple[str, Via], int] = {}
        self._onset_requested: int | None = None
        self._last_activity = 0
        self._idle = False
        self._activity_watch = ActivityWatch(self._input_seen)
        self._loading = False
        self._choices: dict[str, str] = {}
        self._limit_left_ms = -1
        self._bursts = Bursts()
        self._build()
        self._make_timers()

    def _build(self) -> None:
        self.setStyleSheet(style())  # (GameWidget paints the background and takes the current look when shown)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(900, 660)
        root = QVBoxLayout(self)
        root.setContentsMargins(56, 16, 56, 14)
        root.setSpacing(8)
        header, self.progress_label, self.time_label = header_row()
        root.addLayout(header)
        self.title_label = label("", 26, bold=True)
        self.prompt_label = label("", 20)
        root.addWidget(self.title_label)
        root.addWidget(self.prompt_label)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(8)
        root.addSpacing(4)
        root.addLayout(self.cards_box)
        root.addSpacing(4)
        self.reasoning_label = label("", 16)
        root.addWidget(self.reasoning_label)
        self.reasoning_box = reasoning_box()
        self.reasoning_box.textChanged.connect(self._text_changed)
        root.addWidget(self.reasoning_box)
        row, self.hint_label, self.key_hint, self.continue_button = footer("", self._continue_requested)
        root.addLayout(row)
        root.addStretch(1)
        add_shortcuts(self, ("Ctrl+Return", "Ctrl+Enter"), self._continue_requested)

    def _make_timers(self) -> None:
        self._idle_timer = self._timer("idle", self._idle_reached, interval_ms=self.params.idle_threshold_ms)
        self._debounce_timer = self._timer("debounce", self._debounced, interval_ms=self.params.reasoning_debounce_ms)
        self._limit_timer = self._timer("soft_limit", self._soft_limit_reached, interval_ms=1000)
        self._scroll_timer = self._timer("scroll", self._scroll_paused, interval_ms=self.params.reasoning_debounce_ms)

    # -- the game's course ----------------------------------------------------------------------

    @property
    def state(self) -> rules.DecisionState:
        """The rules' current state (read-only for players and tests)."""
        return self._state

    @property
    def current_task(self) -> Scenario | None:
        """The scenario on screen, if a task is open or about to open."""
        return self._state.task if self._state.index >= 0 else None

    def start(self) -> None:
        """Begin the game at its first task."""
        t = time.perf_counter_ns()
        if self._apply(lambda s: rules.start_game(s, self.recorder.since_start(t))):
            self._activity_watch.start()
            self._present_next()

    def resume_from(self, events: Sequence[EventRecord]) -> None:
        """Continue a crashed session at its next task (the interrupted one again); completed tasks stay done."""
        records = game_records(events, self.recorder.game, "decision.")
        restored = rules.restore(self._state, records)
        if restored.state.phase == "ready":
            self.start()
            return
        self._state = restored.state
        self._choices = rules.completed_choices(records)
        if self.finished:
            self._show_end()
            self._announce_finished_later(self._summary())
            return
        t = time.perf_counter_ns()
        if self._apply(lambda _: rules.resume_game(restored, self.recorder.since_start(t))):
            self._activity_watch.start()
            if self._state.has_next_task:
                self._present_next()
            else:
                self._finish(t)

    @property
    def current_trial(self) -> int | None:
        """The task on screen, or the last one."""
        return self._state.index if self._state.index >= 0 else None

    def _freeze(self) -> None:
        """Flush the pending views, reasoning update and idle spell now; then stop every timer."""
        t = time.perf_counter_ns()
        if self._in_task():
            self._close_views(t)
            if self._debounce_timer.isActive():
                self._debounce_timer.stop()
                self._debounced()
            self._scroll_timer.stop()
            self._scroll_paused()
            self._end_idle(t)
        self._limit_left_ms = self._limit_timer.remainingTime() if self._limit_timer.isActive() else -1
        self._stop_timers()

    def _thaw(self) -> None:
        """Idle detection starts afresh; a task not yet painted is requested again."""
        t = time.perf_counter_ns()
        if self._in_task():
            self._last_activity, self._idle = t, False
            self._sync_focus(t)
            if self._state.focus_lost_t_ns is None:
                self._idle_timer.start()
            if self._limit_left_ms >= 0:
                self._limit_timer.start(max(1, self._limit_left_ms))
        if self._onset_requested is not None:
            self._onset_requested = t
            self.update()

    def _sync_focus(self, perf_ns: int) -> None:
        """Record the window focus change that happened while suspended (seen only now)."""
        since = self.recorder.since_start
        active, lost = self.isActiveWindow(), self._state.focus_lost_t_ns is not None
        if active and lost:
            self._apply(lambda s: rules.gain_focus(s, since(perf_ns)))
        elif not active and not lost:
            self._apply(lambda s: rules.lose_focus(s, since(perf_ns)))

    def _present_next(self) -> None:
        index = self._state.index + 1
        self.trial_will_start.emit(index)
        task = self._state.tasks[index]
        self.setUpdatesEnabled(False)
        self._show_task(task, index)
        self.setUpdatesEnabled(True)
        self._onset_requested = time.perf_counter_ns()
        self.update()

    def _show_task(self, task: Scenario, index: int) -> None:
        task = localised(task, candidate_language())  # its texts only: ids, risks and tags stay the same
        self.progress_label.setText(situation(index, len(self._state.tasks)))
        limit = task.soft_time_limit_s
        self.time_label.setText(_("Suggested time: {time}").format(time=about(limit)) if limit else "")
        self.title_label.setText(task.title)
        self.prompt_label.setText(" ".join(task.prompt.split()))
        self._clear_cards()
        self.key_hint.setText(key_hint(len(task.options)))
        for number, option in enumerate(task.options, start=1):
            card = OptionCard(option.id, number, option.text, self._view_begin, self._view_end, self._pick,
                              self._move_focus, self)
            self.cards_box.addWidget(card)
            self.cards.append(card)
        self.reasoning_label.setText(reasoning_prompt(task.reasoning_required, task.min_chars))
        self._loading = True
        self.reasoning_box.clear()
        self._loading = False
        fit_to_height(self)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._refresh_continue()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the type to the new size."""
        super().resizeEvent(event)
        fit_to_height(self)

    def _clear_cards(self) -> None:
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = []
        self._open_views.clear()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint; when the paint drew a new task, stamp its onset on the next event-loop turn."""
        super().paintEvent(event)
        if self._onset_requested is not None:
            QTimer.singleShot(0, self._presented)

    def _presented(self) -> None:
        self._start_presented_task(time.perf_counter_ns())

    @unless_suspended  # the task is requested again on resume
    def _start_presented_task(self, t: int) -> None:
        requested, self._onset_requested = self._onset_requested, None
        if requested is None or self._state.phase != "between":
            return
        since = self.recorder.since_start
        if self._apply(lambda s: rules.start_task(s, since(t), since(requested))):
            self._last_activity, self._idle = t, False
            self._idle_timer.start()
            self._refresh_continue()
            if self._state.task.soft_time_limit_s:
                self._limit_timer.start(self._state.task.soft_time_limit_s * 1000)
            self.task_did_start.emit(self._state.index)

    def _apply(self, step: Callable[[rules.DecisionState], Step[rules.DecisionState]]) -> bool:
        """Run one rules step; record its emissions, or note the refusal."""
        try:
            result = step(self._state)
        except DecisionRuleError as exc:
            self.refused.append(str(exc))
            return False
        self._state = result.state
        record_emissions(self.recorder, result.emissions)
        return True

    def _in_task(self) -> bool:
        return self._state.phase == "in_task"

    # -- viewing, picking, writing --------------------------------------------------------------

    @unless_suspended
    def _view_begin(self, option_id: str, via: Via, perf_ns: int) -> None:
        self._open_views[(option_id, via)] = perf_ns
        if self._in_task():
            self._apply(lambda s: rules.view_started(s, option_id, via, self.recorder.since_start(perf_ns)))

    def _view_end(self, option_id: str, via: Via, perf_ns: int) -> None:
        started = self._open_views.pop((option_id, via), None)
        if started is None or not self._in_task():
            return
        since = self.recorder.since_start
        self._apply(lambda s: rules.view_option(s, option_id, via, since(started), since(perf_ns)))

    def _close_views(self, perf_ns: int) -> None:
        """End every open view (the task is about to complete)."""
        for option_id, via in list(self._open_views):
            self._view_end(option_id, via, perf_ns)
        for card in self.cards:
            card.hovering = card.focused = False

    @unless_suspended
    def _pick(self, option_id: str, perf_ns: int, qt_event_ms: int | None, key: str = "left") -> None:
        if not self._in_task():
            self.ignore_input("mouse" if key == "left" else "key", key, "between_trials", perf_ns, qt_ms=qt_event_ms)
            return
        if self._apply(lambda s: rules.choose(s, option_id, self.recorder.since_start(perf_ns))):
            for card in self.cards:
                card.set_selected(card.option_id == option_id)
            self._refresh_continue()

    def _move_focus(self, card: OptionCard, step: int) -> None:
        if card in self.cards:
            target = self.cards[(self.cards.index(card) + step) % len(self.cards)]
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Number keys pick; Down/Up focus the first/last card; a letter goes to the text box; never while typing."""
        t = time.perf_counter_ns()
        route = route_key(event, len(self.cards), self.reasoning_box.hasFocus())
        if route.action == "pick":
            self._pick(self.cards[route.index].option_id, t, int(event.timestamp()), key_name(event.key()))
        elif route.action == "focus":
            self.cards[route.index].setFocus(Qt.FocusReason.TabFocusReason)
        elif route.action == "type":
            self.reasoning_box.setFocus(Qt.FocusReason.OtherFocusReason)
            forward_key(event, self.reasoning_box)
        else:
            self.ignore_input("key", key_name(event.key()), "not_a_game_key", t, qt_ms=event.timestamp())
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves between the text box and Continue; from anywhere else in the task it goes to the text box."""
        ring = [w for w in (self.reasoning_box, self.continue_button) if w.isVisible() and w.isEnabled()]
        if not self._in_task() or not ring:
            return super().focusNextPrevChild(next)
        target = tab_target(QApplication.focusWidget(), ring, next)
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    def _text_changed(self) -> None:
        self._reasoning_edited(time.perf_counter_ns())

    @unless_suspended
    def _reasoning_edited(self, t: int) -> None:
        if self._loading or not self._in_task():
            return
        if not self._state.reasoning_started:
            self._apply(lambda s: rules.start_reasoning(s, self.recorder.since_start(t)))
        self._bursts.edit(t)
        self._debounce_timer.start()
        self._refresh_continue()

    def _debounced(self) -> None:
        t = time.perf_counter_ns()
        self._flush_typing(t)
        if self._in_task() and self._state.reasoning_started:
            text = self.reasoning_box.toPlainText()
            self._apply(lambda s: rules.update_reasoning(s, text, self.recorder.since_start(t)))

    def _flush_typing(self, perf_ns: int) -> None:
        """Record the typing burst since the last pause (first and last edit, how many)."""
        self._record_burst(self._bursts.take_typing(), rules.typed, perf_ns)

    def _scroll_paused(self) -> None:
        """Record the scroll burst since the last pause."""
        self._record_burst(self._bursts.take_scrolling(), rules.scrolled, time.perf_counter_ns())

    def _record_burst(self, stamps: list[int], step: Callable[..., Step[rules.DecisionState]], perf_ns: int) -> None:
        if stamps and self._in_task():
            since = self.recorder.since_start
            self._apply(lambda s: step(s, since(stamps[0]), since(stamps[-1]), len(stamps), since(perf_ns)))

    def _refresh_continue(self) -> None:
        blocker = rules.completion_blocker(self._state, self.reasoning_box.toPlainText())
        self.continue_button.setEnabled(blocker is None)
        self.hint_label.setText(blocker or _("Ready when you are: press Continue."))

    def _continue_requested(self) -> None:
        self._complete_task(time.perf_counter_ns())

    @unless_suspended
    def _complete_task(self, t: int) -> None:
        text = self.reasoning_box.toPlainText()
        if not self._in_task() or rules.completion_blocker(self._state, text) is not None:
            return
        self._close_views(t)
        self._debounce_timer.stop()
        self._flush_typing(t)
        self._scroll_timer.stop()
        self._scroll_paused()
        self._limit_timer.stop()
        self._idle_timer.stop()
        index = self._state.index
        if not self._apply(lambda s: rules.complete_task(s, text, self.recorder.since_start(t))):
            return
        self._choices[self._state.task.id] = self._state.selected or ""
        self.recorder.checkpoint()
        self.task_did_end.emit(index)
        if self._state.has_next_task:
            self._present_next()
        else:
            self._finish(t)

    def _finish(self, perf_ns: int) -> None:
        self._apply(lambda s: rules.end_game(s, self.recorder.since_start(perf_ns)))
        self._show_end()
        self.recorder.checkpoint()
        self.game_did_finish.emit(self._summary())

    def _show_end(self) -> None:
        self._shut_down()
        self._clear_cards()
        self.title_label.setText(_("Thank you"))
        self.prompt_label.setText(_("That was the last situation."))
        for widget in (self.reasoning_label, self.reasoning_box, self.continue_button, self.hint_label,
                       self.key_hint, self.time_label):
            widget.hide()

    def _summary(self) -> dict[str, Any]:
        return {"tasks_completed": self._state.completed, "choices": dict(self._choices)}

    def _shut_down(self) -> None:
        """Stop every timer and the idle clock."""
        self._stop_timers()
        self._activity_watch.stop()

    # -- time limit, idle and window focus ------------------------------------------------------

    def _soft_limit_reached(self) -> None:
        if self._in_task():
            self.time_label.setText(_("The suggested time has passed. Finish when you are ready."))

    def _input_seen(self, watched: QObject, event: QEvent) -> None:
        """Any pointer or key input in this view's window ends an idle spell and restarts the idle clock."""
        if event.type() in ACTIVITY and self._in_task() and self._is_mine(watched):
            t = time.perf_counter_ns()
            if event.type() == QEvent.Type.Wheel:
                self._wheel(event, t)
            self._activity(t)

    @unless_suspended
    def _wheel(self, event: QEvent, perf_ns: int) -> None:
        """A wheel step (seen once however many widgets it passes through) extends the scroll burst."""
        if self._bursts.wheel(int(event.timestamp()) if isinstance(event, QInputEvent) else None, perf_ns):
            self._scroll_timer.start()

    def _is_mine(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched is self or self.isAncestorOf(watched)
        return isinstance(watched, QWindow) and watched is self.window().windowHandle()

    @unless_suspended
    def _activity(self, perf_ns: int) -> None:
        self._end_idle(perf_ns)
        self._last_activity = perf_ns
        if self._state.focus_lost_t_ns is None:
            self._idle_timer.start()

    def _idle_reached(self) -> None:
        """No input for the threshold: idle, unless an option is being looked at (reading is activity)."""
        if self._open_views and self._in_task():
            self._last_activity = time.perf_counter_ns()
            self._idle_timer.start()
            return
        self._idle = self._in_task()

    def _end_idle(self, perf_ns: int) -> None:
        if not self._idle:
            return
        self._idle = False
        idle_ms = max(1, (perf_ns - self._last_activity) // 1_000_000)
        self._apply(lambda s: rules.idle(s, idle_ms, self.recorder.since_start(perf_ns)))

    def changeEvent(self, event: QEvent) -> None:
        """The window becoming inactive or active again during a task is recorded as focus_lost/gained."""
        if event.type() == QEvent.Type.ActivationChange and self._in_task():
            self._activation_changed(time.perf_counter_ns())
        super().changeEvent(event)

    @unless_suspended
    def _activation_changed(self, t: int) -> None:
        since = self.recorder.since_start
        if not self.isActiveWindow() and self._state.focus_lost_t_ns is None:
            self._end_idle(t)
            self._idle_timer.stop()
            self._apply(lambda s: rules.lose_focus(s, since(t)))
        elif self.isActiveWindow() and self._state.focus_lost_t_ns is not None:
            self._apply(lambda s: rules.gain_focus(s, since(t)))
            self._last_activity = t
            self._idle_timer.start()
