"""The Qt view of the flanker game: the shared timed-trial view (games/kit/view.py) drawing five arrows.

In the switch block the arrows' style gives the rule: blue, solid, a frame round the middle arrow = answer
the middle arrow; orange, outlined, frames round the outer arrows = answer the outer arrows (never colour
alone). Left and Right arrow keys answer; so do the two on-screen buttons.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from eventlog.recorder import Recorder
from games.flanker.params import FlankerParams
from games.flanker.rules import FlankerRules, FlankerTrial
from games.kit.view import TimedTrialView
from i18n import N_, _

__all__ = ["SWITCH_RULES", "FlankerView"]

SWITCH_RULES = N_("Now the arrows tell you what to answer.\n"
                  "Blue, solid arrows with a frame round the middle one: answer the MIDDLE arrow.\n"
                  "Orange, outlined arrows with frames round the outer ones: answer the OUTER arrows.")


class FlankerView(TimedTrialView):
    """One flanker game: the conflict block, then the rule-switch block."""

    title = N_("Arrows")
    hint = N_("Press the Left or Right arrow key (or the buttons) for the direction asked.")

    def __init__(self, recorder: Recorder, params: FlankerParams, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(recorder, FlankerRules(params, seed), parent)
        self.seed = seed

    def draw_stimulus(self, trial: Any) -> None:
        t: FlankerTrial = trial
        style = "plain" if t.kind == "conflict" else t.rule
        self.stage.show_arrows([t.flankers, t.flankers, t.target, t.flankers, t.flankers], style)

    def block_screen(self, block: int) -> str | None:
        kind = next(t.kind for t in self.rules.plan if t.block == block)
        return _(SWITCH_RULES) if kind == "switch" else None
