"""The digit span rules without Qt: the plan, the Wechsler adaptive rule, scoring of an answer, refusals, restore."""

from __future__ import annotations

import random

import pytest

from games.core import RestoreError
from games.digit_span import rules
from games.digit_span.params import DigitSpanParams
from games.digit_span.rules import DigitSpanRuleError, DigitSpanState
from tests.games.memory_attention.streams import as_records

MS = 1_000_000


def fresh(params: DigitSpanParams | None = None, seed: int = 5) -> DigitSpanState:
    p = params or DigitSpanParams()
    return rules.new_game(p, random.Random(seed), seed)


def answer(state: DigitSpanState, t: int, typed: str | None = None) -> tuple[DigitSpanState, int, list]:
    """Play the current sequence: show its digits, open the answer, type `typed` (default: right), submit."""
    emitted: list = []
    if not state.block_open:
        state, em = rules.start_block(state, t)
        emitted += em
    state, em = rules.begin_trial(state, t + MS)
    emitted += em
    for i in range(state.length):
        state, em = rules.show_digit(state, t + (2 + i) * MS, t + (2 + i) * MS + 10)
        emitted += em
    t += (3 + state.length) * MS
    state, em = rules.begin_response(state, t, t + 5)
    emitted += em
    target = rules.target_of(state.direction, state.digits)
    for key in typed if typed is not None else target:
        t += MS
        state, em = rules.type_key(state, key, t, "key")
        emitted += em
    t += MS
    state, em = rules.submit(state, t, "key")
    return state, t + MS, emitted + list(em)


def test_the_plan_is_seeded_and_every_sequence_has_distinct_digits_1_to_9() -> None:
    p = DigitSpanParams()
    plan = rules.plan_sequences(p, random.Random(3))
    assert plan == rules.plan_sequences(p, random.Random(3)) != rules.plan_sequences(p, random.Random(4))
    assert [len(block) for block in plan] == [9 - 3 + 1, 8 - 2 + 1]
    for block, direction in zip(plan, p.directions, strict=True):
        for offset, pair in enumerate(block):
            assert len(pair) == 2
            for digits in pair:
                assert len(digits) == p.start(direction) + offset and len(set(digits)) == len(digits)
                assert set(digits) <= set(range(1, 10))


def test_targets_and_position_errors() -> None:
    assert rules.target_of("forward", [3, 8, 1]) == "381" and rules.target_of("backward", [3, 8, 1]) == "183"
    assert rules.position_errors("381", "381") == 0
    assert rules.position_errors("381", "318") == 2
    assert rules.position_errors("381", "38") == 1  # a missing digit
    assert rules.position_errors("381", "3819") == 1  # an extra digit
    assert rules.position_errors("4159", "9514") == 4


def test_the_wechsler_rule_moves_on_after_one_right_and_stops_after_both_wrong() -> None:
    p = DigitSpanParams(forward_start=3, forward_max=9, backward_start=2, backward_max=8)
    state, _ = rules.start_game(fresh(p), 0)
    t, seen, emitted = MS, [], []
    for typed in (None, "12", None, "12", "12", "12"):  # None: the right answer
        seen.append((state.direction, state.length, state.sequence))
        state, t, emitted = answer(state, t, typed)
    assert seen == [("forward", 3, 0), ("forward", 3, 1), ("forward", 4, 0), ("forward", 4, 1), ("forward", 5, 0),
                    ("forward", 5, 1)]
    assert emitted[-1].payload.block_over and state.direction == "backward" and state.length == 2
    assert not state.block_open and state.spans == (4, 0) and state.correct == 2


def test_the_longest_length_ends_a_block_even_when_answered() -> None:
    p = DigitSpanParams(directions=("backward",), backward_start=2, backward_max=3)
    state, t = fresh(p), 0
    state, _ = rules.start_game(state, t)
    for _ in range(4):
        state, t, emitted = answer(state, t)
    assert rules.is_done(state) and emitted[-1].payload.block_over
    state, em = rules.end_game(state, t)
    assert em[0].payload.model_dump() == {"trials": 4, "correct": 4, "forward_span": None, "backward_span": 3}


def test_refused_actions_emit_nothing_and_name_the_problem() -> None:
    state, _ = rules.start_game(fresh(), 100)
    with pytest.raises(DigitSpanRuleError, match="before its block has started"):
        rules.begin_trial(state, 200)
    state, _ = rules.start_block(state, 200)
    with pytest.raises(DigitSpanRuleError, match="before the previous 200"):
        rules.begin_trial(state, 100)
    state, _ = rules.begin_trial(state, 300)
    with pytest.raises(DigitSpanRuleError, match="only 0 of 3 digits were shown"):
        rules.begin_response(state, 400, 400)
    with pytest.raises(DigitSpanRuleError, match="cannot type in phase 'presenting'"):
        rules.type_key(state, "3", 400, "key")
    for i in range(3):
        state, _ = rules.show_digit(state, 500 + i, 500 + i)
    state, _ = rules.begin_response(state, 600, 600)
    with pytest.raises(DigitSpanRuleError, match="cannot submit an empty answer"):
        rules.submit(state, 700, "key")
    with pytest.raises(DigitSpanRuleError, match="does nothing"):
        rules.type_key(state, rules.BACKSPACE, 700, "key")
    for key in "123456":  # three past the length are allowed, then digits do nothing
        state, _ = rules.type_key(state, key, 700, "mouse")
    assert not rules.accepts(state, "7") and rules.accepts(state, rules.BACKSPACE)
    with pytest.raises(DigitSpanRuleError, match="does nothing"):
        rules.type_key(state, "7", 800, "key")


def test_an_interrupted_sequence_is_shown_again_and_a_cut_stream_restores_to_the_last_answer() -> None:
    state, _ = rules.start_game(fresh(seed=9), 0)
    events: list = []
    state, t, emitted = answer(state, MS)
    events += emitted
    state, em = rules.begin_trial(state, t)
    events += em
    state, em = rules.show_digit(state, t + MS, t + MS)
    events += em
    paused, _ = rules.interrupt(state, t + 2 * MS)
    assert (paused.phase, paused.trial) == ("between", 0)
    _again, em = rules.begin_trial(paused, t + 3 * MS)
    assert (em[0].trial, em[0].payload.digits) == (1, list(state.digits))  # the same sequence, the same index
    head = rules.start_game(fresh(seed=9), 0).emissions
    records = as_records("digit_span", [*head, *events])
    restored = rules.restore(fresh(seed=9), records)
    assert (restored.state.phase, restored.state.trial, restored.repeated) == ("between", 0, True)
    assert restored.state.correct == 1 and restored.events == len(records)
    with pytest.raises(RestoreError, match="digit_span: event seq"):
        rules.restore(fresh(seed=10), records)  # another seed draws other digits
