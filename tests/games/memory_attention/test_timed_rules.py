"""The flanker and stop-signal rules without Qt: balanced plans, answers per rule, the delay staircase, refusals."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from games.flanker.params import FlankerParams
from games.flanker.rules import FlankerRules
from games.kit.trials import TrialRuleError, TrialState
from games.stop_signal.params import StopSignalParams
from games.stop_signal.rules import StopSignalRules
from tests.games.memory_attention.streams import as_records

MS = 1_000_000


def test_the_conflict_block_balances_conditions_and_sides_and_the_switch_block_switches_half_the_time() -> None:
    rules = FlankerRules(FlankerParams(), 4)
    conflict = [t for t in rules.plan if t.kind == "conflict"]
    mixed = [t for t in rules.plan if t.kind == "switch"]
    assert Counter((t.condition, t.target) for t in conflict) == {
        (c, s): 8 for c in ("congruent", "incongruent", "neutral") for s in ("left", "right")}
    assert all(t.rule == "centre" and t.switch is None for t in conflict)
    assert Counter(t.condition for t in mixed) == {"congruent": 24, "incongruent": 24}
    assert mixed[0].switch is None and Counter(t.switch for t in mixed[1:]) == {True: 24, False: 23}
    for before, now in itertools.pairwise(mixed):
        assert now.switch == (now.rule != before.rule)
    assert all(400 <= t.fixation_ms <= 1600 for t in rules.plan)
    assert [t.fixation_ms for t in rules.plan] == [t.fixation_ms for t in FlankerRules(FlankerParams(), 4).plan]


def test_the_answer_follows_the_rule() -> None:
    rules = FlankerRules(FlankerParams(), 4)
    for t in rules.plan:
        side = t.target if t.rule == "centre" else t.flankers
        assert t.correct_key == ("Left" if side == "left" else "Right")
        if t.condition == "incongruent" and t.rule == "flankers":
            assert t.correct_key != ("Left" if t.target == "left" else "Right")


def play(rules: FlankerRules | StopSignalRules, state: TrialState, t: int, key: str | None,
         latency_ms: int = 300) -> tuple[TrialState, int, list]:
    emitted = []
    if rules.needs_block(state):
        state, em = rules.start_block(state, t)
        emitted += em
    state, em = rules.begin_trial(state, t)
    emitted += em
    t += rules.current(state).fixation_ms * MS
    state, em = rules.present(state, t, t + 10)
    emitted += em
    onset = t + 10
    if isinstance(rules, StopSignalRules) and rules.current(state).stop and (key is None or latency_ms > state.ssd_ms):
        state, em = rules.signal(state, onset + state.ssd_ms * MS, onset + state.ssd_ms * MS + 7)
        emitted += em
    if key is None:
        state, em = rules.expire(state, onset + rules.timeout_ns)
    else:
        state, em = rules.respond(state, key, onset + latency_ms * MS, "key")
    return state, state.last_t_ns + MS, emitted + list(em)


def test_the_stop_signal_plan_and_the_staircase() -> None:
    p = StopSignalParams(trials=40, blocks=2, ssd_start_ms=100, ssd_step_ms=50, ssd_min_ms=50, ssd_max_ms=200)
    rules = StopSignalRules(p, 6)
    assert [sum(t.stop for t in rules.plan if t.block == b) for b in (0, 1)] == [5, 5]
    assert Counter(t.direction for t in rules.plan) == {"left": 20, "right": 20}
    assert StopSignalParams().stop_trials == 50
    state, _ = rules.start_game(TrialState(), 0)
    t, delays, outcomes = MS, [], []
    while not rules.is_done(state) and len(outcomes) < 40:
        plan = rules.current(state)
        stop_now = len([o for o in outcomes if o.startswith("stop")]) % 3 != 0  # stop on two of three signals
        key = None if plan.stop and stop_now else plan.correct_key
        if plan.stop:
            delays.append(state.ssd_ms)
        state, t, emitted = play(rules, state, t, key)
        outcomes.append(emitted[-1].payload.outcome)
    stops = [o for o in outcomes if o.startswith("stop")]
    assert stops[:4] == ["stop_failure", "stop_success", "stop_success", "stop_failure"]
    assert delays[:5] == [100, 50, 100, 150, 100]  # -50 after a failure (floored at 50), +50 after a success
    assert all(50 <= d <= 200 for d in delays)
    with pytest.raises(TrialRuleError, match="no stop signal to show"):
        go = next(i for i, x in enumerate(rules.plan) if not x.stop)
        rules.signal(TrialState(phase="stimulus", trial=go, block_open=True), 0, 0)


def test_a_response_before_the_signal_is_a_failed_stop_and_the_restore_rebuilds_the_staircase() -> None:
    p = StopSignalParams(trials=8, blocks=1, stop_share=0.5, ssd_start_ms=300)
    rules = StopSignalRules(p, 2)
    state, head = rules.start_game(TrialState(), 0)
    events, t = list(head), MS
    first_stop = next(i for i, x in enumerate(rules.plan) if x.stop)
    while state.trial <= first_stop:
        state, t, emitted = play(rules, state, t, rules.current(state).correct_key, latency_ms=120)
        events += emitted
    response = next(e for e in events if e.kind == "stop_signal.response" and e.trial == first_stop).payload
    assert response.stop and response.after_signal is False and not any(
        e.kind == "stop_signal.stop_onset" for e in events)
    assert events[-1].payload.outcome == "stop_failure" and state.ssd_ms == 250
    fresh = StopSignalRules(p, 2)
    restored = fresh.restore(TrialState(), as_records("stop_signal", events))
    assert (restored.state.trial, restored.state.ssd_ms, restored.repeated) == (first_stop + 1, 250, False)
    cut = as_records("stop_signal", events[:-1])  # the trial_ended of the failed stop is missing: play it again
    again = StopSignalRules(p, 2).restore(TrialState(), cut)
    assert (again.state.trial, again.state.ssd_ms, again.repeated) == (first_stop, 300, True)


def test_timed_refusals_name_the_problem() -> None:
    rules = FlankerRules(FlankerParams(conflict_trials=3, switch_trials=0), 1)
    state, _ = rules.start_game(TrialState(), 10)
    with pytest.raises(TrialRuleError, match="block not started"):
        rules.begin_trial(state, 20)
    state, _ = rules.start_block(state, 20)
    state, _ = rules.begin_trial(state, 30)
    with pytest.raises(TrialRuleError, match="cannot respond in phase 'fixation'"):
        rules.respond(state, "Left", 40, "key")
    state, _ = rules.present(state, 50, 60)
    with pytest.raises(TrialRuleError, match="'Space' is not one of the keys"):
        rules.respond(state, "Space", 70, "key")
    with pytest.raises(TrialRuleError, match="before the response deadline"):
        rules.expire(state, 70)
    late, em = rules.respond(state, "Left", 60 + rules.timeout_ns, "key")  # too late: counts as none
    assert [e.kind for e in em] == ["flanker.trial_ended"] and em[0].payload.outcome == "omission"
    assert late.omissions == 1
