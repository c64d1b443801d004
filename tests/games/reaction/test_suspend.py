"""Suspending a reaction-time game (the station paused): nothing recorded while frozen, the trial repeats."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from eventlog import EventLog, EventRecord, OpenSession
from eventlog.recorder import SessionRecorder
from games.reaction.params import GoNoGoParams, SimpleRTParams
from games.reaction.player import ReactionPlayer
from games.reaction.rules import ReactionRules, ReactionSequenceError, ReactionState
from games.reaction.view import ReactionView
from scoring import score_session
from tests.games.conftest import ReadEvents

MS = 1_000_000
TIMEOUT_MS = 1000
PARAMS = SimpleRTParams(trials=5, foreperiod_min_ms=150, foreperiod_max_ms=250, timeout_ms=TIMEOUT_MS, iti_ms=20)


def _count(records: list[EventRecord], kind: str) -> Counter[int | None]:
    return Counter(r.trial for r in records if r.kind == kind)


def test_interrupt_abandons_the_attempt_silently_and_the_trial_repeats() -> None:
    rules = ReactionRules(GoNoGoParams(trials=4), random.Random(3), 3)
    state, _ = rules.start(ReactionState(), 0)
    state, _ = rules.begin_trial(state, 10 * MS)
    first_fp = state.foreperiod_ns
    state, emitted = rules.interrupt(state, 20 * MS)
    assert emitted == () and state.phase == "between" and state.repeat and state.trial == 0
    state, emitted = rules.begin_trial(state, 30 * MS)
    assert emitted[0].trial == 0 and emitted[0].payload.foreperiod_ns != first_fp
    onset = 30 * MS + state.foreperiod_ns
    state, _ = rules.present(state, onset, onset)
    state, emitted = rules.interrupt(state, onset + 5 * MS)
    assert emitted == () and state.phase == "between" and state.trial == 0
    assert rules.summary(state)["false_starts"] == 0  # an interruption is not the candidate's false start
    assert rules.interrupt(state, onset + 6 * MS) == (state, ())  # between trials: nothing to abandon


def test_interrupt_refuses_a_game_not_running() -> None:
    rules = ReactionRules(PARAMS, random.Random(1), 1)
    with pytest.raises(ReactionSequenceError, match="interrupt: not allowed in phase 'ready'"):
        rules.interrupt(ReactionState(), 0)


def _wait_frozen(qtbot: QtBot, view: ReactionView, read_events: ReadEvents) -> None:
    """While suspended, wait well past the response window: no event, no timer, input ignored."""
    qtbot.waitUntil(lambda: view.suspended, timeout=30_000)
    before = len(read_events())
    qtbot.keyClick(view, " ")
    qtbot.wait(TIMEOUT_MS * 2)
    assert view.timers_active() == []
    assert len(read_events()) == before
    view.resume()


def test_suspend_mid_foreperiod_and_mid_stimulus_then_finish_and_score(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents,
    event_log: EventLog, practice_session: OpenSession,
) -> None:
    view = ReactionView(make_recorder("simple_rt"), PARAMS, seed=4)
    qtbot.addWidget(view)
    view.show()
    player = ReactionPlayer(latencies_ms=100)
    player.attach(view)
    plan = {("foreperiod", 1), ("stimulus", 3)}

    def maybe_suspend(phase: str, trial: int) -> None:
        if (phase, trial) in plan:
            plan.discard((phase, trial))
            view.suspend()

    view.foreperiod_did_start.connect(lambda trial: maybe_suspend("foreperiod", trial))
    view.stimulus_did_appear.connect(lambda trial, _: maybe_suspend("stimulus", trial))
    with qtbot.waitSignal(view.game_did_finish, timeout=60_000) as finished:
        view.start()
        _wait_frozen(qtbot, view, read_events)  # trial 1, during its foreperiod
        _wait_frozen(qtbot, view, read_events)  # trial 3, with its stimulus on screen
    assert view.timers_active() == []
    records = read_events(game="simple_rt")
    assert _count(records, "rt.trial_started") == Counter({0: 1, 1: 2, 2: 1, 3: 2, 4: 1})
    assert _count(records, "rt.stimulus_onset") == Counter({0: 1, 1: 1, 2: 1, 3: 2, 4: 1})
    assert _count(records, "rt.trial_ended") == Counter(range(5))
    assert {r.payload["outcome"] for r in records if r.kind == "rt.trial_ended"} == {"hit"}
    assert not [r for r in records if r.kind in ("rt.omission", "rt.false_start")]
    assert finished.args[0]["hits"] == 5 and finished.args[0]["false_starts"] == 0
    event_log.close_session(practice_session.session_id, practice_session.now_ns())
    profile = score_session(read_events())
    result = next(g for g in profile.games if g.game == "simple_rt")
    assert result.completed
    assert result.metric("rt.trials").value == 5  # type: ignore[union-attr]
    assert result.metric("rt.valid_n").value == 5  # type: ignore[union-attr]
    assert result.metric("rt.omissions").value == 0  # type: ignore[union-attr]
    assert result.metric("rt.false_starts").value == 0  # type: ignore[union-attr]


def test_suspend_between_trials_repeats_nothing_and_after_the_end_does_nothing(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    view = ReactionView(make_recorder("simple_rt"), PARAMS.model_copy(update={"trials": 3}), seed=8)
    qtbot.addWidget(view)
    view.show()
    ReactionPlayer(latencies_ms=100).attach(view)
    announced: list[int] = []
    view.trial_will_start.connect(announced.append)
    view.trial_will_start.connect(lambda trial: view.suspend() if trial == 1 and announced.count(1) == 1 else None)
    with qtbot.waitSignal(view.game_did_finish, timeout=60_000):
        view.start()
        _wait_frozen(qtbot, view, read_events)  # between trials 0 and 1, before trial 1 began
    records = read_events(game="simple_rt")
    assert _count(records, "rt.trial_started") == Counter(range(3))  # nothing was abandoned
    assert _count(records, "rt.trial_ended") == Counter(range(3))
    assert announced == [0, 1, 1, 2]  # trial 1 is announced again when it really starts
    view.suspend()
    assert not view.suspended and view.timers_active() == []
