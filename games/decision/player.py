"""Scripted player of the decision game: looks, picks, changes and writes through real mouse and key events.

A task's script is a list of steps, run one after another `delay_ms / speed` apart once the task is on
screen:

- "hover N": move the mouse onto option N (1-based)         - "away": move the mouse onto the prompt
- "click N": move onto option N and click it                 - "key N": press the number key N
- "down" / "up": press the arrow key (focus moves to a card) - "enter": press Enter on the focused widget
- "type TEXT": click into the reasoning box and type TEXT    - "wait": do nothing for one step
- "continue": move onto Continue and click it                - "ctrl+enter": press Ctrl+Enter
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["DEFAULT_REASONING", "DecisionPlayer", "default_script"]

DEFAULT_REASONING = "I chose this because it weighs the risk against the time we have, so it seems sensible."
KEYS = {"down": Qt.Key.Key_Down, "up": Qt.Key.Key_Up, "enter": Qt.Key.Key_Return}


def default_script(task: Any, index: int) -> list[str]:
    """Look at every option, pick one (varying by task), explain where asked, continue."""
    count = len(task.options)
    steps = [f"hover {n}" for n in range(1, count + 1)]
    steps.append(f"click {index % count + 1}")
    if task.reasoning_required:
        text = DEFAULT_REASONING
        while len(text) < task.min_chars:
            text += " " + DEFAULT_REASONING
        steps.append(f"type {text}")
    steps.append("continue")
    return steps


class DecisionPlayer:
    """Plays the decision game with a script per task (the default script for tasks without one)."""

    def __init__(self, script: Sequence[Sequence[str]] | None = None, speed: float = 1.0,
                 delay_ms: int = 350) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.script = [list(steps) for steps in script or []]
        self.delay_ms = max(1, round(delay_ms / speed))
        self.view: Any = None
        self.done: list[str] = []  # every step run, as "task:step", for diagnostics

    def attach(self, view: Any) -> None:
        """Follow the view: each time a task is on screen, run its steps."""
        self.view = view
        view.task_did_start.connect(self._task_started)
        if view.state.phase == "in_task":
            self._task_started(view.state.index)

    def _steps_for(self, index: int) -> list[str]:
        if index < len(self.script):
            return list(self.script[index])
        return default_script(self.view.state.tasks[index], index)

    def _task_started(self, index: int) -> None:
        self._schedule(index, self._steps_for(index))

    def _schedule(self, index: int, steps: list[str]) -> None:
        if steps:
            QTimer.singleShot(self.delay_ms, lambda: self._run(index, steps))

    def _run(self, index: int, steps: list[str]) -> None:
        view = self.view
        if view is None or view.state.index != index or view.state.phase != "in_task":
            return
        if view.suspended:  # the game is paused: a person waits and carries on after
            self._schedule(index, steps)
            return
        step, rest = steps[0], steps[1:]
        self.done.append(f"{index}:{step}")
        self._do(step)
        self._schedule(index, rest)

    def _card(self, word: str) -> QWidget:
        card: QWidget = self.view.cards[int(word) - 1]
        return card

    def _do(self, step: str) -> None:
        verb, _, arg = step.partition(" ")
        view = self.view
        if verb == "hover":
            self._move_onto(self._card(arg))
        elif verb == "click":
            self._click(self._card(arg))
        elif verb == "away":
            self._move_onto(view.prompt_label)
        elif verb == "key":
            QTest.keyClick(self._focus(), Qt.Key(Qt.Key.Key_0 + int(arg)))
        elif verb in KEYS:
            QTest.keyClick(self._focus(), KEYS[verb])
        elif verb == "type":
            self._click(view.reasoning_box.viewport())
            QTest.keyClicks(view.reasoning_box, arg)
        elif verb == "continue":
            self._click(view.continue_button)
        elif verb == "ctrl+enter":
            QTest.keyClick(self._focus(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        elif verb != "wait":
            raise ValueError(f"unknown player step {step!r}")

    def _focus(self) -> QWidget:
        focused = QApplication.focusWidget()
        return focused if focused is not None and self.view.isAncestorOf(focused) else self.view

    @staticmethod
    def _move_onto(widget: QWidget) -> QPoint:
        point = widget.rect().center()
        QTest.mouseMove(widget, point)
        return point

    def _click(self, widget: QWidget) -> None:
        point = self._move_onto(widget)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
