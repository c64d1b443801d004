"""Kill a scripted session of every trial game (IGT, tower, faces, effort, money) at 50+ event positions, resume it
with the real view, finish, score, export and verify (the trial games' half of tests/games/test_resume_property.py).

Besides what that test checks (the game resumes at the trial after the last one that ended, repeating the one
the crash cut short, every trial ends once, the session scores, exports and verifies; every fifth resumed
session crashes again), the money the candidate had when the crash came is the money they resume with.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eventlog import EventRecord
from games.effort.params import EffortParams
from games.effort.player import EffortPlayer
from games.faces.params import FacesParams
from games.faces.player import FacesPlayer
from games.igt.params import IgtParams
from games.igt.player import IgtPlayer
from games.money.params import MoneyParams
from games.money.player import MoneyPlayer
from games.tower.params import TowerParams
from games.tower.player import TowerPlayer
from tests.games.crash import Resumed, record_session
from tests.games.test_resume_property import KILLS, SECOND_CRASH_EVERY, Case, kill_positions
from tests.games.test_resume_property import kill_and_resume as kill_and_resume_checked

CASES = [
    Case("igt", "igt.", IgtParams(trials=30, feedback_ms=0), lambda: IgtPlayer(rate=0.3, speed=400), 30,
         "igt.trial_started", "igt.trial_ended", "igt.trials"),
    Case("tower", "tower.", TowerParams(feedback_ms=0), lambda: TowerPlayer(depth=3, speed=400, input="alternate"),
         12, "tower.trial_started", "tower.trial_ended", "tower.problems"),
    Case("faces", "faces.", FacesParams(repeats=1, context_trials=6, iti_ms=0),
         lambda: FacesPlayer(threshold=40, speed=400, input="alternate"), 26, "faces.trial_started",
         "faces.trial_ended", "faces.trials"),
    Case("effort", "effort.", EffortParams(max_trials=8, easy_presses=3, hard_presses=4, feedback_ms=0),
         lambda: EffortPlayer(sensitivity=2.0, press_ms=40, speed=100, input="alternate"), 8,
         "effort.trial_started", "effort.trial_ended", "effort.rounds"),
    Case("money", "money.", MoneyParams(feedback_ms=0), lambda: MoneyPlayer(share=0.5, speed=400, input="alternate"),
         19, "money.trial_started", "money.trial_ended", "money.rounds"),
]
TOTALS = {"igt": "total_cents", "effort": "total_cents", "money": "total_cents"}


def check_totals(case: Case, result: Resumed) -> None:
    """The candidate's money after the resume is what the trials that ended before the crash had left them."""
    field = TOTALS.get(case.game)
    events = result.events
    cut = max(i for i, e in enumerate(events) if e.kind == "session.resumed")
    resumed = next((e for e in events[cut:] if e.kind == f"{case.namespace}game_resumed"), None)
    if field is None or resumed is None:
        return
    ended = [e for e in events[:cut] if e.kind == case.end_kind]
    start = events[1:cut]
    before = ended[-1].payload[field] if ended else next(
        (e.payload.get("start_cents", 0) for e in start if e.kind == f"{case.namespace}game_started"), 0)
    assert resumed.payload[field] == before


def kill_and_resume(qtbot: QtBot, data_dir: Path, case: Case, recorded: list[EventRecord], kill_at: int) -> Resumed:
    """The shared crash-and-resume check, then the money carried over."""
    result = kill_and_resume_checked(qtbot, data_dir, case, recorded, kill_at)
    try:
        check_totals(case, result)
    except AssertionError as exc:
        raise AssertionError(f"{case.game} killed after event {kill_at - 1}: {exc}") from exc
    return result


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.game)
def test_a_trial_game_killed_at_any_event_resumes_finishes_scores_exports_and_verifies(
    qtbot: QtBot, tmp_path: Path, case: Case
) -> None:
    recorded = record_session(qtbot, tmp_path / "recorded", case.game, case.params, 7, case.player)
    positions = kill_positions(recorded, case.game)
    assert len(positions) >= KILLS
    rng = random.Random(f"second-crash-{case.game}")
    for n, kill_at in enumerate(positions):
        result = kill_and_resume(qtbot, tmp_path / f"kill-{kill_at}", case, recorded, kill_at)
        if n % SECOND_CRASH_EVERY == 0:
            resumed_at = max(i for i, e in enumerate(result.events) if e.kind == "session.resumed")
            again = rng.randrange(resumed_at + 1, len(result.events))
            kill_and_resume(qtbot, tmp_path / f"kill-{kill_at}-{again}", case, result.events, again)
