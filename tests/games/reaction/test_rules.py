"""Rules of the reaction-time family: determinism, distributions, false starts, classification, sequence errors."""

from __future__ import annotations

import math
import random

import pytest
from pydantic import ValidationError

from eventlog.kinds import validate_payload
from games.core import Emission
from games.reaction.params import ChoiceRTParams, GoNoGoParams, ReactionParams, SimpleRTParams
from games.reaction.rules import (
    ReactionRules,
    ReactionSequenceError,
    ReactionState,
    TimeOrderError,
    UnknownKeyError,
)

MS = 1_000_000


def make(params: ReactionParams, seed: int = 7) -> tuple[ReactionRules, ReactionState]:
    rules = ReactionRules(params, random.Random(seed), seed)
    state, _ = rules.start(ReactionState(), 0)
    return rules, state


def dump(emissions: list[Emission]) -> list[tuple[str, int, dict, int | None]]:
    return [(e.kind, e.t_ns, e.payload.model_dump(), e.trial) for e in emissions]


def play_all(rules: ReactionRules, state: ReactionState, latency_ns: int = 300 * MS) -> list[Emission]:
    """Play every trial: onset at the foreperiod's end, response (or withholding) at latency_ns."""
    out: list[Emission] = []
    t = 1_000 * MS
    while not rules.is_done(state):
        state, em = rules.begin_trial(state, t)
        out += em
        onset = t + state.foreperiod_ns
        state, em = rules.present(state, onset, onset + 2 * MS)
        out += em
        plan = rules.plan[state.trial]
        if plan.is_go:
            state, em = rules.respond(state, plan.correct_key or "Space", state.onset_ns + latency_ns, 5)
        else:
            state, em = rules.expire(state, state.onset_ns + rules.timeout_ns)
        out += em
        t = state.last_t_ns + 500 * MS
    state, em = rules.finish(state, t)
    return [*out, *em]


@pytest.mark.parametrize("params", [SimpleRTParams(), ChoiceRTParams(choices=4), GoNoGoParams()])
def test_same_seed_same_events_and_other_seed_differs(params: ReactionParams) -> None:
    first = dump(play_all(*make(params, seed=11)))
    again = dump(play_all(*make(params, seed=11)))
    other = dump(play_all(*make(params, seed=12)))
    assert first == again
    assert first != other
    for kind, _t, payload, _trial in first:
        validate_payload(kind, payload)


def test_event_stream_shape_of_a_full_go_nogo_game() -> None:
    rules, state = make(GoNoGoParams(trials=8, go_share=0.75))
    events = play_all(rules, state)
    kinds = [e.kind for e in events]
    assert kinds[-1] == "rt.game_ended"
    assert kinds.count("rt.trial_started") == 8
    assert kinds.count("rt.stimulus_onset") == 8
    assert kinds.count("rt.response") == 6
    assert [e.payload.outcome for e in events if e.kind == "rt.trial_ended"].count("withheld") == 2
    times = [e.t_ns for e in events]
    assert times == sorted(times)


def test_go_share_is_exact_and_shuffled_evenly_over_seeds() -> None:
    for trials, share, n_go in [(40, 0.75, 30), (10, 0.2, 2), (7, 0.5, 4), (1, 0.75, 1)]:
        rules = ReactionRules(GoNoGoParams(trials=trials, go_share=share), random.Random(3), 3)
        assert sum(p.is_go for p in rules.plan) == n_go
    seeds = range(2000)
    first_go = sum(ReactionRules(GoNoGoParams(), random.Random(s), s).plan[0].is_go for s in seeds)
    expected, sd = 2000 * 0.75, math.sqrt(2000 * 0.75 * 0.25)
    assert abs(first_go - expected) < 4 * sd
    last_go = sum(ReactionRules(GoNoGoParams(), random.Random(s), s).plan[-1].is_go for s in seeds)
    assert abs(last_go - expected) < 4 * sd


def test_choice_trials_are_balanced_and_mapped_by_position() -> None:
    two = ReactionRules(ChoiceRTParams(trials=24, choices=2), random.Random(5), 5)
    assert sorted(p.stimulus for p in two.plan).count("left") == 12
    assert {(p.stimulus, p.correct_key) for p in two.plan} == {("left", "F"), ("right", "J")}
    four = ReactionRules(ChoiceRTParams(trials=24, choices=4), random.Random(5), 5)
    assert four.keys == ("D", "F", "J", "K")
    for stimulus, key in [("far_left", "D"), ("left", "F"), ("right", "J"), ("far_right", "K")]:
        assert [p.correct_key for p in four.plan if p.stimulus == stimulus] == [key] * 6
    assert [p.stimulus for p in four.plan] != sorted(p.stimulus for p in four.plan)


def test_foreperiods_are_uniform_between_min_and_max() -> None:
    """Kolmogorov-Smirnov against U(1 s, 3 s) over 4000 draws (false starts repeat, drawing anew)."""
    rules, state = make(SimpleRTParams(), seed=2024)
    draws: list[int] = []
    for t in range(0, 8000, 2):
        state, _ = rules.begin_trial(state, t)
        draws.append(state.foreperiod_ns)
        state, _ = rules.respond(state, "Space", t + 1)
    assert min(draws) >= 1000 * MS and max(draws) <= 3000 * MS
    xs = sorted((d - 1000 * MS) / (2000 * MS) for d in draws)
    n = len(xs)
    ks = max(max((i + 1) / n - x, x - i / n) for i, x in enumerate(xs))
    assert ks < 1.949 / math.sqrt(n)  # critical value at alpha = 0.001
    assert abs(sum(xs) / n - 0.5) < 4 * math.sqrt(1 / 12 / n)


def test_false_start_is_recorded_and_the_trial_repeats_with_a_new_foreperiod() -> None:
    rules, state = make(SimpleRTParams(), seed=1)
    state, em = rules.begin_trial(state, 100 * MS)
    first_fp = state.foreperiod_ns
    state, em = rules.respond(state, "Space", 400 * MS)
    assert dump(em) == [("rt.false_start", 400 * MS,
                         {"trial": 0, "key": "Space", "before_onset_ns": 100 * MS + first_fp - 400 * MS}, 0)]
    assert state.phase == "between" and state.trial == 0 and state.repeat
    state, em = rules.begin_trial(state, 900 * MS)
    assert em[0].kind == "rt.trial_started" and em[0].trial == 0
    assert em[0].payload.foreperiod_ns == state.foreperiod_ns != first_fp
    state, _ = rules.present(state, 900 * MS + state.foreperiod_ns, 901 * MS + state.foreperiod_ns)
    state, em = rules.respond(state, "Space", state.onset_ns + 250 * MS, 42)
    assert dump(em) == [
        ("rt.response", state.last_t_ns,
         {"trial": 0, "key": "Space", "latency_ns": 250 * MS, "correct": True, "qt_event_ms": 42}, 0),
        ("rt.trial_ended", state.last_t_ns, {"trial": 0, "outcome": "hit"}, 0),
    ]
    assert state.trial == 1 and state.tally.false_starts == 1 and state.tally.hits == 1


def test_false_start_after_a_late_timer_counts_zero_before_onset() -> None:
    rules, state = make(SimpleRTParams(foreperiod_min_ms=50, foreperiod_max_ms=50))
    state, _ = rules.begin_trial(state, 0)
    _, em = rules.respond(state, "Space", 60 * MS)
    assert em[0].payload.before_onset_ns == 0


def go_nogo_at(kind_go: bool) -> tuple[ReactionRules, ReactionState]:
    rules, state = make(GoNoGoParams(trials=8))
    index = next(i for i, p in enumerate(rules.plan) if p.is_go is kind_go)
    state = ReactionState(phase="between", trial=index)
    state, _ = rules.begin_trial(state, 0)
    state, _ = rules.present(state, state.foreperiod_ns, state.foreperiod_ns + MS)
    return rules, state


def test_no_response_on_go_is_omission_and_on_nogo_is_withheld() -> None:
    rules, state = go_nogo_at(True)
    deadline = state.onset_ns + 1500 * MS
    _, em = rules.expire(state, deadline)
    assert dump(em) == [("rt.omission", deadline, {"trial": state.trial, "timeout_ns": 1500 * MS}, state.trial),
                        ("rt.trial_ended", deadline, {"trial": state.trial, "outcome": "omission"}, state.trial)]
    rules, state = go_nogo_at(False)
    _, em = rules.expire(state, state.onset_ns + 1600 * MS)
    assert [(e.kind, e.payload.model_dump()) for e in em] == [
        ("rt.trial_ended", {"trial": state.trial, "outcome": "withheld"})
    ]


def test_response_on_nogo_is_commission_and_a_late_response_is_a_timeout() -> None:
    rules, state = go_nogo_at(False)
    new, em = rules.respond(state, "click:Space", state.onset_ns + 320 * MS)
    assert [(e.kind, e.payload.model_dump()) for e in em] == [
        ("rt.commission", {"trial": state.trial, "key": "click:Space", "latency_ns": 320 * MS}),
        ("rt.trial_ended", {"trial": state.trial, "outcome": "commission"}),
    ]
    assert new.tally.commissions == 1
    rules, state = go_nogo_at(True)
    _, em = rules.respond(state, "Space", state.onset_ns + 1500 * MS)
    assert [e.kind for e in em] == ["rt.omission", "rt.trial_ended"]
    assert em[1].payload.outcome == "omission"


def test_wrong_key_in_choice_rt_is_an_error() -> None:
    rules, state = make(ChoiceRTParams(choices=4))
    state, _ = rules.begin_trial(state, 0)
    state, _ = rules.present(state, state.foreperiod_ns, state.foreperiod_ns)
    right = rules.plan[0].correct_key
    wrong = next(k for k in rules.keys if k != right)
    new, em = rules.respond(state, wrong, state.onset_ns + 400 * MS, None)
    assert em[0].payload.model_dump() == {
        "trial": 0, "key": wrong, "latency_ns": 400 * MS, "correct": False, "qt_event_ms": None
    }
    assert em[1].payload.outcome == "error" and new.tally.errors == 1 and new.tally.hit_latencies_ns == ()
    _, em = rules.respond(state, f"click:{right}", state.onset_ns + 400 * MS)
    assert em[0].payload.correct is True and em[1].payload.outcome == "hit"


def test_sequence_errors_name_the_action_and_emit_nothing() -> None:
    rules = ReactionRules(SimpleRTParams(trials=1), random.Random(1), 1)
    fresh = ReactionState()
    with pytest.raises(ReactionSequenceError, match="respond: not allowed in phase 'ready'"):
        rules.respond(fresh, "Space", 0)
    with pytest.raises(ReactionSequenceError, match="first_trial 1"):
        rules.start(fresh, 0, first_trial=1)
    state, _ = rules.start(fresh, 0)
    with pytest.raises(ReactionSequenceError, match="start: not allowed in phase 'between'"):
        rules.start(state, 0)
    with pytest.raises(ReactionSequenceError, match="present"):
        rules.present(state, 0, 0)
    with pytest.raises(ReactionSequenceError, match="finish: trial 0 of 1"):
        rules.finish(state, 0)
    state, _ = rules.begin_trial(state, 10)
    with pytest.raises(UnknownKeyError, match="'A'"):
        rules.respond(state, "A", 20)
    with pytest.raises(TimeOrderError, match="requested_t_ns"):
        rules.present(state, 30, 29)
    with pytest.raises(TimeOrderError, match="trial start"):
        rules.present(state, 5, 30)
    state, _ = rules.present(state, 30, 40)
    with pytest.raises(ReactionSequenceError, match="present: not allowed in phase 'stimulus'"):
        rules.present(state, 50, 60)
    with pytest.raises(TimeOrderError, match="deadline"):
        rules.expire(state, 40 + 1499 * MS)
    with pytest.raises(TimeOrderError, match="stimulus onset"):
        rules.respond(state, "Space", 39)
    state, _ = rules.respond(state, "Space", 50 * MS)
    with pytest.raises(ReactionSequenceError, match="all 1 trials are done"):
        rules.begin_trial(state, 60 * MS)
    with pytest.raises(TimeOrderError, match="previous event"):
        rules.finish(state, 49 * MS)
    state, em = rules.finish(state, 60 * MS)
    assert dump(em) == [("rt.game_ended", 60 * MS, {"trials": 1}, None)]
    with pytest.raises(ReactionSequenceError, match="finished"):
        rules.respond(state, "Space", 70 * MS)


def test_start_at_a_later_trial_plays_the_rest_with_the_same_plan() -> None:
    rules = ReactionRules(ChoiceRTParams(trials=8), random.Random(9), 9)
    state, _ = rules.start(ReactionState(), 0, first_trial=5)
    events = play_all(rules, state)
    assert [e.trial for e in events if e.kind == "rt.trial_started"] == [5, 6, 7]
    assert events[-1].payload.trials == 3
    assert rules.plan == ReactionRules(ChoiceRTParams(trials=8), random.Random(9), 9).plan


def test_summary_counts_outcomes_and_median() -> None:
    rules, state = make(GoNoGoParams(trials=4, go_share=0.5))
    go_latencies = iter((200, 400))
    t = 0
    while not rules.is_done(state):
        state, _ = rules.begin_trial(state, t)
        state, _ = rules.present(state, t + state.foreperiod_ns, t + state.foreperiod_ns)
        latency = next(go_latencies) if rules.plan[state.trial].is_go else 100
        state, _ = rules.respond(state, "Space", state.onset_ns + latency * MS)
        t = state.last_t_ns
    summary = rules.summary(state)
    assert summary["hits"] == 2 and summary["commissions"] == 2 and summary["median_hit_rt_ms"] == 300.0
    assert summary["omissions"] == summary["withheld"] == summary["false_starts"] == 0


def test_params_refuse_bad_values_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="foreperiod_min_ms"):
        SimpleRTParams(foreperiod_min_ms=3000, foreperiod_max_ms=1000)
    with pytest.raises(ValidationError, match="choices"):
        ChoiceRTParams(choices=3)
    with pytest.raises(ValidationError, match="go_share"):
        GoNoGoParams(go_share=1.0)
    with pytest.raises(ValidationError, match="timeout_ms"):
        SimpleRTParams(timeout_ms=0)
    assert (SimpleRTParams().trials, ChoiceRTParams().trials, GoNoGoParams().trials) == (20, 24, 40)
    assert ChoiceRTParams.model_validate({"choices": "4", "timeout_ms": "900"}).choices == 4  # CLI strings
