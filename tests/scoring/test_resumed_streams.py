"""Crash-resumed streams score: the trial a crash cut short counts once (from its repeat), never twice, no error."""

from __future__ import annotations

import random
from typing import Any

import pytest

from eventlog.records import EventRecord
from games.bart import rules as bart_rules
from games.bart.params import BartParams
from games.core import Emission, game_records
from games.decision import rules as dec_rules
from games.decision.params import DecisionParams
from games.decision.scenarios import load_scenarios
from games.reaction.params import SimpleRTParams
from games.reaction.rules import SPACE, ReactionRules, ReactionState
from scoring import score_session
from scoring.stream import drop_interrupted_trials, parse_stream
from tests.scoring.helpers import MS, StreamBuilder, bart_game

CRASH = {"last_seq_before": 1, "wall_utc": "2025-01-01T00:10:00+00:00", "gap_ns_estimate": 5 * 10**9}


def _emit(b: StreamBuilder, game: str, emissions: tuple[Emission, ...]) -> None:
    for e in emissions:
        b.add(e.kind, e.t_ns, e.payload.model_dump(mode="json"), game, e.trial)


def _crash(b: StreamBuilder, game: str | None, trial: int | None) -> None:
    b.after(5000, "session.resumed", {**CRASH, "last_seq_before": len(b.records) - 1, "resume_game": game,
                                      "resume_trial": trial})


def _metric(profile: Any, game: str, key: str) -> Any:
    return profile.game(game).metric(key).value


# -- balloon game -------------------------------------------------------------------------------------------

def _balloons(b: StreamBuilder, state: bart_rules.BartState, targets: list[int]) -> bart_rules.BartState:
    for target in targets:
        state, em = bart_rules.start_balloon(state, b.t_ns + 900 * MS)
        _emit(b, "bart", em)
        while state.phase == "inflating" and state.pumps < target:
            state, em = bart_rules.pump(state, b.t_ns + 400 * MS, "key")
            _emit(b, "bart", em)
        if state.phase == "inflating":
            state, em = bart_rules.collect(state, b.t_ns + 300 * MS)
            _emit(b, "bart", em)
    return state


def _bart_resumed(cut_pumps: int) -> tuple[list[EventRecord], bart_rules.BartState]:
    """12 balloons of 5 pumps; the crash comes after `cut_pumps` pumps on balloon 6; the game resumes."""
    params = BartParams(balloons=12, colours="classic")
    fresh = bart_rules.new_game(params, random.Random(9), 9)
    b = StreamBuilder("s-bart-crash")
    state, em = bart_rules.start_game(fresh, 10 * MS)
    _emit(b, "bart", em)
    state = _balloons(b, state, [5] * 6)
    state, em = bart_rules.start_balloon(state, b.t_ns + 900 * MS)
    _emit(b, "bart", em)
    for _ in range(cut_pumps):
        if state.phase == "inflating":
            state, em = bart_rules.pump(state, b.t_ns + 400 * MS, "key")
            _emit(b, "bart", em)
    _crash(b, "bart", 6)
    restored = bart_rules.restore(bart_rules.new_game(params, random.Random(9), 9),
                                  game_records(b.records, "bart", "bart."))
    state, em = bart_rules.resume_game(restored, b.t_ns + MS)
    _emit(b, "bart", em)
    state = _balloons(b, state, [5] * 6)
    state, em = bart_rules.end_game(state, b.t_ns + MS)
    _emit(b, "bart", em)
    return b.close(), state


@pytest.mark.parametrize("cut_pumps", [0, 2, 4])
def test_a_balloon_cut_short_by_a_crash_counts_once_from_its_repeat(cut_pumps: int) -> None:
    records, final = _bart_resumed(cut_pumps)
    resumed = next(r for r in records if r.kind == "bart.game_resumed")
    assert resumed.payload["trial"] == 6 and resumed.payload["repeated"] is True
    profile = score_session(records)
    assert _metric(profile, "bart", "bart.balloons") == 12
    assert _metric(profile, "bart", "bart.earnings_cents") == final.total_cents
    assert profile.game("bart").completed
    stream = parse_stream(records)
    assert len(stream.interrupted) == 1 + cut_pumps  # balloon 6's first start and its pumps
    assert all(records[seq].trial == 6 and records[seq].seq < resumed.seq for seq in stream.interrupted)


def test_an_old_restart_after_a_crash_mid_balloon_scores_instead_of_failing() -> None:
    """Builds before resume_from restarted BART at balloon 1: scoring said "starts before balloon 7 ended"."""
    plan = [(5, 50)] * 8
    b = StreamBuilder("s-old-restart")
    bart_game(b, plan[:7])
    del b.records[-3:]  # the crash came during balloon 6: keep its start and pumps, not its collect or end
    partial = [r for r in b.records if r.trial == 6]
    assert partial and partial[-1].kind == "bart.pump"
    _crash(b, "bart", 6)
    bart_game(b, plan)  # the old station started the game over from its first balloon
    records = b.close()
    profile = score_session(records)
    assert profile.game("bart").completed
    assert _metric(profile, "bart", "bart.balloons") == 6 + 8  # what was recorded, balloon 6's start dropped


# -- reaction time --------------------------------------------------------------------------------------------

def _rt_trials(b: StreamBuilder, rules: ReactionRules, state: ReactionState, until: int,
               latency_ms: int = 300) -> ReactionState:
    while state.trial < until:
        state, em = rules.begin_trial(state, b.t_ns + 800 * MS)
        _emit(b, "simple_rt", em)
        onset = state.trial_start_ns + state.foreperiod_ns
        state, em = rules.present(state, onset, onset + MS)
        _emit(b, "simple_rt", em)
        state, em = rules.respond(state, SPACE, onset + MS + latency_ms * MS)
        _emit(b, "simple_rt", em)
    return state


@pytest.mark.parametrize("cut", ["trial_started", "stimulus_onset", "false_start"])
def test_a_reaction_trial_cut_short_by_a_crash_counts_once(cut: str) -> None:
    params = SimpleRTParams(trials=12, foreperiod_min_ms=100, foreperiod_max_ms=200)
    rules = ReactionRules(params, random.Random(4), 4)
    b = StreamBuilder("s-rt-crash")
    state, em = rules.start(ReactionState(), 10 * MS)
    _emit(b, "simple_rt", em)
    state = _rt_trials(b, rules, state, 5)
    state, em = rules.begin_trial(state, b.t_ns + 800 * MS)
    _emit(b, "simple_rt", em)
    if cut == "false_start":
        state, em = rules.respond(state, SPACE, b.t_ns + 10 * MS)
        _emit(b, "simple_rt", em)
    elif cut == "stimulus_onset":
        onset = state.trial_start_ns + state.foreperiod_ns
        state, em = rules.present(state, onset, onset + MS)
        _emit(b, "simple_rt", em)
    _crash(b, "simple_rt", 5)
    again = ReactionRules(params, random.Random(4), 4)
    restored = again.restore(ReactionState(), game_records(b.records, "simple_rt", "rt."))
    assert restored.state.trial == 5 and restored.repeated
    state, em = again.resume_game(restored, b.t_ns + MS)
    _emit(b, "simple_rt", em)
    state = _rt_trials(b, again, state, 12)
    state, em = again.finish(state, b.t_ns + MS)
    _emit(b, "simple_rt", em)
    profile = score_session(b.close())
    assert _metric(profile, "simple_rt", "rt.trials") == 12
    assert _metric(profile, "simple_rt", "rt.valid_n") == 12
    assert _metric(profile, "simple_rt", "rt.false_starts") == 0  # the cut attempt is dropped, not counted
    assert _metric(profile, "simple_rt", "rt.median_rt_ms") == pytest.approx(300.0)


# -- decision -------------------------------------------------------------------------------------------------

def _tasks(b: StreamBuilder, state: dec_rules.DecisionState, count: int) -> dec_rules.DecisionState:
    for _ in range(count):
        state, em = dec_rules.start_task(state, b.t_ns + 500 * MS)
        _emit(b, "decision", em)
        state, em = dec_rules.choose(state, state.task.options[0].id, b.t_ns + 3000 * MS)
        _emit(b, "decision", em)
        text = "Because it is safer, therefore I pick it and move on with the plan."
        state, em = dec_rules.start_reasoning(state, b.t_ns + 500 * MS)
        _emit(b, "decision", em)
        state, em = dec_rules.complete_task(state, text, b.t_ns + 4000 * MS)
        _emit(b, "decision", em)
    return state


def test_a_decision_task_cut_short_by_a_crash_counts_once() -> None:
    params = DecisionParams()
    scenarios = load_scenarios()
    fresh = dec_rules.new_game(scenarios, params, random.Random(1), 1)
    b = StreamBuilder("s-decision-crash")
    state, em = dec_rules.start_game(fresh, 10 * MS)
    _emit(b, "decision", em)
    state = _tasks(b, state, 2)
    state, em = dec_rules.start_task(state, b.t_ns + 500 * MS)
    _emit(b, "decision", em)
    state, em = dec_rules.choose(state, state.task.options[1].id, b.t_ns + 2000 * MS)
    _emit(b, "decision", em)
    _crash(b, "decision", 2)
    restored = dec_rules.restore(dec_rules.new_game(scenarios, params, random.Random(1), 1),
                                 game_records(b.records, "decision", "decision."))
    state, em = dec_rules.resume_game(restored, b.t_ns + MS)
    _emit(b, "decision", em)
    state = _tasks(b, state, len(scenarios) - 2)
    state, em = dec_rules.end_game(state, b.t_ns + MS)
    _emit(b, "decision", em)
    profile = score_session(b.close())
    assert _metric(profile, "decision", "decision.tasks_completed") == len(scenarios)
    task = scenarios[2].id
    changes = next(m for m in profile.game("decision").metrics if m.key == "decision.changes" and m.group == task)
    assert changes.value == 0  # the pick before the crash (option 2) is not this task's history


def test_a_stream_without_a_resume_is_never_changed() -> None:
    b = StreamBuilder()
    bart_game(b, [(5, 3), (4, 50)])
    records = b.close()
    game = [r for r in records if r.game == "bart"]
    assert drop_interrupted_trials(game, []) == game
    assert parse_stream(records).interrupted == []
