"""The Tower of London's pure rules: moves, solving, the move limit, the timing it records, restore."""

from __future__ import annotations

import pytest

from games.tower.params import Problem, TowerParams
from games.tower.rules import TowerMoveError, TowerRules
from tests.games.igt.test_rules import records


def test_a_problem_ends_solved_or_at_its_move_limit_with_its_planning_and_execution_times() -> None:
    params = TowerParams(problems=[Problem(start="RG|B|", goal="R|G|B"), Problem(start="RG|B|", goal="RG||B")],
                         extra_moves_allowed=1)
    rules = TowerRules(params, 1)
    state, out = rules.start_game(rules.initial_state(), 0)
    state, _ = rules.start_trial(state, 1000, 990)
    state, out = rules.move(state, 1, 2, 4000, 3000, "key", "2")  # B to peg 3, picked up at 3000
    assert [e.kind for e in out] == ["tower.move"] and out[0].payload.board == "RG||B"  # type: ignore[attr-defined]
    state, out = rules.move(state, 0, 1, 5000, 4500, "mouse", "left")
    ended = out[-1].payload
    assert (ended.outcome, ended.moves, ended.excess_moves, ended.planning_ns, ended.execution_ns,  # type: ignore[attr-defined]
            ended.total_ns) == ("solved", 2, 0, 2000, 2000, 4000)  # type: ignore[attr-defined]
    assert state.perfect == 1 and state.solved == 1
    state, _ = rules.start_trial(state, 6000)
    with pytest.raises(TowerMoveError):
        rules.move(state, 2, 0, 6500, 6100, "key", "3")  # peg 3 is empty
    with pytest.raises(TowerMoveError, match="picked_t_ns"):
        rules.move(state, 1, 0, 6500, 5000, "key", "2")  # picked up before the problem was shown
    state, _ = rules.move(state, 1, 0, 7000, 6500, "key", "2")
    state, out = rules.move(state, 0, 1, 8000, 7500, "key", "1")  # the limit: 1 + 1 moves, not solved
    assert out[-1].payload.outcome == "move_limit" and state.solved == 1  # type: ignore[attr-defined]
    assert not rules.has_next(state)


def test_restore_counts_solved_and_perfect_problems() -> None:
    rules = TowerRules(TowerParams(problems="practice"), 1)
    state, emitted = rules.start_game(rules.initial_state(), 0)
    out = list(emitted)
    state, emitted = rules.start_trial(state, 100)
    out += emitted
    state, emitted = rules.move(state, 1, 2, 300, 200, "key", "2")
    out += emitted
    recs = records([(e.kind, e.payload) for e in out])
    restored = rules.restore(rules.initial_state(), recs)
    assert (restored.state.done, restored.state.solved, restored.state.perfect, restored.repeated) == (1, 1, 1, False)
