"""The effort game's pure rules: the plan, deadlines by timestamp, presses, completion, the fixed duration."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from games.effort.params import EffortParams
from games.effort.rules import EffortLateError, EffortRules, plan_offers

S = 1_000_000_000


def test_each_block_of_trials_holds_every_probability_once_and_rewards_stay_in_range() -> None:
    params = EffortParams(max_trials=30)
    offers = plan_offers(params, random.Random(4))
    for k in range(0, 30, 3):
        assert sorted(o.probability for o in offers[k:k + 3]) == [12, 50, 88]
    assert all(124 <= o.hard_reward_cents <= 430 for o in offers)
    wins = Counter((o.probability, o.wins) for o in plan_offers(EffortParams(max_trials=900), random.Random(1)))
    assert wins[(88, True)] > wins[(88, False)] and wins[(12, True)] < wins[(12, False)]


def test_a_task_completes_on_its_last_press_and_deadlines_are_by_timestamp() -> None:
    rules = EffortRules(EffortParams(easy_presses=2, easy_seconds=1, choice_seconds=2, feedback_ms=500), 3)
    state, _ = rules.start_game(rules.initial_state(), 0)
    state, _ = rules.start_trial(state, S)
    with pytest.raises(EffortLateError):
        rules.choose(state, "easy", 3 * S, "key", "E")  # at the 2 s deadline or after: too late
    state, out = rules.choose(state, "easy", S + S // 2, "key", "E")
    assert out[0].payload.rt_ns == S // 2  # type: ignore[attr-defined]
    state, _ = rules.start_task(state, 2 * S)
    state, out = rules.press(state, 2 * S + 100, "key", "Space")
    assert [e.kind for e in out] == ["effort.press"]
    with pytest.raises(EffortLateError):
        rules.press(state, 3 * S, "key", "Space")  # the task's 1 s are over
    state, out = rules.press(state, 2 * S + 300, "mouse", "left")
    ended = out[-1].payload
    assert out[-1].kind == "effort.trial_ended" and ended.completed and ended.presses == 2  # type: ignore[attr-defined]
    assert ended.press_ns == 300 and ended.active_ns == 2 * S + 300 - S + 500 * 1_000_000  # type: ignore[attr-defined]
    assert ended.earned_cents == (100 if rules.plan[0].wins else 0)  # type: ignore[attr-defined]


def test_the_game_ends_when_its_fixed_duration_is_used_up() -> None:
    rules = EffortRules(EffortParams(duration_s=10, choice_seconds=5, feedback_ms=0), 1)
    state, _ = rules.start_game(rules.initial_state(), 0)
    t, rounds = 0, 0
    while rules.has_next(state):
        state, _ = rules.start_trial(state, t)
        state, out = rules.expire_choice(state, rules.choice_deadline(state))  # no choice: 5 s used
        assert out[0].payload.choice == "none"  # type: ignore[attr-defined]
        t, rounds = state.last_t_ns, rounds + 1
    assert rounds == 2 and state.elapsed_ns == 10 * S
