"""Every registered game keeps the shared contract of games/core.py: GameView, GameRuleError, suspend/resume."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.core import GameRuleError, GameView
from games.spec import GameSpec, all_games, load_object
from tests.games.conftest import ReadEvents

GAMES = sorted(all_games().values(), key=lambda spec: spec.name)
GAME_PACKAGES = sorted({spec.view.split(".")[1] for spec in GAMES})


def _view(qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], spec: GameSpec) -> Any:
    view = load_object(spec.view)(make_recorder(spec.name), spec.params_model(), 5)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _errors_defined_in(module: ModuleType) -> list[type[Exception]]:
    return [value for value in vars(module).values() if inspect.isclass(value)
            and issubclass(value, Exception) and value.__module__ == module.__name__]


def _rule_errors(package: str) -> list[type[Exception]]:
    """The exception classes a game's Qt-free rules can raise: those its rules.py / errors.py define, or, for rules
    built on a shared kit (games/kit, games/trialkit), those the kit's modules that its rule classes extend define."""
    found: list[type[Exception]] = []
    for name in ("rules", "errors"):
        try:
            module = importlib.import_module(f"games.{package}.{name}")
        except ModuleNotFoundError:
            continue
        found += _errors_defined_in(module)
        if name == "rules" and not found:
            bases = {base.__module__ for value in vars(module).values() if inspect.isclass(value)
                     and value.__module__ == module.__name__ for base in value.__mro__[1:]}
            for base_module in sorted(b for b in bases if b.startswith("games.") and b != module.__name__):
                found += _errors_defined_in(importlib.import_module(base_module))
    return found


def test_the_registry_finds_every_game() -> None:
    assert {spec.name for spec in GAMES} >= {"bart", "simple_rt", "choice_rt", "go_nogo", "decision"}
    assert GAME_PACKAGES == ["bart", "card_match", "decision", "digit_span", "effort", "faces", "flanker", "igt",
                             "money", "reaction", "stop_signal", "tower"]


@pytest.mark.parametrize("spec", GAMES, ids=lambda spec: spec.name)
def test_every_view_satisfies_the_game_view_protocol(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], spec: GameSpec
) -> None:
    view = _view(qtbot, make_recorder, spec)
    assert isinstance(view, GameView)
    assert view.finished is False
    plain = QWidget()
    qtbot.addWidget(plain)
    assert not isinstance(plain, GameView)  # the check is not vacuous


@pytest.mark.parametrize("package", GAME_PACKAGES)
def test_every_games_rule_errors_derive_from_game_rule_error(package: str) -> None:
    errors = _rule_errors(package)
    assert errors, f"games.{package} defines no rule errors"
    for error in errors:
        assert issubclass(error, GameRuleError), f"{error.__module__}.{error.__name__} is not a GameRuleError"
    assert issubclass(GameRuleError, ValueError)


@pytest.mark.parametrize("spec", GAMES, ids=lambda spec: spec.name)
def test_suspend_and_resume_are_idempotent_and_do_nothing_before_the_start(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents, spec: GameSpec
) -> None:
    view = _view(qtbot, make_recorder, spec)
    view.suspend()
    assert not view.suspended and view.isEnabled()  # before the start: nothing to freeze
    view.resume()
    assert read_events(game=spec.name) == []
    view.start()
    view.suspend()
    view.suspend()
    assert view.suspended and not view.isEnabled() and view.timers_active() == []
    frozen = len(read_events(game=spec.name))
    qtbot.wait(300)
    assert len(read_events(game=spec.name)) == frozen  # nothing is recorded while suspended
    view.resume()
    view.resume()
    assert not view.suspended and view.isEnabled()
    view.close()


@pytest.mark.parametrize("spec", GAMES, ids=lambda spec: spec.name)
def test_every_game_logs_presses_before_its_start_and_auto_repeats_as_ignored(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents, spec: GameSpec
) -> None:
    view = _view(qtbot, make_recorder, spec)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # e.g. a practice key press spilling into the real game
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert read_events(game=spec.name) == []  # nothing of the game happened
    view.start()
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier,
                                           " ", True))  # a key held down since before the screen was shown
    ignored = [(r.payload["input"], r.payload["reason"], r.payload["auto_repeat"])
               for r in read_events(game=spec.name, ignored="only")]
    assert ignored == [("key", "before_start", False), ("mouse", "before_start", False), ("key", "auto_repeat", True)]
    view.close()


@pytest.mark.parametrize("spec", GAMES, ids=lambda spec: spec.name)
def test_every_game_resumed_from_no_recorded_events_simply_starts(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents, spec: GameSpec
) -> None:
    view = _view(qtbot, make_recorder, spec)
    view.resume_from([])
    assert view.started and read_events(game=spec.name)[0].kind.endswith(".game_started")
    assert not [r for r in read_events(game=spec.name) if r.kind.endswith(".game_resumed")]
    view.close()
