"""Suspend and resume of the trial games: a trial interrupted by a pause is shown again from a new onset, nothing is
recorded while suspended, a pause during the feedback delays the next trial, and the session scores each trial once."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from pydantic import BaseModel
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventlog import EventLog, OpenSession
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
from scoring import score_session
from tests.games.conftest import ReadEvents
from tests.games.trials import MakeRecorder, make_view, start_and_wait

CASES: list[tuple[str, BaseModel, Any, str, int]] = [
    ("igt", IgtParams(trials=6, feedback_ms=40), lambda: IgtPlayer(speed=30), "igt.trials", 6),
    ("tower", TowerParams(problems="practice", feedback_ms=40), lambda: TowerPlayer(speed=30), "tower.problems", 2),
    ("faces", FacesParams(intensities=(100,), repeats=1, context_trials=2, iti_ms=40), lambda: FacesPlayer(speed=30),
     "faces.trials", 6),
    ("effort", EffortParams(max_trials=3, easy_presses=2, hard_presses=3, feedback_ms=40),
     lambda: EffortPlayer(speed=30), "effort.rounds", 3),
    ("money", MoneyParams(partner_returns=(50, 20), partner_sends=(3,), ultimatum_offers=(2,), feedback_ms=40),
     lambda: MoneyPlayer(speed=30), "money.rounds", 6),
]


@pytest.mark.parametrize(("game", "params", "player", "count", "trials"), CASES, ids=[c[0] for c in CASES])
def test_a_trial_paused_midway_is_shown_again_and_counted_once(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents, event_log: EventLog,
    practice_session: OpenSession, game: str, params: BaseModel, player: Any, count: str, trials: int
) -> None:
    view = make_view(qtbot, make_recorder, game, params)
    start_and_wait(qtbot, view)
    view.suspend()
    assert view.suspended and view.timers_active() == [] and view.state.phase == "between"
    frozen = len(read_events(game=game))
    qtbot.wait(150)
    assert len(read_events(game=game)) == frozen  # nothing recorded while suspended
    scripted = player()
    scripted.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=30_000):
        view.resume()
    starts = Counter(e.trial for e in read_events(game=game) if e.kind == f"{game}.trial_started")
    ends = Counter(e.trial for e in read_events(game=game) if e.kind == f"{game}.trial_ended")
    assert starts[0] == 2 and all(starts[t] == 1 for t in range(1, trials))  # trial 0 shown again, once
    assert ends == Counter(range(trials))
    event_log.close_session(practice_session.session_id, practice_session.now_ns())
    profile = score_session(event_log.store.events(practice_session.session_id))
    assert profile.game(game).metric(count).value == trials  # type: ignore[union-attr]


def test_a_pause_during_the_feedback_shows_the_next_trial_only_on_resume(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    view = make_view(qtbot, make_recorder, "igt", IgtParams(trials=3, feedback_ms=300))
    start_and_wait(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert view.timers_active() == ["feedback"]
    view.suspend()
    qtbot.wait(400)
    assert [e.kind for e in read_events(game="igt")][-1] == "igt.trial_ended"
    with qtbot.waitSignal(view.trial_did_start, timeout=3000) as shown:
        view.resume()
    assert shown.args[0] == 1
    view.close()
