"""Suspending the decision game (the station paused): pending updates are flushed at once, then nothing is recorded."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.decision.params import DecisionParams
from games.decision.player import DecisionPlayer
from games.decision.view import DecisionView
from tests.games.conftest import ReadEvents

REASON = "I pick this one because the risk is small and we keep our promise."
WAIT_MS = 1500


def _view(qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], **params: Any) -> DecisionView:
    view = DecisionView(make_recorder("decision"), DecisionParams.model_validate(params), seed=3)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def _frozen(qtbot: QtBot, view: DecisionView, read_events: ReadEvents) -> None:
    """While suspended: keys and clicks do nothing but their game.input_ignored, no timer runs."""
    before, ignored = len(read_events()), len(read_events(ignored="only"))
    qtbot.keyClick(view, Qt.Key.Key_2)
    qtbot.mouseClick(view.cards[0], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.reasoning_box, "more")
    qtbot.wait(WAIT_MS)
    assert not any(t.isActive() for t in (view._idle_timer, view._debounce_timer, view._limit_timer))
    assert len(read_events()) == before
    logged = read_events(ignored="only")[ignored:]
    assert [(r.payload["input"], r.payload["key"]) for r in logged] == [
        ("key", "2"), ("mouse", "left"), ("key", "M"), ("key", "O"), ("key", "R"), ("key", "E")]
    assert {r.payload["reason"] for r in logged} == {"suspended"}


def test_suspend_flushes_the_pending_reasoning_update_then_records_nothing(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = _view(qtbot, make_recorder, scenarios="ps_release_bug,at_tool_choice", idle_threshold_ms=300,
                 reasoning_debounce_ms=60_000)
    box = view.reasoning_box
    box.textChanged.connect(lambda: view.suspend() if box.toPlainText() == REASON else None)
    player = DecisionPlayer([["hover 1", "click 1", f"type {REASON}", "continue"], ["key 2", "continue"]],
                            delay_ms=30)
    player.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=20_000):
        view.start()
        qtbot.waitUntil(lambda: view.suspended, timeout=10_000)
        updates = [r for r in read_events(game="decision") if r.kind == "decision.reasoning_updated"]
        assert [u.payload["chars"] for u in updates] == [len(REASON)]  # flushed at suspend, not dropped
        _frozen(qtbot, view, read_events)
        view.resume()
    records = read_events(game="decision")
    kinds = [r.kind for r in records]
    assert kinds.count("decision.reasoning_updated") == 1
    assert kinds.count("decision.task_completed") == 2
    submitted = next(r for r in records if r.kind == "decision.reasoning_submitted")
    assert submitted.payload["text"] == REASON  # the typing while suspended went nowhere
    assert not view.refused


def test_suspend_ends_an_idle_spell_at_once_and_idle_detection_restarts_on_resume(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = _view(qtbot, make_recorder, scenarios="at_tool_choice", idle_threshold_ms=100)
    with qtbot.waitSignal(view.task_did_start, timeout=10_000):
        view.start()
    qtbot.mouseClick(view.cards[1], Qt.MouseButton.LeftButton)
    qtbot.wait(600)  # no input for well over the idle threshold: an idle spell is under way
    view.suspend()
    idles = [r for r in read_events(game="decision") if r.kind == "decision.idle_detected"]
    assert len(idles) == 1 and idles[0].payload["idle_duration_ms"] >= 100
    _frozen(qtbot, view, read_events)
    resumed_at = view.recorder.since_start(time.perf_counter_ns())
    view.resume()
    assert view._idle_timer.isActive()
    with qtbot.waitSignal(view.game_did_finish, timeout=10_000):
        qtbot.mouseClick(view.continue_button, Qt.MouseButton.LeftButton)
    records = read_events(game="decision")
    picked = [r.payload["option_id"] for r in records if r.kind == "decision.option_selected"]
    assert picked == [view.state.tasks[0].options[1].id]  # the click while suspended picked nothing
    assert not [r for r in records if r.kind == "decision.option_changed"]
    for later in [r for r in records if r.kind == "decision.idle_detected"][1:]:  # idleness restarted at resume
        assert later.t_ns - later.payload["idle_duration_ms"] * 1_000_000 >= resumed_at
