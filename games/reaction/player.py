"""Scripted reaction-time player: real key presses and clicks (QTest) at given latencies, with given errors."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from games.reaction.view import QT_KEYS, ReactionView

__all__ = ["ReactionPlayer"]

LatencySpec = float | Sequence[float] | Callable[[int], float]
KEY_CODES = {name: code for code, name in QT_KEYS.items()}


def default_latency_ms(trial: int) -> float:
    """A plausible, deterministic spread of latencies (260-379 ms) for players given no script."""
    return 260.0 + (trial * 37) % 120


class ReactionPlayer:
    """Plays a reaction-time game through its view as a person would, from a script.

    - latencies_ms: the delay from the onset the player observes to its press, one number for every
      trial, a sequence indexed by trial, or a callable trial -> ms.
    - false_starts: trials on whose first attempt the player presses during the foreperiod
      (false_start_after_ms after it starts); the repeat is then played normally.
    - wrong_keys: choice-RT trials answered with a wrong key (the next key in on-screen order).
    - omissions: go trials with no press; commissions: no-go trials answered with a press.
    - clicks: trials answered by clicking the on-screen button instead of the keyboard.
    - speed: the false-start delay is divided by it (speed=10 plays ten times faster); response
      latencies are the behaviour being simulated and are never scaled.
    """

    def __init__(
        self,
        latencies_ms: LatencySpec | None = None,
        *,
        false_starts: Collection[int] = (),
        wrong_keys: Collection[int] = (),
        omissions: Collection[int] = (),
        commissions: Collection[int] = (),
        clicks: Collection[int] = (),
        false_start_after_ms: float = 0.0,
        speed: float = 1.0,
    ) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed}")
        self.latencies_ms: LatencySpec = default_latency_ms if latencies_ms is None else latencies_ms
        self.false_starts = set(false_starts)
        self.wrong_keys = set(wrong_keys)
        self.omissions = set(omissions)
        self.commissions = set(commissions)
        self.clicks = set(clicks)
        self.false_start_after_ms = false_start_after_ms
        self.speed = speed
        self.view: ReactionView | None = None
        self.presses: list[tuple[int, str, bool]] = []  # (trial, key, by click) as pressed
        self._false_started: set[int] = set()
        self._timers: list[QTimer] = []

    def attach(self, view: ReactionView) -> None:
        """Follow a view's trials; call before view.start()."""
        if self.wrong_keys and view.variant != "choice":
            raise ValueError(f"wrong_keys only apply to choice RT, not {view.variant}")
        self.view = view
        # Lambdas, not bound methods: the connections then keep the player alive as long as the view.
        view.foreperiod_did_start.connect(lambda trial: self._on_foreperiod(trial))
        view.stimulus_did_appear.connect(lambda trial, stimulus: self._on_stimulus(trial, stimulus))
        view.game_did_finish.connect(lambda summary: self._on_finish(summary))

    def latency_ms(self, trial: int) -> float:
        """The scripted latency of a trial."""
        spec = self.latencies_ms
        if callable(spec):
            return float(spec(trial))
        if isinstance(spec, int | float):
            return float(spec)
        if trial >= len(spec):
            raise ValueError(f"latencies_ms has {len(spec)} entries; trial {trial} needs one")
        return float(spec[trial])

    # -- reacting to the view -----------------------------------------------------------------

    def _on_foreperiod(self, trial: int) -> None:
        if trial in self.false_starts and trial not in self._false_started:
            self._false_started.add(trial)
            view = self._view()
            self._later(self.false_start_after_ms, lambda: self._press(trial, view.keys[0], "foreperiod"))

    def _on_stimulus(self, trial: int, stimulus: str) -> None:
        view = self._view()
        key = view.key_for_stimulus(stimulus)
        if key is None:
            if trial not in self.commissions:
                return
            key = view.keys[0]
        elif trial in self.omissions:
            return
        if trial in self.wrong_keys:
            key = view.keys[(view.keys.index(key) + 1) % len(view.keys)]
        chosen = key
        self._later(self.latency_ms(trial), lambda: self._press(trial, chosen, "stimulus"), scaled=False)

    def _on_finish(self, _summary: dict[str, object]) -> None:
        for timer in self._timers:
            timer.stop()
        self._timers.clear()

    # -- pressing -----------------------------------------------------------------------------

    def _press(self, trial: int, key: str, phase: str) -> None:
        view = self._view()
        if view.finished or view.trial != trial or view.phase != phase:
            return  # the moment has passed (e.g. the window closed first): a person would not press now
        by_click = trial in self.clicks
        self.presses.append((trial, key, by_click))
        if by_click:
            QTest.mouseClick(view.response_button(key), Qt.MouseButton.LeftButton)
        else:
            QTest.keyClick(view, KEY_CODES[key])

    def _later(self, delay_ms: float, action: Callable[[], None], scaled: bool = True) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(action)
        timer.timeout.connect(lambda: self._timers.remove(timer) if timer in self._timers else None)
        self._timers.append(timer)
        timer.start(max(0, round(delay_ms / self.speed if scaled else delay_ms)))

    def _view(self) -> ReactionView:
        if self.view is None:
            raise RuntimeError("ReactionPlayer.attach(view) was not called")
        return self.view
