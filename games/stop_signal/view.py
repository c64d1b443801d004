"""The Qt view of the stop-signal game: the shared timed-trial view (games/kit/view.py) with the stop signal.

On a stop trial a precise timer fires `ssd_ms` after the arrow's presented onset; the arrow is then overlaid
with a thick red cross (shape and colour) by a synchronous repaint, and `stop_signal.stop_onset` records the
requested and presented stamps and the real delay. A response before the signal cancels it. Between blocks a
break screen gives the block's feedback (Verbruggen et al. 2019, Recommendation 5).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from eventlog.recorder import Recorder
from games.core import Emission, unless_suspended
from games.kit.trials import MS, TrialState
from games.kit.view import TimedTrialView, ms_until
from games.stop_signal.params import StopSignalParams
from games.stop_signal.rules import StopSignalRules, StopTrial
from i18n import N_, _

__all__ = ["StopSignalView"]


class StopSignalView(TimedTrialView):
    """One stop-signal game: press the arrow's key, unless it turns into a red cross."""

    title = N_("Stop signal")
    hint = N_("Press Left or Right for the arrow's direction, as fast as you can. If a red cross appears, press "
              "nothing.")

    def __init__(self, recorder: Recorder, params: StopSignalParams, seed: int, parent: QWidget | None = None) -> None:
        self.stop_rules = StopSignalRules(params, seed)
        super().__init__(recorder, self.stop_rules, parent)
        self.seed = seed
        self._timer("signal", self._on_signal_due, precise=True)
        self._outcomes: dict[int, list[tuple[str, float | None]]] = {}  # block -> (outcome, go latency ms)
        self._latency: float | None = None

    def draw_stimulus(self, trial: Any) -> None:
        t: StopTrial = trial
        self.stage.show_arrows([t.direction], "plain")

    def after_onset(self) -> None:
        t: StopTrial = self.rules.current(self.state)
        if t.stop:
            due = self.state.onset_ns + self.state.ssd_ms * MS
            self._timers["signal"].start(ms_until(due, self._now()))

    @unless_suspended
    def _on_signal_due(self) -> None:
        if self.state.phase != "stimulus" or self.state.signal_ns is not None:
            return
        self.stage.show_stop()
        requested, presented = self.stage.present()
        self._apply(self.stop_rules.signal(self.state, self._since(requested), self._since(presented)))

    def block_screen(self, block: int) -> str | None:
        if block == 0:
            return None
        return self._feedback(block - 1) + "\n\nRespond as fast as you can; do not wait for the red cross."

    def _apply(self, step: tuple[TrialState, tuple[Emission, ...]]) -> tuple[Emission, ...]:
        block = self.stop_rules.current(self.state).block if not self.stop_rules.is_done(self.state) else -1
        emitted = super()._apply(step)
        for emission in emitted:
            if emission.kind == "stop_signal.response":
                self._latency = getattr(emission.payload, "latency_ns", 0) / MS
            elif emission.kind == "stop_signal.trial_ended":
                outcome = str(getattr(emission.payload, "outcome", ""))
                self._outcomes.setdefault(block, []).append((outcome, self._latency))
                self._latency = None
        return emitted

    def _feedback(self, block: int) -> str:
        """Block feedback (Verbruggen et al. 2019, Recommendation 5): mean go RT, missed arrows, stops."""
        seen = self._outcomes.get(block, [])
        head = _("Break: block {number} of {total} done.").format(number=block + 1, total=self.params.blocks)
        if not seen:
            return head
        rts = [ms for outcome, ms in seen if outcome in ("go_correct", "go_error") and ms is not None]
        missed = sum(outcome == "go_omission" for outcome, _ms in seen)
        stops = [outcome for outcome, _ms in seen if outcome.startswith("stop_")]
        mean_rt = _("{ms} ms").format(ms=f"{sum(rts) / len(rts):.0f}") if rts else _("no responses")
        return head + "\n" + _("Average response time: {rt}. Missed arrows: {missed} (aim for 0).\n"
                                "Stopped on {stopped} of {signals} red crosses (about half is expected).").format(
            rt=mean_rt, missed=missed, stopped=stops.count("stop_success"), signals=len(stops))
