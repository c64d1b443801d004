"""Scripted BART player: plays through the real view with real key presses and mouse clicks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from games.bart.view import BartView

__all__ = ["BalloonOutcome", "BartPlayer", "StopRule", "adaptive_rule"]


@dataclass(frozen=True)
class BalloonOutcome:
    """What happened to one balloon, as the player saw it."""

    balloon: int
    pumps: int
    outcome: Literal["collected", "burst"]


StopRule = Callable[[int, Sequence[BalloonOutcome]], int]
"""rule(balloon_index, outcomes_so_far) -> pumps to aim for on this balloon."""

InputChoice = Literal["key", "mouse", "alternate"]


def adaptive_rule(start: int = 16, after_collect: int = 2, after_burst: int = -4) -> StopRule:
    """A person-like rule: start at `start` pumps, go bolder after a collect, more careful after a burst."""

    def rule(balloon: int, outcomes: Sequence[BalloonOutcome]) -> int:
        target = start
        for past in outcomes:
            target = max(1, target + (after_collect if past.outcome == "collected" else after_burst))
        return target

    return rule


class BartPlayer:
    """Pumps each balloon up to k pumps (from a list or a rule), then collects, unless it bursts first.

    Delays are in ms at speed 1 and are divided by `speed`. `input` chooses Space/Enter ("key"), clicks on
    the Pump/Collect buttons ("mouse"), or "alternate" (key on even pumps, mouse on odd ones; balloons
    alternate the collect input).
    """

    def __init__(
        self,
        stop_at: Sequence[int] | StopRule | None = None,
        *,
        speed: float = 1.0,
        pump_ms: float = 350.0,
        first_pump_ms: float = 700.0,
        collect_ms: float = 600.0,
        input: InputChoice = "key",
    ) -> None:
        if speed <= 0:
            raise ValueError(f"BartPlayer: speed must be positive, got {speed}")
        self.stop_at = stop_at if stop_at is not None else adaptive_rule()
        self.speed = speed
        self.pump_ms, self.first_pump_ms, self.collect_ms = pump_ms, first_pump_ms, collect_ms
        self.input = input
        self.outcomes: list[BalloonOutcome] = []
        self.presses: list[tuple[int, str, str]] = []  # (balloon, "pump"|"collect", "key"|"mouse")
        self.finished = False
        self._view: BartView | None = None
        self._timer: QTimer | None = None
        self._target = 0

    def attach(self, view: BartView) -> None:
        """Follow the view's balloons and press its keys or buttons until the game is over."""
        if not callable(self.stop_at) and len(self.stop_at) < len(view.state.plan):
            raise ValueError(
                f"BartPlayer: stop_at has {len(self.stop_at)} entries for {len(view.state.plan)} balloons"
            )
        self._view = view
        view.scripted_player = self  # the view keeps its player alive: a collected player would stall the game
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        view.balloon_did_start.connect(self._balloon_started)
        view.balloon_did_end.connect(self._balloon_ended)
        view.game_did_finish.connect(self._game_finished)

    def target_for(self, balloon: int) -> int:
        """How many pumps this player aims for on a balloon."""
        if callable(self.stop_at):
            return max(0, int(self.stop_at(balloon, tuple(self.outcomes))))
        return max(0, int(self.stop_at[balloon]))

    def _delay(self, ms: float) -> int:
        return max(0, round(ms / self.speed))

    def _balloon_started(self, balloon: int) -> None:
        self._target = self.target_for(balloon)
        assert self._timer is not None
        self._timer.start(self._delay(self.first_pump_ms))

    def _balloon_ended(self, balloon: int) -> None:
        assert self._view is not None and self._timer is not None
        self._timer.stop()
        state = self._view.state
        outcome: Literal["collected", "burst"] = "burst" if state.pumps >= state.current.burst_point else "collected"
        self.outcomes.append(BalloonOutcome(balloon, state.pumps, outcome))

    def _game_finished(self, summary: dict[str, object]) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()

    def _step(self) -> None:
        """One action, as a person would: pump while under the target, else collect."""
        view = self._view
        assert view is not None and self._timer is not None
        state = view.state
        if state.phase != "inflating":
            return
        if getattr(view, "suspended", False):  # the game is paused: wait, as a person would, and look again
            self._timer.start(self._delay(self.pump_ms))
            return
        if state.pumps < self._target:
            self._press(view, "pump", state.balloon, state.pumps)
            if view.state.phase == "inflating":
                wait = self.pump_ms if view.state.pumps < self._target else self.collect_ms
                self._timer.start(self._delay(wait))
        else:
            self._press(view, "collect", state.balloon, state.balloon)

    def _choose(self, parity: int) -> Literal["key", "mouse"]:
        if self.input == "alternate":
            return "key" if parity % 2 == 0 else "mouse"
        return self.input

    def _press(self, view: BartView, action: str, balloon: int, parity: int) -> None:
        how = self._choose(parity)
        self.presses.append((balloon, action, how))
        if how == "key":
            key = Qt.Key.Key_Space if action == "pump" else Qt.Key.Key_Return
            QTest.keyClick(view, key)
        else:
            button = view.pump_button if action == "pump" else view.collect_button
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
