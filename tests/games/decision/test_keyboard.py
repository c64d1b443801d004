"""Decision game keyboard: Tab reaches the text box, typing never changes the choice, ignored presses are logged."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.decision.params import DecisionParams
from games.decision.view import DecisionView
from tests.games.conftest import ReadEvents
from tests.games.decision.test_view import QUIET, shown_view

SENTENCE = "I think so too, it is the safer path for everyone"


def _in_task(qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder]) -> DecisionView:
    view = shown_view(qtbot, make_recorder, DecisionParams(scenarios=("ps_release_bug",), **QUIET), seed=2)
    with qtbot.waitSignal(view.task_did_start, timeout=10_000):
        view.start()
    return view


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot: QtBot, text: str) -> None:
    """Type as a person does: each key goes to whatever has the focus at that moment."""
    for char in text:
        qtbot.keyClicks(_focused(), char)


def _picks(read_events: ReadEvents) -> list[tuple[str, str]]:
    return [(r.kind, r.payload.get("option_id") or r.payload.get("to_option"))
            for r in read_events(game="decision") if r.kind in ("decision.option_selected", "decision.option_changed")]


def test_tab_goes_to_the_text_box_and_typing_there_never_changes_the_choice(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = _in_task(qtbot, make_recorder)
    qtbot.keyClick(_focused(), Qt.Key.Key_2)  # option 2 by its number key
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)  # the hint: "Tab to the text box"
    assert _focused() is view.reasoning_box
    _type(qtbot, SENTENCE + " 1 or 3")  # spaces and digits are text here
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Up):  # arrows move the text cursor, never to a card
        qtbot.keyClick(_focused(), key)
    assert _focused() is view.reasoning_box
    assert view.reasoning_box.toPlainText() == SENTENCE + " 1 or 3"
    assert _picks(read_events) == [("decision.option_selected", "b")]
    assert [card.property("selected") for card in view.cards] == ["false", "true", "false", "false"]
    assert view.hint_label.text() == "Ready when you are: press Continue."
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is view.continue_button
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is view.reasoning_box  # Tab stays between the text box and Continue
    qtbot.keyClick(_focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert _focused() is view.continue_button


def test_number_keys_pick_when_the_text_box_does_not_have_the_focus_and_a_letter_on_a_card_is_typed(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = _in_task(qtbot, make_recorder)
    qtbot.keyClick(_focused(), Qt.Key.Key_Down)  # the first card takes the focus
    assert _focused() is view.cards[0]
    qtbot.keyClick(_focused(), Qt.Key.Key_3)
    _type(qtbot, "I agree")  # the letter moves the focus to the text box and is typed there
    assert _focused() is view.reasoning_box and view.reasoning_box.toPlainText() == "I agree"
    qtbot.keyClick(view.cards[1], Qt.Key.Key_Tab)  # Tab from a card goes to the text box, not to the next card
    assert _focused() is view.reasoning_box
    assert _picks(read_events) == [("decision.option_selected", "c")]


def test_presses_the_decision_game_does_not_use_are_logged_as_ignored(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = _in_task(qtbot, make_recorder)
    qtbot.keyClick(view, Qt.Key.Key_F5)  # no meaning in the game
    qtbot.mouseClick(view.continue_button, Qt.MouseButton.LeftButton)  # nothing chosen yet: Continue is disabled
    qtbot.mouseClick(view.prompt_label, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # the prompt text
    qtbot.mouseClick(view.cards[0], Qt.MouseButton.LeftButton)  # a pick, not an ignored click
    ignored = [(r.payload["input"], r.payload["key"], r.payload["reason"], r.payload["target"], r.trial)
               for r in read_events(game="decision", ignored="only")]
    assert ignored == [("key", "F5", "not_a_game_key", None, 0),
                       ("mouse", "left", "control_disabled", "continue", 0),
                       ("mouse", "left", "no_target", "QLabel", 0)]
    assert _picks(read_events) == [("decision.option_selected", "a")]
