"""Reading and typing recorded by the real view (real mouse and key events) count as active time (scoring 1.2.0).

The issue's timeline, scaled by the session's own parameters: with a 1 s idle threshold the candidate
looks at each of three options for 1.5 s (the 7 s looks with a 5 s threshold of the original), picks one
and types in several keystroke bursts 0.3 s apart, then continues. Scoring reads the threshold the game
ran with from decision.game_started.
"""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from scoring.decision import parse_tasks
from scoring.tables import TABLES
from tests.games.decision.test_view import play

LOOK = ["wait"] * 4  # with 300 ms between steps, each look lasts 1.5 s: longer than the 1 s threshold
SCRIPT = [["hover 1", *LOOK, "hover 2", *LOOK, "hover 3", *LOOK, "click 3", "type Because", "type  it is",
           "type  the cheaper", "type  and safer way", "continue"]]


def test_reading_and_typing_are_recorded_and_scored_as_active(qtbot: QtBot, make_recorder: Any,
                                                              read_events: Any) -> None:
    play(qtbot, make_recorder, SCRIPT, delay_ms=300, scenarios="at_tool_choice", idle_threshold_ms=1000,
         reasoning_debounce_ms=1000)
    records = read_events(game="decision")
    kinds = [r.kind for r in records]
    assert "decision.idle_detected" not in kinds  # looking at an option is not idleness
    assert kinds.count("decision.option_view_started") >= 3
    bursts = [r for r in records if r.kind == "decision.typing_burst"]
    assert len(bursts) == 1 and bursts[0].payload["keystrokes"] == len("Because it is the cheaper and safer way")
    assert records[0].payload["idle_threshold_ms"] == 1000
    tasks, ended = parse_tasks(records, TABLES["1.2.0"]["decision"])
    assert ended and len(tasks) == 1
    task = tasks[0]
    assert task.active_ms == task.total_ms  # every gap between reading, picking and typing is under 1 s
    assert task.reading_ms > 3 * 1000 and task.typing_ms > 0
    old_rule = {**TABLES["1.1.0"]["decision"], "idle_threshold_ms": 1000}  # 004's gaps, same threshold
    before, _ = parse_tasks(records, old_rule)
    assert before[0].active_ms < task.active_ms  # the looks longer than the threshold were hesitation
