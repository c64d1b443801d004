"""The Qt view of the effort-choice game: E (or the Easy button) and H (or Hard) choose the task within the choice
time; Space (or the Press button) presses; a bar fills with each press and another shows the time left. The
choice and task deadlines are precise timers, and classification is by the input's stamp (games/effort/rules.py)."""

from __future__ import annotations

import math
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from eventlog.recorder import Recorder
from games.core import Emission, IgnoreReason, unless_suspended
from games.effort.events import Choice, EffortTrialEnded
from games.effort.params import EffortParams
from games.effort.rules import CHOOSING, PRESSING, READY, EffortRules
from games.effort.widgets import EffortCanvas, money
from games.trialkit.fields import InputKind
from games.trialkit.view import KeyHandler, TrialGameView
from games.trialkit.widgets import StampButton
from i18n import N_, _

__all__ = ["EffortView"]

MS = 1_000_000


class EffortView(TrialGameView):
    """One effort-choice game."""

    trial_noun = (N_("Round {number} of {total}"), N_("Round {number}"))

    def __init__(self, recorder: Recorder, params: EffortParams, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, params, seed, parent)
        self._awaiting_task = False
        self._task_requested = 0
        self._choice_timer = self._timer("choice_deadline", self._choice_due, precise=True)
        self._task_timer = self._timer("task_deadline", self._task_due, precise=True)
        self._tick = self._timer("tick", self._update_clock, interval_ms=100)
        self.effort_canvas.presented.connect(self._task_presented)

    @property
    def effort_rules(self) -> EffortRules:
        """The rules, typed."""
        assert isinstance(self.rules, EffortRules)
        return self.rules

    def make_rules(self, params: EffortParams, seed: int) -> EffortRules:
        return EffortRules(params, seed)

    def make_canvas(self) -> EffortCanvas:
        return EffortCanvas()

    @property
    def effort_canvas(self) -> EffortCanvas:
        """The canvas, typed."""
        assert isinstance(self.canvas, EffortCanvas)
        return self.canvas

    def trial_total(self) -> int:
        return 0

    def make_controls(self) -> list[StampButton]:
        return [self.connect_button(StampButton(_("Easy (E)"), "easy"), self._chooser("easy")),
                self.connect_button(StampButton(_("Hard (H)"), "hard"), self._chooser("hard")),
                self.connect_button(StampButton(_("Press (Space)"), "press"), self._press)]

    def controls_for_phase(self, phase: str) -> list[StampButton]:
        if phase == CHOOSING:
            return self.buttons[:2]
        return self.buttons[2:] if phase == PRESSING else []

    def hint_text(self) -> str:
        return _("Keys:  E = easy task    H = hard task    Space = press")

    def key_handler(self, key: int) -> KeyHandler | None:
        if key == Qt.Key.Key_E:
            return self._chooser("easy")
        if key == Qt.Key.Key_H:
            return self._chooser("hard")
        return self._press if key == Qt.Key.Key_Space else None

    # -- the offer --------------------------------------------------------------------------------------

    def show_trial(self, trial: int) -> None:
        p, offer = self.params, self.effort_rules.plan[trial]
        self.effort_canvas.show_offer(
            offer.probability,
            (money(p.easy_reward_cents), _("{presses} presses in {seconds} s").format(
                presses=p.easy_presses, seconds=f"{p.easy_seconds:g}")),
            (money(offer.hard_reward_cents), _("{presses} presses in {seconds} s").format(
                presses=p.hard_presses, seconds=f"{p.hard_seconds:g}")))

    def trial_shown(self) -> None:
        self._choice_timer.start(self._ms_until(self.effort_rules.choice_deadline(self.state)))

    def _ms_until(self, t_ns: int) -> int:
        return max(0, math.ceil((t_ns - self.now()) / MS))

    def _chooser(self, choice: Choice) -> KeyHandler:
        def choose(t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
            if self.state.phase != CHOOSING:
                return "between_trials"
            t = self.now(t_perf)
            if t >= self.effort_rules.choice_deadline(self.state):
                self._choice_due()
                return "between_trials"
            self._choice_timer.stop()
            self.apply(self.effort_rules.choose(self.state, choice, t, source, key, qt_ms))
            self._task_requested = time.perf_counter_ns()
            self._awaiting_task = True
            self.effort_canvas.show_task(choice, self.effort_rules.task(choice)[0])
            if not self.isVisible():
                self._task_presented(time.perf_counter_ns())
            return None

        return choose

    @unless_suspended
    def _choice_due(self) -> None:
        if self.state.phase == CHOOSING:
            self.apply(self.effort_rules.expire_choice(self.state, self.effort_rules.choice_deadline(self.state)))

    # -- the task ---------------------------------------------------------------------------------------

    @unless_suspended
    def _task_presented(self, perf_ns: int) -> None:
        if not self._awaiting_task or self.state.phase != READY:
            return
        self._awaiting_task = False
        requested = min(self._task_requested, perf_ns)
        self.apply(self.effort_rules.start_task(self.state, self.now(perf_ns), self.now(requested)))
        self._task_timer.start(self._ms_until(self.effort_rules.task_deadline(self.state)))
        self._tick.start()

    def _press(self, t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
        if self.state.phase != PRESSING:
            return "between_trials"
        t = self.now(t_perf)
        if t >= self.effort_rules.task_deadline(self.state):
            self._task_due()
            return "between_trials"
        self.apply(self.effort_rules.press(self.state, t, source, key, qt_ms))
        if self.state.phase == PRESSING:
            self._update_clock()
        return None

    @unless_suspended
    def _task_due(self) -> None:
        if self.state.phase != PRESSING:
            return
        deadline = self.effort_rules.task_deadline(self.state)
        if self.now() < deadline:  # the timer woke a little early: wait for the rest
            self._task_timer.start(self._ms_until(deadline))
            return
        self.apply(self.effort_rules.expire_task(self.state, deadline))

    @unless_suspended
    def _update_clock(self) -> None:
        if self.state.phase != PRESSING:
            return
        limit = self.effort_rules.task(self.state.choice)[1]
        left = (self.effort_rules.task_deadline(self.state) - self.now()) / limit
        self.effort_canvas.show_progress(self.state.presses, left)
        if not self._tick.isActive():
            self._tick.start()

    # -- the end of a trial -----------------------------------------------------------------------------

    def trial_abandoned(self) -> None:
        self._awaiting_task = False
        super().trial_abandoned()

    def show_feedback(self, emitted: tuple[Emission, ...]) -> int:
        self._choice_timer.stop()
        self._task_timer.stop()
        self._tick.stop()
        ended = emitted[-1].payload
        assert isinstance(ended, EffortTrialEnded)
        if ended.choice == "none":
            text = _("No choice in time: this round is skipped.")
        elif not ended.completed:
            text = _("Time ran out: the task was not finished.")
        elif ended.won:
            text = _("Done! You won {amount}.").format(amount=money(ended.earned_cents))
        else:
            text = _("Done, but no win this time ({chance} % chance).").format(chance=ended.probability)
        self.effort_canvas.show_progress(ended.presses, 0.0 if not ended.completed else self.effort_canvas.time_left)
        self.effort_canvas.show_result(text)
        return int(self.params.feedback_ms)

    def status_text(self) -> str:
        left = max(0, self.effort_rules.duration_ns - self.state.elapsed_ns) // 1_000_000_000
        return _("Won: {amount}    Game time left: {time}").format(amount=money(self.state.total_cents),
                                                                     time=f"{left // 60}:{left % 60:02d}")

    def end_text(self) -> str:
        return _("Time is up.\nYou won {amount}.").format(amount=money(self.state.total_cents))

    def summary(self) -> dict[str, Any]:
        s = self.state
        return {"trials": s.done, "total_cents": s.total_cents, "hard_choices": s.hard_choices,
                "completed": s.completed}
