"""Every key a game's hint names works on that screen: each named key is pressed, as a candidate would, and
has an effect the log shows (or, for Tab and the arrows, the focus moves). Words match what is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.bart.params import BartParams
from games.bart.view import BartView
from games.decision.params import DecisionParams
from games.decision.view import DecisionView
from games.reaction.params import ChoiceRTParams, GoNoGoParams, SimpleRTParams
from games.reaction.view import ReactionView
from games.reaction.widgets import COLOURS
from tests.games.conftest import ReadEvents
from tests.keyhints import keys_named

FAST = {"foreperiod_min_ms": 150, "foreperiod_max_ms": 200, "timeout_ms": 3000, "iti_ms": 20}
QT_KEYS = {"Space": Qt.Key.Key_Space, "Enter": Qt.Key.Key_Return, "Tab": Qt.Key.Key_Tab, "↑": Qt.Key.Key_Up,
           "↓": Qt.Key.Key_Down, **{d: getattr(Qt.Key, f"Key_{d}") for d in "123456789"},
           **{c: getattr(Qt.Key, f"Key_{c}") for c in "DFJK"}}
Recorder = Callable[[str], SessionRecorder]


def _shown(qtbot: QtBot, view: object) -> None:
    qtbot.addWidget(view)  # type: ignore[arg-type]
    view.resize(1024, 720)  # type: ignore[attr-defined]
    view.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(view)  # type: ignore[arg-type]


def _kinds(read_events: ReadEvents, game: str) -> list[str]:
    return [e.kind for e in read_events(game=game)]


def test_the_balloon_hint_names_space_and_enter_and_both_work(
    qtbot: QtBot, make_recorder: Recorder, read_events: ReadEvents
) -> None:
    view = BartView(make_recorder("bart"), BartParams(balloons=2, feedback_ms=50), 3)
    _shown(qtbot, view)
    assert keys_named(view.hint.text()) == {"Space", "Enter"}
    with qtbot.waitSignal(view.balloon_did_start, timeout=5000):
        view.start()
    QTest.keyClick(view, QT_KEYS["Space"])
    assert _kinds(read_events, "bart")[-1] == "bart.pump"
    QTest.keyClick(view, QT_KEYS["Enter"])
    assert "bart.collected" in _kinds(read_events, "bart")
    view.close()


def _respond_with(qtbot: QtBot, view: ReactionView, key: str, read_events: ReadEvents, game: str) -> None:
    with qtbot.waitSignal(view.stimulus_did_appear, timeout=10_000):
        pass
    before = len([e for e in read_events(game=game) if e.kind == "rt.response"])
    QTest.keyClick(view, QT_KEYS[key])
    responses = [e for e in read_events(game=game) if e.kind == "rt.response"]
    assert len(responses) == before + 1 and responses[-1].payload["key"] == key


def test_the_simple_rt_hint_names_space_and_a_circle_that_is_not_called_blue(
    qtbot: QtBot, make_recorder: Recorder, read_events: ReadEvents
) -> None:
    view = ReactionView(make_recorder("simple_rt"), SimpleRTParams(trials=2, **FAST), 5)
    _shown(qtbot, view)
    hint = view._hint.text()
    assert keys_named(hint) == {"Space"} and "circle" in hint and "blue" not in hint.lower()
    assert COLOURS["target"].name() == "#2f7f8c"  # the circle is teal: no colour word is used for it
    view.start()
    _respond_with(qtbot, view, "Space", read_events, "simple_rt")
    view.close()


def test_a_false_start_says_so_in_plain_words(qtbot: QtBot, make_recorder: Recorder) -> None:
    view = ReactionView(make_recorder("simple_rt"), SimpleRTParams(trials=2, **{**FAST, "foreperiod_min_ms": 2000,
                                                                                 "foreperiod_max_ms": 2500}), 5)
    _shown(qtbot, view)
    with qtbot.waitSignal(view.foreperiod_did_start, timeout=5000):
        view.start()
    QTest.keyClick(view, Qt.Key.Key_Space)
    message = view._message.text()
    assert message.startswith("Too early") and "stimulus" not in message and "circle" in message
    view.close()


def test_the_choice_rt_hint_names_its_keys_and_each_of_them_answers(
    qtbot: QtBot, make_recorder: Recorder, read_events: ReadEvents
) -> None:
    view = ReactionView(make_recorder("choice_rt"), ChoiceRTParams(trials=4, choices=4, **FAST), 8)
    _shown(qtbot, view)
    named = keys_named(view._hint.text())
    assert named == set(view.keys) == {"D", "F", "J", "K"}
    view.start()
    for key in sorted(named):
        _respond_with(qtbot, view, key, read_events, "choice_rt")
    view.close()


def test_the_go_nogo_hint_names_space_and_it_answers_a_green_circle(
    qtbot: QtBot, make_recorder: Recorder, read_events: ReadEvents
) -> None:
    view = ReactionView(make_recorder("go_nogo"), GoNoGoParams(trials=6, **FAST), 2)
    _shown(qtbot, view)
    assert keys_named(view._hint.text()) == {"Space"}
    first_go = next(i for i, planned in enumerate(view.rules.plan) if planned.stimulus == "go")
    view.start()
    for _ in range(first_go):  # the orange squares before it: the hint says to do nothing
        with qtbot.waitSignal(view.trial_will_start, timeout=10_000):
            pass
    _respond_with(qtbot, view, "Space", read_events, "go_nogo")
    view.close()


def test_the_decision_hint_names_only_the_keys_of_a_three_option_task_and_each_works(
    qtbot: QtBot, make_recorder: Recorder, read_events: ReadEvents
) -> None:
    view = DecisionView(make_recorder("decision"), DecisionParams(scenarios=("dc_two_offers",),
                                                                  reasoning_debounce_ms=50), 4)
    _shown(qtbot, view)
    view.activateWindow()
    with qtbot.waitSignal(view.task_did_start, timeout=5000):
        view.start()
    assert len(view.cards) == 3
    named = keys_named(view.key_hint.text())
    assert named == {"1", "2", "3", "↑", "↓", "Enter", "Tab", "Ctrl+Enter"}  # no "4" on a three-option task

    def chosen() -> list[str]:
        return [e.payload.get("option_id") or e.payload["to_option"] for e in read_events(game="decision")
                if e.kind in ("decision.option_selected", "decision.option_changed")]

    for digit in ("1", "2", "3"):
        view.setFocus()
        QTest.keyClick(view, QT_KEYS[digit])
        assert chosen()[-1] == view.cards[int(digit) - 1].option_id
    view.setFocus()
    QTest.keyClick(view, QT_KEYS["4"])
    assert len(chosen()) == 3  # 4 picks nothing here
    view.setFocus()
    QTest.keyClick(view, QT_KEYS["↓"])
    assert view.cards[0].hasFocus()
    QTest.keyClick(view.cards[0], QT_KEYS["Enter"])
    assert chosen()[-1] == view.cards[0].option_id
    view.setFocus()
    QTest.keyClick(view, QT_KEYS["↑"])
    assert view.cards[-1].hasFocus()
    QTest.keyClick(QApplication.focusWidget(), QT_KEYS["Tab"])
    assert view.reasoning_box.hasFocus()
    with qtbot.waitSignal(view.game_did_finish, timeout=5000):
        QTest.keyClick(view.reasoning_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view.close()
