"""The decision view played by DecisionPlayer through real mouse and key events; the exact recorded stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from eventlog import EventRecord
from eventlog.recorder import SessionRecorder
from games.decision.params import DecisionParams
from games.decision.player import DEFAULT_REASONING, DecisionPlayer
from games.decision.scenarios import load_scenarios
from games.decision.view import DecisionView

# ps_release_bug: options a(low) b(medium) c(high) d(medium); reasoning required, >= 30 chars; limit 120 s.
# at_tool_choice: options a b c d; reasoning optional; no limit.
TASKS = "ps_release_bug,at_tool_choice"
QUIET = {"idle_threshold_ms": 600_000, "reasoning_debounce_ms": 60_000}  # no idle spells, no debounced updates
SCENARIOS = {s.id: s for s in load_scenarios()}
TIMING = {"started_t_ns", "ended_t_ns", "duration_ns", "requested_t_ns", "away_ns", "idle_duration_ms"}
RISKS = {"ps_release_bug": ["low", "medium", "high", "medium"], "at_tool_choice": ["medium", "medium", "low", "low"]}


def option(task: str, option_id: str) -> dict[str, Any]:
    chosen = SCENARIOS[task].option(option_id)
    return {"risk_level": chosen.risk_level, "tags": list(chosen.tags)}


def shown_view(qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], params: DecisionParams,
               seed: int) -> DecisionView:
    """A decision view on screen and in the active window, not yet started."""
    view = DecisionView(make_recorder("decision"), params, seed=seed)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def play(qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], script: list[list[str]] | None,
         delay_ms: int = 15, **params: Any) -> tuple[DecisionView, dict[str, Any]]:
    view = shown_view(qtbot, make_recorder, DecisionParams.model_validate(params), seed=11)
    player = DecisionPlayer(script, delay_ms=delay_ms)
    player.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=20_000) as finished:
        view.start()
    assert view.refused == []
    return view, finished.args[0]


def stream(records: list[EventRecord]) -> list[tuple[str, int | None, dict[str, Any]]]:
    """(kind, trial, payload without its timing fields), in recorded order."""
    return [(r.kind, r.trial, {k: v for k, v in r.payload.items() if k not in TIMING}) for r in records]


def check_timing(records: list[EventRecord]) -> None:
    """t_ns never goes back; views end at their event time and start after their task started."""
    times = [r.t_ns for r in records]
    assert times == sorted(times)
    task_start = 0
    for record in records:
        if record.kind == "decision.task_started":
            task_start = record.t_ns
            assert 0 < record.payload["requested_t_ns"] <= record.t_ns
        if record.kind == "decision.option_viewed":
            assert task_start <= record.payload["started_t_ns"] <= record.t_ns
            assert record.payload["started_t_ns"] + record.payload["duration_ns"] == record.t_ns


def test_mouse_and_keyboard_play_records_the_exact_stream(qtbot: QtBot, make_recorder: Any, read_events: Any) -> None:
    reasoning = "Because a freeze loses bookings, therefore I wait."
    script = [
        ["hover 1", "hover 3", "click 3", "down", "down", "enter", f"type {reasoning}", "continue"],
        ["key 2", "key 4", "key 4", "down", "up", "enter", "ctrl+enter"],
    ]
    _view, summary = play(qtbot, make_recorder, script, scenarios=TASKS, **QUIET)
    records = read_events(game="decision")
    bug, tool = "ps_release_bug", "at_tool_choice"
    viewed = "decision.option_viewed"
    begun = "decision.option_view_started"
    assert stream(records) == [
        ("decision.game_started", None, {"tasks": [bug, tool], "seed": 11, "idle_threshold_ms": 600_000}),
        ("decision.task_started", 0, {"task_id": bug, "category": "problem_solving", "option_ids": ["a", "b", "c", "d"],
                                      "reasoning_required": True, "min_reasoning_chars": 30,
                                      "soft_time_limit_s": 120, "option_risks": RISKS[bug]}),
        (begun, 0, {"task_id": bug, "option_id": "a", "via": "hover"}),
        (viewed, 0, {"task_id": bug, "option_id": "a", "via": "hover"}),  # the mouse moved on to c
        (begun, 0, {"task_id": bug, "option_id": "c", "via": "hover"}),
        ("decision.option_selected", 0, {"task_id": bug, "option_id": "c", **option(bug, "c")}),
        (begun, 0, {"task_id": bug, "option_id": "d", "via": "focus"}),  # down: c (click focus) -> d
        (viewed, 0, {"task_id": bug, "option_id": "d", "via": "focus"}),
        (begun, 0, {"task_id": bug, "option_id": "a", "via": "focus"}),  # down wraps to a; enter
        ("decision.option_changed", 0, {"task_id": bug, "from_option": "c", "to_option": "a",
                                        "from_risk": "high", "to_risk": "low"}),
        (viewed, 0, {"task_id": bug, "option_id": "c", "via": "hover"}),  # the mouse went to the text box
        (viewed, 0, {"task_id": bug, "option_id": "a", "via": "focus"}),  # so did keyboard focus
        ("decision.reasoning_started", 0, {"task_id": bug}),
        ("decision.typing_burst", 0, {"task_id": bug, "keystrokes": len(reasoning)}),  # one burst, ended by Continue
        ("decision.reasoning_submitted", 0, {"task_id": bug, "text": reasoning, "chars": len(reasoning),
                                             "words": len(reasoning.split())}),
        ("decision.task_completed", 0, {"task_id": bug, "option_id": "a", **option(bug, "a"),
                                        "soft_limit_exceeded": False}),
        ("decision.task_started", 1, {"task_id": tool, "category": "analytical_thinking",
                                      "option_ids": ["a", "b", "c", "d"], "reasoning_required": False,
                                      "min_reasoning_chars": 0, "soft_time_limit_s": None,
                                      "option_risks": RISKS[tool]}),
        ("decision.option_selected", 1, {"task_id": tool, "option_id": "b", **option(tool, "b")}),
        ("decision.option_changed", 1, {"task_id": tool, "from_option": "b", "to_option": "d",
                                        "from_risk": "medium", "to_risk": "low"}),  # the second 4 is nothing
        (begun, 1, {"task_id": tool, "option_id": "a", "via": "focus"}),  # down from the view: a; up: d
        (viewed, 1, {"task_id": tool, "option_id": "a", "via": "focus"}),
        (begun, 1, {"task_id": tool, "option_id": "d", "via": "focus"}),
        (viewed, 1, {"task_id": tool, "option_id": "d", "via": "focus"}),  # enter on d (held): nothing; ctrl+enter
        ("decision.task_completed", 1, {"task_id": tool, "option_id": "d", **option(tool, "d"),
                                        "soft_limit_exceeded": False}),
        ("decision.game_ended", None, {"tasks_completed": 2}),
    ]
    check_timing(records)
    assert summary == {"tasks_completed": 2, "choices": {bug: "a", tool: "d"}}


def test_continue_stays_shut_until_the_rules_allow(qtbot: QtBot, make_recorder: Any, read_events: Any) -> None:
    script = [["continue", "ctrl+enter", "click 2", "type Too short", "continue", "ctrl+enter",
               "type , so I add a longer reason here", "continue"]]
    _view, _ = play(qtbot, make_recorder, script, scenarios="ps_release_bug", **QUIET)
    kinds = [r.kind for r in read_events(game="decision")]
    assert kinds.count("decision.task_completed") == 1
    assert kinds[-3:] == ["decision.reasoning_submitted", "decision.task_completed", "decision.game_ended"]
    submitted = next(r for r in read_events(game="decision") if r.kind == "decision.reasoning_submitted")
    assert submitted.payload["text"] == "Too short, so I add a longer reason here"
    assert submitted.payload["chars"] == len(submitted.payload["text"])


def test_continue_button_reflects_the_rules(qtbot: QtBot, make_recorder: Any) -> None:
    view = shown_view(qtbot, make_recorder, DecisionParams(scenarios=("ps_release_bug",), **QUIET), seed=1)
    with qtbot.waitSignal(view.task_did_start):
        view.start()
    assert not view.continue_button.isEnabled()
    assert "Choose" in view.hint_label.text()
    qtbot.keyClick(view, "3")
    assert not view.continue_button.isEnabled()
    assert "at least 30 characters (0 so far)" in view.hint_label.text()
    viewport = view.reasoning_box.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, viewport.rect().center())
    qtbot.keyClicks(view.reasoning_box, "x" * 29)
    assert not view.continue_button.isEnabled()
    qtbot.keyClicks(view.reasoning_box, "y")
    assert view.continue_button.isEnabled()
    with qtbot.waitSignal(view.game_did_finish):
        qtbot.mouseClick(view.continue_button, Qt.MouseButton.LeftButton)
    assert not any(t.isActive() for t in (view._idle_timer, view._debounce_timer, view._limit_timer))


def test_reasoning_updates_are_debounced_counts(qtbot: QtBot, make_recorder: Any, read_events: Any) -> None:
    script = [["click 1", "type Because", "wait", "type  it is safe", "wait", "continue"]]
    play(qtbot, make_recorder, script, delay_ms=80, scenarios="at_tool_choice", idle_threshold_ms=600_000,
         reasoning_debounce_ms=10)
    reasoning = [(r.kind, r.payload) for r in read_events(prefix="decision.reasoning")]
    task = "at_tool_choice"
    assert reasoning == [
        ("decision.reasoning_started", {"task_id": task}),
        ("decision.reasoning_updated", {"task_id": task, "chars": 7, "words": 1}),
        ("decision.reasoning_updated", {"task_id": task, "chars": 18, "words": 4}),
        ("decision.reasoning_submitted", {"task_id": task, "text": "Because it is safe", "chars": 18, "words": 4}),
    ]


def test_idle_spells_are_recorded_when_they_end(qtbot: QtBot, make_recorder: Any, read_events: Any) -> None:
    script = [["wait", "hover 1", "wait", "click 2", "continue"]]
    play(qtbot, make_recorder, script, delay_ms=150, scenarios="at_tool_choice", idle_threshold_ms=100)
    records = read_events(game="decision")
    idles = [r for r in records if r.kind == "decision.idle_detected"]
    assert idles, "a 150 ms pause with a 100 ms threshold must give an idle spell"
    for record in idles:
        assert record.payload["task_id"] == "at_tool_choice"
        assert record.payload["idle_duration_ms"] >= 100
        assert record.trial == 0
    kinds = [r.kind for r in records]
    assert kinds.index("decision.task_started") < kinds.index("decision.idle_detected")
    assert kinds.index("decision.idle_detected") < kinds.index("decision.task_completed")


def test_window_focus_loss_and_return(qtbot: QtBot, make_recorder: Any, read_events: Any) -> None:
    view = shown_view(qtbot, make_recorder, DecisionParams(scenarios=("at_tool_choice",), **QUIET), seed=1)
    with qtbot.waitSignal(view.task_did_start):
        view.start()
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()
    qtbot.waitUntil(lambda: not view.isActiveWindow())
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    player = DecisionPlayer([["key 3", "continue"]], delay_ms=10)
    with qtbot.waitSignal(view.game_did_finish):
        player.attach(view)
    records = read_events(game="decision")
    focus = [(r.kind, r.payload) for r in records if r.kind.startswith("decision.focus")]
    assert [kind for kind, _ in focus] == ["decision.focus_lost", "decision.focus_gained"]
    lost, gained = (r for r in records if r.kind.startswith("decision.focus"))
    assert gained.payload == {"task_id": "at_tool_choice", "away_ns": gained.t_ns - lost.t_ns}
    assert [r.kind for r in records][-2:] == ["decision.task_completed", "decision.game_ended"]


def test_default_player_finishes_every_shipped_scenario(qtbot: QtBot, make_recorder: Any, read_events: Any) -> None:
    _view, summary = play(qtbot, make_recorder, None, delay_ms=3, order="shuffle", **QUIET)
    records = read_events(game="decision")
    order = records[0].payload["tasks"]
    assert sorted(order) == sorted(SCENARIOS)
    completed = [r for r in records if r.kind == "decision.task_completed"]
    assert [(r.trial, r.payload["task_id"]) for r in completed] == list(enumerate(order))
    for index, record in enumerate(completed):
        task = SCENARIOS[record.payload["task_id"]]
        assert record.payload["option_id"] == task.options[index % len(task.options)].id
    submitted = [r for r in records if r.kind == "decision.reasoning_submitted"]
    assert len(submitted) == sum(s.reasoning_required for s in SCENARIOS.values())
    assert all(r.payload["text"].startswith(DEFAULT_REASONING) for r in submitted)
    viewed = [r for r in records if r.kind == "decision.option_viewed"]
    assert len(viewed) >= sum(len(s.options) for s in SCENARIOS.values())
    check_timing(records)
    assert summary["tasks_completed"] == len(SCENARIOS)


def test_unknown_scenario_in_params_is_refused_before_anything_is_recorded(make_recorder: Any,
                                                                           read_events: Any) -> None:
    from games.decision.errors import UnknownScenarioError

    unchecked = DecisionParams.model_construct(scenarios=("nope",), order="fixed", idle_threshold_ms=5000,
                                               reasoning_debounce_ms=1000)
    with pytest.raises(UnknownScenarioError, match="nope"):
        DecisionView(make_recorder("decision"), unchecked, seed=1)
    assert read_events(game="decision") == []
