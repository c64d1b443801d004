"""The Tower of London view by keys (1-3 pick up and put down, Esc puts back) and by mouse (drag, click-click)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from games.tower.params import Problem, TowerParams
from games.tower.player import TowerPlayer
from tests.games.conftest import ReadEvents
from tests.games.trials import MakeRecorder, make_view, next_onset, play_through, start_and_wait

PARAMS = TowerParams(problems=[Problem(start="RG|B|", goal="R|G|B"), Problem(start="RG|B|", goal="R|G|B"),
                               Problem(start="RG|B|", goal="RG||B")], feedback_ms=100)


def peg(view: object, n: int) -> QPoint:
    area = view.board_canvas._area(False)  # type: ignore[attr-defined]
    return QPointF(area.left() + area.width() * (n + 0.5) / 3, area.bottom() - area.height() * 0.3).toPoint()


def test_keys_move_balls_and_illegal_or_idle_presses_are_logged(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, "tower", PARAMS)
    start_and_wait(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_3)  # peg 3 is empty: nothing to pick up
    qtbot.keyClick(view, Qt.Key.Key_1)  # pick up G
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # put it back
    qtbot.keyClick(view, Qt.Key.Key_2)  # pick up B
    qtbot.keyClick(view, Qt.Key.Key_3)  # put it on peg 3
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_3)  # peg 3 is full: G stays lifted
    qtbot.keyClick(view, Qt.Key.Key_2)  # G onto peg 2: solved
    moves = [e.payload for e in read_events(prefix="tower.") if e.kind == "tower.move"]
    assert [(m["ball"], m["from_peg"], m["to_peg"], m["input"]) for m in moves] == [("B", 2, 3, "key"),
                                                                                     ("G", 1, 2, "key")]
    assert moves[0]["picked_t_ns"] < moves[1]["picked_t_ns"]
    ignored = [(e.payload["key"], e.payload["reason"]) for e in read_events(ignored="only")]
    assert ignored == [("3", "no_target"), ("3", "no_target")]
    ended = [e.payload for e in read_events(prefix="tower.") if e.kind == "tower.trial_ended"]
    assert ended[0]["outcome"] == "solved" and ended[0]["excess_moves"] == 0
    view.close()


def test_the_mouse_drags_a_ball_or_clicks_it_up_and_down(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, "tower", PARAMS)
    start_and_wait(qtbot, view)
    canvas = view.board_canvas
    # problem 1 by keys, to get to the mouse problems quickly
    for key in (Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_2):
        qtbot.keyClick(view, key)
    assert next_onset(qtbot, view) == 1
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=peg(view, 1))  # drag B from peg 2 ...
    qtbot.mouseMove(canvas, peg(view, 2))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=peg(view, 2))  # ... to peg 3
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=peg(view, 0))  # click G up ...
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=peg(view, 1))  # ... and down on peg 2
    assert next_onset(qtbot, view) == 2
    qtbot.mouseClick(canvas, Qt.MouseButton.RightButton, pos=peg(view, 0))  # not a left click: logged
    moves = [e.payload for e in read_events(prefix="tower.") if e.kind == "tower.move"]
    assert [(m["from_peg"], m["to_peg"], m["input"]) for m in moves][2:] == [(2, 3, "mouse"), (1, 2, "mouse")]
    assert [e.payload["reason"] for e in read_events(ignored="only")] == ["no_target"]
    view.close()


def test_players_of_each_depth_play_the_default_set_by_keys_and_mouse(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, "tower", TowerParams(feedback_ms=0))
    summary = play_through(qtbot, view, TowerPlayer(depth=3, speed=60, input="alternate"))
    assert summary == {"problems": 12, "solved": 12, "perfect": 4}
    inputs = {e.payload["input"] for e in read_events(prefix="tower.") if e.kind == "tower.move"}
    assert inputs == {"key", "mouse"}
