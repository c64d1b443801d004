"""The card match view played with real clicks and arrow keys; the recorded stream is checked exactly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.card_match import rules
from games.card_match.params import CardMatchParams
from games.card_match.player import CardMatchPlayer
from games.card_match.view import CardMatchView
from tests.games.conftest import ReadEvents

MakeRecorder = Callable[[str], SessionRecorder]
FAST = CardMatchParams(rows=2, cols=4, boards=2, reveal_ms=10, board_pause_ms=10)


def make_view(qtbot: QtBot, make_recorder: MakeRecorder, params: CardMatchParams, seed: int) -> CardMatchView:
    view = CardMatchView(make_recorder("card_match"), params, seed)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    return view


def click(qtbot: QtBot, view: CardMatchView, position: int) -> None:
    qtbot.mouseClick(view.board, Qt.MouseButton.LeftButton, pos=view.board.card_rect(position).center().toPoint())


def test_a_scripted_game_records_the_exact_stream(qtbot: QtBot, make_recorder: MakeRecorder,
                                                  read_events: ReadEvents) -> None:
    view = make_view(qtbot, make_recorder, FAST, 5)
    player = CardMatchPlayer(oracle=True, mistakes={0, 5}, speed=100, input="alternate")
    player.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=30_000) as finished:
        view.start()
    events = read_events(prefix="card_match.")
    layouts = rules.plan_boards(FAST, __import__("random").Random(5))
    boards = [e for e in events if e.kind == "card_match.board_started"]
    assert [tuple(b.payload["layout"]) for b in boards] == list(layouts)
    moves = [e for e in events if e.kind == "card_match.move_ended"]
    assert [m.trial for m in moves] == list(range(10))
    assert [m.payload["outcome"] for m in moves] == ["mismatch"] + ["match"] * 4 + ["mismatch"] + ["match"] * 4
    for move in range(10):
        mine = [e for e in events if e.trial == move]
        assert [e.kind for e in mine] == ["card_match.flip", "card_match.flip",
                                         f"card_match.{moves[move].payload['outcome']}", "card_match.move_ended"]
        flips = [e.payload for e in mine[:2]]
        layout = layouts[flips[0]["board"]]
        assert [f["flip"] for f in flips] == [1, 2]
        assert all(f["symbol"] == layout[f["position"]] for f in flips)
        assert all(e.payload["presented_t_ns"] >= e.t_ns for e in mine[:2])
        assert {f["input"] for f in flips} == {"key" if move % 2 == 0 else "mouse"}
    cursor = [e for e in events if e.kind == "card_match.cursor_moved"]
    assert cursor and all(e.trial is None for e in cursor)
    completed = [e.payload for e in events if e.kind == "card_match.board_completed"]
    assert completed == [{"board": 0, "moves": 5, "pairs": 4}, {"board": 1, "moves": 5, "pairs": 4}]
    assert finished.args[0] == events[-1].payload == {"boards": 2, "moves": 10, "pairs": 8}
    assert view.timers_active() == []


def test_clicks_and_keys_that_turn_nothing_are_logged(qtbot: QtBot, make_recorder: MakeRecorder,
                                                      read_events: ReadEvents) -> None:
    params = CardMatchParams(rows=2, cols=2, boards=1, reveal_ms=300, board_pause_ms=5)
    view = make_view(qtbot, make_recorder, params, 2)
    with qtbot.waitSignal(view.board_did_start, timeout=5000):
        view.start()
    layout = view.state.layout
    mate = rules.partner(layout, 0)
    other = next(i for i in range(4) if i not in (0, mate))
    qtbot.keyClick(view, Qt.Key.Key_Space)  # turns the card under the cursor: position 0
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the same card again: it is face up
    qtbot.mouseClick(view.board, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # between the cards
    click(qtbot, view, other)  # a mismatch
    click(qtbot, view, mate)  # during the reveal
    qtbot.keyClick(view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: view.state.phase == "ready", timeout=5000)
    click(qtbot, view, 0)
    with qtbot.waitSignal(view.game_did_finish, timeout=5000):
        click(qtbot, view, mate)
        qtbot.waitUntil(lambda: view.state.phase == "ready", timeout=5000)
        remaining = [i for i in range(4) if i not in view.state.found]
        for position in remaining:
            click(qtbot, view, position)
    ignored = [(e.payload["input"], e.payload["key"], e.payload["reason"], e.payload["target"])
               for e in read_events(game="card_match", ignored="only")]
    assert ignored == [("key", "Return", "control_disabled", None), ("mouse", "left", "no_target", None),
                       ("mouse", "left", "between_trials", f"card {mate}"), ("key", "A", "not_a_game_key", None)]
    outcomes = [e.payload["outcome"] for e in read_events(prefix="card_match.move_ended")]
    assert outcomes == ["mismatch", "match", "match"]


def test_a_pause_keeps_the_turned_cards_until_resume(qtbot: QtBot, make_recorder: MakeRecorder,
                                                     read_events: ReadEvents) -> None:
    params = CardMatchParams(rows=2, cols=2, boards=1, reveal_ms=80, board_pause_ms=5)
    view = make_view(qtbot, make_recorder, params, 9)
    player = CardMatchPlayer(oracle=True, mistakes={0}, speed=50)
    player.attach(view)
    view.card_did_flip.connect(lambda position, symbol, flip: view.suspend() if flip == 2 and view.state.move == 0
                               else None)
    view.start()
    qtbot.waitUntil(lambda: view.suspended, timeout=10_000)
    qtbot.wait(300)  # longer than the reveal: nothing happens while paused
    assert view.state.phase == "revealing" and view.timers_active() == []
    assert not read_events(prefix="card_match.move_ended")
    with qtbot.waitSignal(view.game_did_finish, timeout=10_000):
        view.resume()
    assert [e.payload["outcome"] for e in read_events(prefix="card_match.move_ended")] == ["mismatch", "match",
                                                                                         "match"]
