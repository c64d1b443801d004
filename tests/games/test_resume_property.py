"""Kill a scripted session of every game at 50+ event positions, resume it with the real view, finish, score, export.

For each game one assessment session is played through its real view by its scripted player. Then, for
each kill position k (seeded, always including the very first and the very last event), the first k
events go into a fresh station log left open (a crash), the session is resumed with `resume_session`,
the real view continues it with `resume_from(events)` and a fresh scripted player finishes it. Every
resumed session must close, score, export and verify (chain and bundle), count every trial exactly once,
and resume where the recorded events say: at the trial after the last one that ended, repeating the
one the crash cut short, with BART's bank carried over. Every fifth resumed session is killed once more,
after its resume, and resumed again (a second crash).
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pytestqt.qtbot import QtBot

from eventlog import EventRecord
from games.bart.params import BartParams
from games.bart.player import BartPlayer
from games.decision.params import DecisionParams
from games.decision.player import DecisionPlayer
from games.reaction.params import ChoiceRTParams, GoNoGoParams, SimpleRTParams
from games.reaction.player import ReactionPlayer
from tests.games.crash import Resumed, crash_at, record_session, resume_and_finish

KILLS = 50
SECOND_CRASH_EVERY = 5
FAST_RT = {"trials": 14, "foreperiod_min_ms": 3, "foreperiod_max_ms": 8, "iti_ms": 2, "timeout_ms": 200}
TASKS = "ps_release_bug,at_tool_choice,com_customer_delay,dc_two_offers,sa_form_backlog,at_sales_drop"


@dataclass(frozen=True)
class Case:
    """One game as the property test plays it."""

    game: str
    namespace: str
    params: BaseModel
    player: Callable[[], Any]
    trials: int
    start_kind: str
    end_kind: str
    count_metric: str


CASES = [
    Case("bart", "bart.", BartParams(balloons=10, colours="classic", feedback_ms=0),
         lambda: BartPlayer([4, 6, 2, 7, 3, 5, 1, 6, 4, 2], speed=40), 10,
         "bart.balloon_started", "bart.balloon_ended", "bart.balloons"),
    Case("simple_rt", "rt.", SimpleRTParams(**FAST_RT),
         lambda: ReactionPlayer(latencies_ms=4, false_starts={3, 9}), 14,
         "rt.trial_started", "rt.trial_ended", "rt.trials"),
    Case("choice_rt", "rt.", ChoiceRTParams(**FAST_RT, choices=2),
         lambda: ReactionPlayer(latencies_ms=4, wrong_keys={2, 5}), 14,
         "rt.trial_started", "rt.trial_ended", "rt.trials"),
    Case("go_nogo", "rt.", GoNoGoParams(**FAST_RT),
         lambda: ReactionPlayer(latencies_ms=4, commissions=set(range(14)), omissions={1}), 14,
         "rt.trial_started", "rt.trial_ended", "rt.trials"),
    Case("decision", "decision.", DecisionParams(scenarios=TASKS, reasoning_debounce_ms=15),
         lambda: DecisionPlayer(delay_ms=2), 6,
         "decision.task_started", "decision.task_completed", "decision.tasks_completed"),
]


def kill_positions(recorded: list[EventRecord], game: str) -> list[int]:
    """KILLS distinct prefix lengths: only session.opened, every event but session.closed, and seeded others."""
    last = len(recorded) - 1  # session.closed is never in a prefix: the crash came before the close
    assert last - 1 >= KILLS, f"the recorded {game} session has only {last} events to kill at"
    rng = random.Random(f"resume-{game}")
    return sorted({1, last} | set(rng.sample(range(2, last), KILLS - 2)))


def _game_events(events: list[EventRecord], case: Case) -> list[EventRecord]:
    return [e for e in events if e.game == case.game and e.kind.startswith(case.namespace)]


def check_resumed(case: Case, result: Resumed) -> None:
    """The resumed session resumed where its events said, counted every trial once, and scored completely."""
    events = result.events
    cut = max(i for i, e in enumerate(events) if e.kind == "session.resumed")  # the last crash
    before, after = _game_events(events[:cut], case), _game_events(events[cut:], case)
    ended_before = [e.trial for e in before if e.kind == case.end_kind]
    begun_before = [e.trial for e in before if e.kind == case.start_kind]
    kinds = [e.kind for e in _game_events(events, case)]
    assert kinds.count(f"{case.namespace}game_started") == 1 and kinds.count(f"{case.namespace}game_ended") == 1
    ends = Counter(e.trial for e in events if e.kind == case.end_kind)
    assert ends == Counter(range(case.trials)), f"every trial ends exactly once: {ends}"
    if not before:
        assert after[0].kind == f"{case.namespace}game_started"  # the crash came before the game began
    elif before[-1].kind == f"{case.namespace}game_ended":
        assert after == []  # the game was over: the station just moves on
    else:
        resumed = after[0]
        assert resumed.kind == f"{case.namespace}game_resumed", [e.kind for e in after[:3]]
        assert resumed.payload["trial"] == len(ended_before) == resumed.payload["trials_done"]
        assert resumed.payload["repeated"] == (bool(begun_before) and begun_before[-1] == len(ended_before))
        first_trial = next((e.trial for e in after if e.kind == case.start_kind), None)
        assert first_trial in (len(ended_before), None)
        if case.game == "bart":
            check_bank(before, resumed.payload, result)
    game = result.profile.game(case.game)
    assert game is not None and game.completed
    assert game.metric(case.count_metric).value == case.trials  # type: ignore[union-attr]


def check_bank(before: list[EventRecord], resumed: dict[str, Any], result: Resumed) -> None:
    """BART's bank after the resume is what the balloons that ended before the crash had collected."""
    banked = 0  # each collected balloon's amount: the bart.collected recorded just before its balloon_ended
    for previous, event in itertools.pairwise(before):
        if event.kind == "bart.balloon_ended" and event.payload["outcome"] == "collected":
            assert previous.kind == "bart.collected" and previous.trial == event.trial
            banked += previous.payload["amount_cents"]
    assert resumed["total_cents"] == banked
    final = next(e for e in result.events if e.kind == "bart.game_ended")
    assert result.summary["total_cents"] == final.payload["total_cents"]
    earned = result.profile.game("bart").metric("bart.earnings_cents")  # type: ignore[union-attr]
    assert earned is not None and earned.value == final.payload["total_cents"] >= banked


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.game)
def test_a_session_killed_at_any_event_resumes_finishes_scores_exports_and_verifies(
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


def kill_and_resume(qtbot: QtBot, data_dir: Path, case: Case, recorded: list[EventRecord], kill_at: int) -> Resumed:
    """Crash the recorded session after its first `kill_at` events, resume and finish it, and check the result."""
    sid = crash_at(data_dir, recorded, kill_at)
    result = resume_and_finish(qtbot, data_dir, sid, case.game, case.params, 7, case.player, kill_at)
    try:
        check_resumed(case, result)
    except AssertionError as exc:
        raise AssertionError(f"{case.game} killed after event {kill_at - 1} "
                             f"({recorded[kill_at - 1].kind}): {exc}") from exc
    return result
