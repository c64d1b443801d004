"""The pure decision rules: task order, emitted payloads, and every sequence rule with its typed error."""

from __future__ import annotations

import random

import pytest

from eventlog.kinds import validate_payload
from games.core import Step
from games.decision import errors as err
from games.decision import rules as r
from games.decision.params import DecisionParams
from games.decision.scenarios import load_scenarios

SCENARIOS = load_scenarios()
REQUIRED = next(s for s in SCENARIOS if s.reasoning_required and s.soft_time_limit_s)
OPTIONAL = next(s for s in SCENARIOS if not s.reasoning_required)


def game(*ids: str, order: str = "fixed", seed: int = 7) -> r.DecisionState:
    params = DecisionParams(scenarios=ids or "all", order=order)
    return r.new_game(SCENARIOS, params, random.Random(seed), seed)


def in_task(*ids: str) -> r.DecisionState:
    state = r.start_game(game(*ids), 0).state
    return r.start_task(state, 1_000, 900).state


def kinds(step: Step[r.DecisionState]) -> list[str]:
    return [e.kind for e in step.emissions]


def test_fixed_order_follows_params_and_all_is_file_order() -> None:
    assert [t.id for t in game("sa_urgent_data", "at_tool_choice").tasks] == ["sa_urgent_data", "at_tool_choice"]
    assert [t.id for t in game().tasks] == [s.id for s in SCENARIOS]


def test_shuffle_is_deterministic_for_a_seed_and_differs_across_seeds() -> None:
    orders = {tuple(t.id for t in game(order="shuffle", seed=seed).tasks) for seed in range(6)}
    assert tuple(t.id for t in game(order="shuffle", seed=3).tasks) == tuple(
        t.id for t in game(order="shuffle", seed=3).tasks
    )
    assert len(orders) > 1
    assert all(sorted(order) == sorted(s.id for s in SCENARIOS) for order in orders)


def test_unknown_scenario_id_is_named_by_params_and_by_the_rules() -> None:
    with pytest.raises(ValueError, match="unknown scenario id\\(s\\) nope"):
        DecisionParams(scenarios=("ps_release_bug", "nope"))
    unchecked = DecisionParams.model_construct(scenarios=("ps_release_bug", "nope"), order="fixed")
    with pytest.raises(err.UnknownScenarioError, match="nope"):
        r.new_game(SCENARIOS, unchecked, random.Random(1), 1)


def test_params_accept_comma_separated_ids() -> None:
    params = DecisionParams.model_validate({"scenarios": "sa_urgent_data, at_tool_choice"})
    assert params.scenarios == ("sa_urgent_data", "at_tool_choice")
    with pytest.raises(ValueError, match="must not repeat"):
        DecisionParams.model_validate({"scenarios": "at_tool_choice,at_tool_choice"})
    with pytest.raises(ValueError, match="at least one"):
        DecisionParams.model_validate({"scenarios": ","})


def test_a_full_task_emits_the_vocabulary_payloads() -> None:
    state = r.start_game(game(REQUIRED.id, OPTIONAL.id), 0)
    assert kinds(state) == ["decision.game_started"]
    assert state.emissions[0].payload.model_dump() == {"tasks": [REQUIRED.id, OPTIONAL.id], "seed": 7,
                                                       "idle_threshold_ms": 5000}
    step = r.start_task(state.state, 1_000, 900)
    started = step.emissions[0]
    assert (started.kind, started.trial) == ("decision.task_started", 0)
    assert started.payload.model_dump() == {
        "task_id": REQUIRED.id, "category": REQUIRED.category, "option_ids": [o.id for o in REQUIRED.options],
        "reasoning_required": True, "min_reasoning_chars": REQUIRED.min_chars,
        "soft_time_limit_s": REQUIRED.soft_time_limit_s, "requested_t_ns": 900,
        "option_risks": [o.risk_level for o in REQUIRED.options],
    }
    first, second = REQUIRED.options[0], REQUIRED.options[1]
    looking = r.view_started(step.state, first.id, "hover", 1_500)
    assert looking.emissions[0].payload.model_dump() == {"task_id": REQUIRED.id, "option_id": first.id, "via": "hover"}
    view = r.view_option(step.state, first.id, "hover", 1_500, 2_500)
    assert view.emissions[0].payload.model_dump() == {
        "task_id": REQUIRED.id, "option_id": first.id, "via": "hover", "started_t_ns": 1_500, "duration_ns": 1_000,
    }
    selected = r.choose(view.state, first.id, 3_000)
    assert selected.emissions[0].payload.model_dump() == {
        "task_id": REQUIRED.id, "option_id": first.id, "risk_level": first.risk_level, "tags": list(first.tags),
    }
    changed = r.choose(selected.state, second.id, 4_000)
    assert changed.emissions[0].payload.model_dump() == {
        "task_id": REQUIRED.id, "from_option": first.id, "to_option": second.id,
        "from_risk": first.risk_level, "to_risk": second.risk_level,
    }
    assert r.choose(changed.state, second.id, 4_500).emissions == ()
    text = "Because the risk is small, therefore we go ahead."
    reasoning = r.start_reasoning(changed.state, 5_000)
    burst = r.typed(reasoning.state, 5_000, 5_800, 10, 6_000)
    assert burst.emissions[0].payload.model_dump() == {"task_id": REQUIRED.id, "started_t_ns": 5_000,
                                                       "ended_t_ns": 5_800, "keystrokes": 10}
    scroll = r.scrolled(reasoning.state, 5_100, 5_300, 3, 5_900)
    assert scroll.emissions[0].payload.model_dump() == {"task_id": REQUIRED.id, "started_t_ns": 5_100,
                                                        "ended_t_ns": 5_300, "steps": 3}
    updated = r.update_reasoning(reasoning.state, text[:10], 6_000)
    assert updated.emissions[0].payload.model_dump() == {"task_id": REQUIRED.id, "chars": 10, "words": 2}
    done = r.complete_task(reasoning.state, text, 7_000)
    assert kinds(done) == ["decision.reasoning_submitted", "decision.task_completed"]
    assert done.emissions[0].payload.model_dump() == {
        "task_id": REQUIRED.id, "text": text, "chars": len(text), "words": len(text.split()),
    }
    assert done.emissions[1].payload.model_dump() == {
        "task_id": REQUIRED.id, "option_id": second.id, "risk_level": second.risk_level,
        "tags": list(second.tags), "soft_limit_exceeded": False,
    }
    for emission in (*state.emissions, *step.emissions, *looking.emissions, *view.emissions, *burst.emissions,
                     *scroll.emissions, *done.emissions):
        validate_payload(emission.kind, emission.payload)
    nxt = r.start_task(done.state, 8_000)
    assert (nxt.emissions[0].trial, nxt.emissions[0].payload.task_id) == (1, OPTIONAL.id)


def test_soft_limit_exceeded_is_computed_from_task_start() -> None:
    state = r.choose(in_task(REQUIRED.id), REQUIRED.options[0].id, 2_000).state
    state = r.start_reasoning(state, 2_100).state
    text = "x" * REQUIRED.min_chars
    limit_ns = REQUIRED.soft_time_limit_s * 10**9
    at_limit = r.complete_task(state, text, 1_000 + limit_ns)
    over = r.complete_task(state, text, 1_000 + limit_ns + 1)
    assert at_limit.emissions[-1].payload.soft_limit_exceeded is False
    assert over.emissions[-1].payload.soft_limit_exceeded is True


def test_optional_reasoning_may_be_skipped_and_then_nothing_is_submitted() -> None:
    state = r.choose(in_task(OPTIONAL.id), OPTIONAL.options[2].id, 2_000).state
    assert r.completion_blocker(state, "") is None
    done = r.complete_task(state, "", 3_000)
    assert kinds(done) == ["decision.task_completed"]
    assert done.emissions[0].payload.soft_limit_exceeded is False


def test_game_ends_only_after_every_task() -> None:
    state = r.choose(in_task(OPTIONAL.id), OPTIONAL.options[0].id, 2_000).state
    with pytest.raises(err.GameStateError, match="tasks remain"):
        r.end_game(state, 2_500)
    done = r.complete_task(state, "", 3_000).state
    ended = r.end_game(done, 4_000)
    assert ended.emissions[0].payload.model_dump() == {"tasks_completed": 1}
    with pytest.raises(err.GameStateError, match="already ended"):
        r.end_game(ended.state, 5_000)
    with pytest.raises(err.GameStateError, match="has ended"):
        r.choose(ended.state, OPTIONAL.options[0].id, 5_000)


# -- the sequence rules, one by one ------------------------------------------------------------------

def test_task_events_before_task_started_are_refused() -> None:
    state = r.start_game(game(OPTIONAL.id), 0).state
    option = OPTIONAL.options[0].id
    calls = [
        lambda: r.view_option(state, option, "focus", 0, 10),
        lambda: r.select_option(state, option, 10),
        lambda: r.change_option(state, option, 10),
        lambda: r.start_reasoning(state, 10),
        lambda: r.complete_task(state, "", 10),
        lambda: r.idle(state, 6000, 10),
        lambda: r.lose_focus(state, 10),
    ]
    for call in calls:
        with pytest.raises(err.TaskNotStartedError, match="task_started must come first"):
            call()


def test_nothing_before_game_started() -> None:
    with pytest.raises(err.GameStateError, match="not between tasks"):
        r.start_task(game(OPTIONAL.id), 10)
    with pytest.raises(err.TaskNotStartedError):
        r.select_option(game(OPTIONAL.id), OPTIONAL.options[0].id, 10)


def test_game_started_twice_is_refused() -> None:
    state = r.start_game(game(OPTIONAL.id), 0).state
    with pytest.raises(err.GameStateError, match="already started"):
        r.start_game(state, 1)


def test_task_started_twice_is_refused() -> None:
    with pytest.raises(err.TaskAlreadyStartedError, match="started and not completed"):
        r.start_task(in_task(OPTIONAL.id, REQUIRED.id), 2_000)


def test_option_changed_needs_a_prior_selection() -> None:
    with pytest.raises(err.NoSelectionError, match="option_selected must come first"):
        r.change_option(in_task(OPTIONAL.id), OPTIONAL.options[1].id, 2_000)


def test_option_selected_twice_is_refused_and_same_option_change_too() -> None:
    state = r.select_option(in_task(OPTIONAL.id), OPTIONAL.options[0].id, 2_000).state
    with pytest.raises(err.AlreadySelectedError, match="use option_changed"):
        r.select_option(state, OPTIONAL.options[1].id, 3_000)
    with pytest.raises(err.SameOptionError):
        r.change_option(state, OPTIONAL.options[0].id, 3_000)


def test_unknown_option_is_refused() -> None:
    state = in_task(OPTIONAL.id)
    for call in (r.select_option, r.choose):
        with pytest.raises(err.UnknownOptionError, match="no option 'zz'"):
            call(state, "zz", 2_000)
    with pytest.raises(err.UnknownOptionError):
        r.view_option(state, "zz", "hover", 1_000, 2_000)


def test_task_completed_needs_a_selection() -> None:
    state = in_task(OPTIONAL.id)
    assert r.completion_blocker(state, "") == "Choose one of the options."
    with pytest.raises(err.NoSelectionError, match="no option is selected"):
        r.complete_task(state, "", 2_000)


def test_task_completed_needs_required_reasoning_of_minimum_length() -> None:
    state = r.choose(in_task(REQUIRED.id), REQUIRED.options[0].id, 2_000).state
    state = r.start_reasoning(state, 2_100).state
    short = "y" * (REQUIRED.min_chars - 1) + "   "
    assert r.completion_blocker(state, short) is not None
    with pytest.raises(err.ReasoningLengthError, match=f"at least {REQUIRED.min_chars} characters"):
        r.complete_task(state, short, 3_000)
    with pytest.raises(err.ReasoningLengthError):
        r.complete_task(r.choose(in_task(REQUIRED.id), REQUIRED.options[0].id, 2_000).state, "", 3_000)
    enough = "y" * REQUIRED.min_chars
    assert r.completion_blocker(state, enough) is None
    assert kinds(r.complete_task(state, enough, 3_000))[-1] == "decision.task_completed"


def test_reasoning_over_the_maximum_is_refused() -> None:
    state = r.start_reasoning(r.choose(in_task(OPTIONAL.id), OPTIONAL.options[0].id, 2_000).state, 2_100).state
    with pytest.raises(err.ReasoningLengthError, match="over 5000"):
        r.complete_task(state, "z" * 5001, 3_000)


def test_reasoning_events_need_reasoning_started_once() -> None:
    state = r.choose(in_task(OPTIONAL.id), OPTIONAL.options[0].id, 2_000).state
    with pytest.raises(err.ReasoningSequenceError, match="reasoning_started must come first"):
        r.update_reasoning(state, "abc", 2_100)
    with pytest.raises(err.ReasoningSequenceError, match="reasoning_started must come first"):
        r.complete_task(state, "some text", 2_100)
    started = r.start_reasoning(state, 2_200).state
    with pytest.raises(err.ReasoningSequenceError, match="already started"):
        r.start_reasoning(started, 2_300)


def test_nothing_after_task_completed() -> None:
    state = r.choose(in_task(OPTIONAL.id, REQUIRED.id), OPTIONAL.options[0].id, 2_000).state
    done = r.complete_task(state, "", 3_000).state
    option = OPTIONAL.options[1].id
    calls = [
        lambda: r.view_option(done, option, "hover", 2_500, 3_500),
        lambda: r.choose(done, option, 3_500),
        lambda: r.change_option(done, option, 3_500),
        lambda: r.start_reasoning(done, 3_500),
        lambda: r.update_reasoning(done, "x", 3_500),
        lambda: r.complete_task(done, "", 3_500),
        lambda: r.idle(done, 6_000, 3_500),
        lambda: r.lose_focus(done, 3_500),
        lambda: r.gain_focus(done, 3_500),
    ]
    for call in calls:
        with pytest.raises(err.TaskCompletedError, match="nothing may follow task_completed"):
            call()


def test_focus_and_idle_rules() -> None:
    state = in_task(OPTIONAL.id)
    with pytest.raises(err.FocusSequenceError, match="focus_lost must come first"):
        r.gain_focus(state, 2_000)
    lost = r.lose_focus(state, 2_000)
    assert lost.emissions[0].payload.model_dump() == {"task_id": OPTIONAL.id}
    with pytest.raises(err.FocusSequenceError, match="already lost"):
        r.lose_focus(lost.state, 2_500)
    gained = r.gain_focus(lost.state, 5_000)
    assert gained.emissions[0].payload.model_dump() == {"task_id": OPTIONAL.id, "away_ns": 3_000}
    assert r.idle(state, 6_000, 9_000).emissions[0].payload.model_dump() == {
        "task_id": OPTIONAL.id, "idle_duration_ms": 6_000,
    }
    with pytest.raises(err.FocusSequenceError, match="positive"):
        r.idle(state, 0, 9_000)


def test_view_ending_before_it_started_is_refused() -> None:
    with pytest.raises(err.FocusSequenceError, match="before it started"):
        r.view_option(in_task(OPTIONAL.id), OPTIONAL.options[0].id, "hover", 5_000, 4_000)


def test_all_errors_are_decision_rule_errors() -> None:
    names = [n for n in err.__all__ if n != "DecisionRuleError"]
    assert all(issubclass(getattr(err, n), err.DecisionRuleError) for n in names)
    assert issubclass(err.DecisionRuleError, ValueError)
