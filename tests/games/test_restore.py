"""rules.restore of the reaction-time and decision games: what is rebuilt from the events, and what is refused."""

from __future__ import annotations

import random

import pytest

from eventlog.records import EventRecord
from games.core import Emission, RestoreError
from games.decision import rules as dec_rules
from games.decision.params import DecisionParams
from games.decision.scenarios import load_scenarios
from games.reaction.params import SimpleRTParams
from games.reaction.rules import SPACE, ReactionRules, ReactionState

MS = 1_000_000
PARAMS = SimpleRTParams(trials=6, foreperiod_min_ms=100, foreperiod_max_ms=900)


def _records(game: str, emissions: list[Emission]) -> list[EventRecord]:
    return [EventRecord("s", i + 1, e.t_ns, e.kind, game, e.trial, e.payload.model_dump(mode="json"), "", "")
            for i, e in enumerate(emissions)]


def _rt_run(rules: ReactionRules, trials: int,
            false_start_on: int | None = None) -> tuple[ReactionState, list[Emission]]:
    state, emitted = rules.start(ReactionState(), 0)
    out = list(emitted)
    while state.trial < trials:
        state, emitted = rules.begin_trial(state, state.last_t_ns + 10 * MS)
        out += emitted
        if state.trial == false_start_on and not any(e.kind == "rt.false_start" for e in out):
            state, emitted = rules.respond(state, SPACE, state.last_t_ns + MS)
            out += emitted
            continue
        onset = state.trial_start_ns + state.foreperiod_ns
        state, emitted = rules.present(state, onset, onset)
        out += emitted
        state, emitted = rules.respond(state, SPACE, onset + (250 + 10 * state.trial) * MS)
        out += emitted
    return state, out


def test_a_restored_reaction_game_has_the_tally_and_draws_the_foreperiods_the_uninterrupted_game_would() -> None:
    played, emitted = _rt_run(ReactionRules(PARAMS, random.Random(5), 5), 3, false_start_on=1)
    again = ReactionRules(PARAMS, random.Random(5), 5)
    restored = again.restore(ReactionState(), _records("simple_rt", emitted))
    assert restored.state.trial == 3 and not restored.repeated and restored.events == len(emitted)
    assert restored.state.tally == played.tally and restored.state.tally.false_starts == 1
    assert again.summary(restored.state) == ReactionRules(PARAMS, random.Random(5), 5).summary(played)
    uninterrupted = ReactionRules(PARAMS, random.Random(5), 5)
    _, more = _rt_run(uninterrupted, 4, false_start_on=1)
    state, resumed = again.resume_game(restored, played.last_t_ns + MS)
    assert resumed[0].kind == "rt.game_resumed" and resumed[0].payload.trial == 3  # type: ignore[attr-defined]
    state, begun = again.begin_trial(state, state.last_t_ns + MS)
    expected = [e for e in more if e.kind == "rt.trial_started"][-1].payload
    assert begun[0].payload.foreperiod_ns == expected.foreperiod_ns  # type: ignore[attr-defined]


def test_a_reaction_trial_begun_before_the_crash_is_repeated_and_other_seeds_are_refused() -> None:
    rules = ReactionRules(PARAMS, random.Random(5), 5)
    state, emitted = _rt_run(rules, 2)
    state, begun = rules.begin_trial(state, state.last_t_ns + MS)
    records = _records("simple_rt", emitted + list(begun))
    restored = ReactionRules(PARAMS, random.Random(5), 5).restore(ReactionState(), records)
    assert restored.state.trial == 2 and restored.repeated
    with pytest.raises(RestoreError, match=r"event seq 1 \(rt.game_started\) does not start this game"):
        ReactionRules(PARAMS, random.Random(6), 6).restore(ReactionState(), records)
    first_end = next(i for i, r in enumerate(records) if r.kind == "rt.trial_ended")
    with pytest.raises(RestoreError, match=r"\(rt.trial_started\) is about trial 1, expected trial 0"):
        corrupt = records[:first_end] + records[first_end + 1:]
        ReactionRules(PARAMS, random.Random(5), 5).restore(ReactionState(), corrupt)


def _complete(state: dec_rules.DecisionState, t_ns: int) -> tuple[dec_rules.DecisionState, list[Emission]]:
    """Complete the open task, with reasoning of the length it requires."""
    out: list[Emission] = []
    text = ""
    if state.task.reasoning_required:
        state, emitted = dec_rules.start_reasoning(state, t_ns)
        out += emitted
        text = "x" * state.task.min_chars
    state, emitted = dec_rules.complete_task(state, text, t_ns + MS)
    return state, out + list(emitted)


def test_a_restored_decision_game_continues_after_its_completed_tasks() -> None:
    scenarios = load_scenarios()
    state = dec_rules.new_game(scenarios, DecisionParams(), random.Random(1), 1)
    state, emitted = dec_rules.start_game(state, 0)
    out = list(emitted)
    for n in range(2):
        state, emitted = dec_rules.start_task(state, (n + 1) * 10 * MS)
        out += emitted
        state, emitted = dec_rules.choose(state, state.task.options[n].id, state.task_t0_ns + MS)
        out += emitted
        state, emitted = _complete(state, state.task_t0_ns + 2 * MS)
        out += emitted
    records = _records("decision", out)
    fresh = dec_rules.new_game(scenarios, DecisionParams(), random.Random(1), 1)
    restored = dec_rules.restore(fresh, records)
    assert (restored.state.phase, restored.state.index, restored.state.completed) == ("between", 1, 2)
    assert not restored.repeated
    assert dec_rules.completed_choices(records) == {scenarios[0].id: scenarios[0].options[0].id,
                                                    scenarios[1].id: scenarios[1].options[1].id}
    _, resumed = dec_rules.resume_game(restored, 99 * MS)
    assert resumed[0].payload.model_dump() == {"trial": 2, "repeated": False, "trials_done": 2,
                                               "events_restored": len(records), "next_task": scenarios[2].id}
    shuffled = dec_rules.new_game(scenarios, DecisionParams(order="shuffle"), random.Random(1), 1)
    with pytest.raises(RestoreError, match=r"decision.game_started\) does not start this game"):
        dec_rules.restore(shuffled, records)
