"""The IGT view played through real key presses and clicks; onsets after the paint; ignored input logged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from games.igt.params import IgtParams
from games.igt.player import IgtPlayer
from tests.games.conftest import ReadEvents
from tests.games.trials import MakeRecorder, make_view, next_onset, play_through, start_and_wait


def test_keys_and_deck_buttons_choose_and_every_other_press_is_logged(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, "igt", IgtParams(trials=3, feedback_ms=150))
    assert start_and_wait(qtbot, view) == 0
    qtbot.keyClick(view, Qt.Key.Key_Z)  # not a game key
    qtbot.keyClick(view, Qt.Key.Key_C)
    qtbot.keyClick(view, Qt.Key.Key_A)  # during the card's feedback: between trials
    assert next_onset(qtbot, view) == 1
    qtbot.keyClick(view, Qt.Key.Key_2)  # deck B
    assert next_onset(qtbot, view) == 2
    with qtbot.waitSignal(view.game_did_finish, timeout=5000):
        qtbot.mouseClick(view.buttons[3], Qt.MouseButton.LeftButton)  # deck D
    ended = [e.payload for e in read_events(prefix="igt.") if e.kind == "igt.trial_ended"]
    assert [(p["deck"], p["input"], p["key"]) for p in ended] == [("C", "key", "C"), ("B", "key", "2"),
                                                                  ("D", "mouse", "left")]
    ignored = [(e.payload["key"], e.payload["reason"]) for e in read_events(ignored="only")]
    assert ignored == [("Z", "not_a_game_key"), ("A", "between_trials")]
    started = [e for e in read_events(prefix="igt.") if e.kind == "igt.trial_started"]
    for s, e in zip(started, [e for e in read_events(prefix="igt.") if e.kind == "igt.trial_ended"], strict=True):
        assert s.payload["requested_t_ns"] <= s.t_ns  # the onset is stamped after the paint it asked for
        assert e.payload["rt_ns"] == e.t_ns - s.t_ns
    assert view.finished and not any(b.isEnabled() for b in view.buttons)


def test_a_scripted_learner_plays_a_whole_game_that_scores(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, "igt", IgtParams(trials=24, feedback_ms=0))
    summary = play_through(qtbot, view, IgtPlayer(rate=0.3, speed=40, input="alternate"))
    assert summary["trials"] == 24 and sum(summary["deck_counts"]) == 24
    events = read_events(prefix="igt.")
    assert [e.kind for e in events].count("igt.trial_ended") == 24
    assert {e.payload["input"] for e in events if e.kind == "igt.trial_ended"} == {"key", "mouse"}
    assert events[-1].payload["total_cents"] == summary["total_cents"]
