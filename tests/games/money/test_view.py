"""The money view: arrows, digits, Home/End and Enter; A and R answer offers; buttons too; every change logged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from games.money.params import MoneyParams
from games.money.player import MoneyPlayer
from tests.games.conftest import ReadEvents
from tests.games.trials import MakeRecorder, make_view, next_onset, play_through, start_and_wait

SMALL = MoneyParams(partner_returns=(50,), partner_sends=(5,), dictator=False, ultimatum_offer=False,
                    ultimatum_offers=(4,), feedback_ms=50)


def test_amounts_by_keys_and_buttons_and_an_offer_answered(qtbot: QtBot, make_recorder: MakeRecorder,
                                                           read_events: ReadEvents) -> None:
    view = make_view(qtbot, make_recorder, "money", SMALL)
    start_and_wait(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # nothing chosen yet
    qtbot.keyClick(view, Qt.Key.Key_7)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_A)  # not an offer round
    qtbot.keyClick(view, Qt.Key.Key_Return)  # send 6
    next_onset(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_End)  # all 15 received
    for _ in range(3):
        qtbot.mouseClick(view.buttons[0], Qt.MouseButton.LeftButton)  # down to 12
    qtbot.mouseClick(view.buttons[2], Qt.MouseButton.LeftButton)  # confirm by button
    next_onset(qtbot, view)
    with qtbot.waitSignal(view.game_did_finish, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_R)
    events = read_events(prefix="money.")
    ended = [e.payload for e in events if e.kind == "money.trial_ended"]
    assert [(p["part"], p["amount_cents"], p["adjustments"], p["input"]) for p in ended] == [
        ("invest", 600, 2, "key"), ("return", 1200, 4, "mouse"), ("respond", 400, 0, "key")]
    assert ended[0]["partner_returned_cents"] == 900 and ended[2]["accepted"] is False
    changes = [e.payload["amount_cents"] for e in events if e.kind == "money.amount_changed"]
    assert changes == [700, 600, 1500, 1400, 1300, 1200]
    ignored = [(e.payload["key"], e.payload["reason"]) for e in read_events(ignored="only")]
    assert ignored == [("Return", "no_target"), ("A", "not_a_game_key")]


def test_a_scripted_player_plays_every_round(qtbot: QtBot, make_recorder: MakeRecorder) -> None:
    view = make_view(qtbot, make_recorder, "money", MoneyParams(feedback_ms=0))
    summary = play_through(qtbot, view, MoneyPlayer(share=0.6, speed=60, input="alternate"))
    assert summary["rounds"] == 19 and summary["total_cents"] > 0
