"""Suspending the balloon game (the station paused): no balloon starts and nothing is recorded until resume."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.bart.params import BartParams
from games.bart.player import BartPlayer
from games.bart.view import BartView
from tests.games.bart.test_view import expected_kinds, make_view
from tests.games.conftest import ReadEvents

FEEDBACK_MS = 200
STOPS = [2, 3, 2]


def _frozen(qtbot: QtBot, view: BartView, read_events: ReadEvents) -> int:
    """Wait past the feedback time while suspended; keys are only logged as ignored; return the time before resume."""
    qtbot.waitUntil(lambda: view.suspended, timeout=20_000)
    before, ignored = len(read_events()), len(read_events(ignored="only"))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.wait(FEEDBACK_MS * 5)
    assert view.timers_active() == []
    assert len(read_events()) == before
    logged = read_events(ignored="only")[ignored:]
    assert [(r.payload["key"], r.payload["reason"]) for r in logged] == [("Space", "suspended"),
                                                                         ("Return", "suspended")]
    return view.recorder.since_start(time.perf_counter_ns())


def test_suspend_during_feedback_starts_the_next_balloon_only_on_resume(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, BartParams(balloons=3, feedback_ms=FEEDBACK_MS), seed=21)
    player = BartPlayer(STOPS, speed=10)
    player.attach(view)
    view.balloon_did_end.connect(lambda balloon: view.suspend() if balloon == 0 else None)
    with qtbot.waitSignal(view.game_did_finish, timeout=30_000):
        view.start()
        resumed_at = _frozen(qtbot, view, read_events)
        assert not [e for e in read_events(game="bart") if e.kind == "bart.balloon_started" and e.trial == 1]
        view.resume()
    events = read_events(game="bart")
    assert [e.kind for e in events] == expected_kinds(view.state.plan, STOPS)
    second = next(e for e in events if e.kind == "bart.balloon_started" and e.trial == 1)
    assert second.t_ns >= second.payload["requested_t_ns"] >= resumed_at  # asked for and painted after resume


def test_suspend_while_inflating_waits_and_the_balloon_carries_on(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, BartParams(balloons=3, feedback_ms=FEEDBACK_MS), seed=22)
    player = BartPlayer(STOPS, speed=10)
    player.attach(view)
    view.balloon_did_start.connect(lambda balloon: view.suspend() if balloon == 1 else None)
    with qtbot.waitSignal(view.game_did_finish, timeout=30_000):
        view.start()
        _frozen(qtbot, view, read_events)
        view.resume()
    events = read_events(game="bart")
    assert [e.kind for e in events] == expected_kinds(view.state.plan, STOPS)
    assert [e.trial for e in events if e.kind == "bart.balloon_started"] == [0, 1, 2]
    assert player.finished
    view.suspend()  # after the end: nothing to freeze
    assert not view.suspended
