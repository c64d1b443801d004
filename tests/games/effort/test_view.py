"""The effort view: E/H choose, Space presses (every press recorded), precise deadlines end the choice and the task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from games.effort.params import EffortParams
from games.effort.player import EffortPlayer
from tests.games.conftest import ReadEvents
from tests.games.trials import MakeRecorder, make_view, next_onset, play_through, start_and_wait

QUICK = EffortParams(easy_presses=3, easy_seconds=1.5, hard_presses=4, hard_seconds=0.4, choice_seconds=0.6,
                     feedback_ms=50, duration_s=600, max_trials=3)


def test_choose_press_and_let_the_deadlines_pass(qtbot: QtBot, make_recorder: MakeRecorder,
                                                 read_events: ReadEvents) -> None:
    view = make_view(qtbot, make_recorder, "effort", QUICK)
    start_and_wait(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # no task yet: pressing does nothing
    qtbot.keyClick(view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: view.state.phase == "pressing", timeout=2000)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    next_onset(qtbot, view)  # round 2: hard, too slow for 0.4 s
    qtbot.mouseClick(view.buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.state.phase == "pressing", timeout=2000)
    qtbot.mouseClick(view.buttons[2], Qt.MouseButton.LeftButton)
    next_onset(qtbot, view)  # round 3: no choice in 0.6 s
    with qtbot.waitSignal(view.game_did_finish, timeout=5000):
        pass
    events = read_events(prefix="effort.")
    ended = [e.payload for e in events if e.kind == "effort.trial_ended"]
    assert [(p["choice"], p["presses"], p["completed"]) for p in ended] == [("easy", 3, True), ("hard", 1, False),
                                                                           ("none", 0, False)]
    presses = [e.payload for e in events if e.kind == "effort.press"]
    assert [(p["press"], p["input"]) for p in presses] == [(1, "key"), (2, "key"), (3, "key"), (1, "mouse")]
    assert all(p["since_prev_ns"] is None or p["since_prev_ns"] > 0 for p in presses)
    late = next(e for e in events if e.kind == "effort.trial_ended" and e.trial == 1)
    task = next(e for e in events if e.kind == "effort.task_started" and e.trial == 1)
    assert late.t_ns == task.t_ns + 400_000_000  # the task ends at its deadline exactly, whatever the timer did
    skipped = next(e for e in events if e.kind == "effort.trial_ended" and e.trial == 2)
    onset = next(e for e in events if e.kind == "effort.trial_started" and e.trial == 2)
    assert skipped.t_ns == onset.t_ns + 600_000_000
    assert [e.payload["reason"] for e in read_events(ignored="only")] == ["between_trials"]


def test_a_scripted_chooser_plays_a_short_fixed_duration_game(qtbot: QtBot, make_recorder: MakeRecorder) -> None:
    params = EffortParams(easy_presses=3, hard_presses=6, easy_seconds=2, hard_seconds=3, duration_s=2,
                          feedback_ms=100)
    view = make_view(qtbot, make_recorder, "effort", params)
    summary = play_through(qtbot, view, EffortPlayer(sensitivity=2.0, press_ms=20, speed=1, choice_ms=40,
                                                     input="alternate"))
    assert summary["trials"] >= 3 and summary["completed"] == summary["trials"]
