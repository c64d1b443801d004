"""Every game's screen names only keys the game uses (issue 10, item 8): the keys each label on a started game
names, read as a candidate reads them, are pressed for real; none is logged as `not_a_game_key`, while a key no
label names is (so the check can fail)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.money.params import MoneyParams
from games.money.view import MoneyView
from games.spec import GameSpec, all_games, load_object
from tests.games.conftest import ReadEvents

GAMES = sorted(all_games().values(), key=lambda spec: spec.name)
_WORDS = {"Ctrl+Enter": "Ctrl+Return", "Enter": "Return", "Space": "Space", "Backspace": "Backspace",
          "Escape": "Escape", "Esc": "Escape", "Tab": "Tab", "Left": "Left", "Right": "Right", "←": "Left",
          "→": "Right", "↑": "Up", "↓": "Down"}
UNNAMED = Qt.Key.Key_F9  # no game names it
MODIFIERS = {"Control", "Shift", "Alt", "Meta"}


def keys_on_screen(text: str) -> set[str]:
    """Qt key names (Key_<name>) of every key a text names: key words, arrows, digit ranges ("1-4", "0–9"), digits
    and capital letters given a meaning ("1 = happy", "E = easy", "A, B, C, D"), letters listed in brackets."""
    found: set[str] = set()
    for word in sorted(_WORDS, key=len, reverse=True):
        if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text):
            found.add(_WORDS[word])
            text = text.replace(word, " ")
    for low, high in re.findall(r"\b([0-9])\s*[–-]\s*([0-9])\b", text):
        found |= {str(d) for d in range(int(low), int(high) + 1)}
    found |= set(re.findall(r"\b([0-9A-Z])(?= =|, [0-9A-Z]\b|,? or\b)", text))
    found |= set(re.findall(r"(?<=, )([0-9A-Z])\b(?= =| \(|,)", text))
    for letters in re.findall(r"\(((?:[A-Z] )*[A-Z])\)", text):
        found |= set(letters.split())
    return found


def test_the_reader_reads_the_hints_as_a_candidate_does() -> None:
    assert keys_on_screen("Keys:  A, B, C, D (or 1-4) = take a card") == {"A", "B", "C", "D", "1", "2", "3", "4"}
    assert keys_on_screen("Keys:  E = easy task    H = hard task    Space = press") == {"E", "H", "Space"}
    assert keys_on_screen("1, 2, 3 = pick up    Esc = put it back") == {"1", "2", "3", "Escape"}
    assert keys_on_screen("Press the Left or Right arrow key") == {"Left", "Right"}
    assert keys_on_screen("Keys: 1 = happy    2 = sad") == {"1", "2"}


def _qt_key(name: str) -> Qt.Key:
    return getattr(Qt.Key, f"Key_{name.removeprefix('Ctrl+')}")  # type: ignore[no-any-return]


def _press(qtbot: QtBot, view: Any, name: str) -> None:
    """A real press of a named key on whatever in the game has the focus (as a person's key press goes)."""
    ctrl = Qt.KeyboardModifier.ControlModifier if name.startswith("Ctrl+") else Qt.KeyboardModifier.NoModifier
    focused = QApplication.focusWidget()
    target = focused if focused is not None and (focused is view or view.isAncestorOf(focused)) else view
    qtbot.keyClick(target, _qt_key(name), ctrl)


def _not_game_keys(read_events: ReadEvents, game: str) -> list[str]:
    """Keys logged as not a game key (a modifier on its own, pressed for a chord such as Ctrl+Enter, is not one)."""
    return [r.payload["key"] for r in read_events(game=game, ignored="only")
            if r.payload["reason"] == "not_a_game_key" and r.payload["key"] not in MODIFIERS]


@pytest.mark.parametrize("spec", GAMES, ids=lambda spec: spec.name)
def test_every_key_a_game_names_is_one_of_its_keys(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents, spec: GameSpec
) -> None:
    view: Any = load_object(spec.view)(make_recorder(spec.name), spec.params_model(), 5)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    qtbot.waitExposed(view)
    view.start()
    qtbot.wait(50)
    named: set[str] = set()
    for label in view.findChildren(QLabel):
        if label.isVisible():
            named |= keys_on_screen(label.text())
    named.discard("Tab")  # Tab moves the focus (checked by the station's keyboard tests), it is no game key
    assert named, f"{spec.name} names no key on its screen"
    for name in sorted(named):
        _press(qtbot, view, name)
    qtbot.keyClick(view, UNNAMED)
    unused = _not_game_keys(read_events, spec.name)
    assert unused and unused[-1] == "F9"  # the control: a key no label names is logged as not a game key
    assert unused[:-1] == [], f"{spec.name} names keys it does not use: {unused[:-1]} (named: {sorted(named)})"
    view.close()


def test_every_round_of_the_money_game_names_only_the_keys_that_work_in_it(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    """Offers take the amount keys, responses take A and R: each round's hint names its own keys, all of them work."""
    view = MoneyView(make_recorder("money"), MoneyParams(feedback_ms=0), 5)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.start()
    parts: set[str] = set()
    for trial, r in enumerate(view.money_rules.plan):
        qtbot.waitUntil(lambda: sum(1 for e in read_events(game="money") if e.kind == "money.trial_started")
                        > trial, timeout=5000)  # noqa: B023  (waited for here, in this iteration)
        named = keys_on_screen(view.hint.text())
        parts.add(r.part)
        last = "R" if r.part == "respond" else "Return"  # the key that ends the round, pressed last
        assert last in named, (r.part, view.hint.text())
        for name in [*sorted(named - {last}), last]:
            _press(qtbot, view, name)
    qtbot.waitUntil(lambda: view.finished, timeout=5000)
    assert "respond" in parts and len(parts) > 1
    assert _not_game_keys(read_events, "money") == []
    view.close()
