"""The card match rules without Qt: boards, flips, matches, the end of a move and of a board, refusals, restore."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from games.card_match import rules
from games.card_match.params import CardMatchParams
from games.card_match.rules import CardMatchRuleError, CardMatchState
from tests.games.memory_attention.streams import as_records

MS = 1_000_000


def fresh(params: CardMatchParams | None = None, seed: int = 3) -> CardMatchState:
    return rules.new_game(params or CardMatchParams(), random.Random(seed), seed)


def test_every_board_holds_each_of_its_symbols_twice_and_faces_differ_by_shape_or_fill() -> None:
    p = CardMatchParams(rows=6, cols=6, boards=3)
    boards = rules.plan_boards(p, random.Random(1))
    assert len(boards) == 3 and boards != rules.plan_boards(p, random.Random(2))
    for layout in boards:
        assert len(layout) == 36 and set(Counter(layout).values()) == {2} and len(set(layout)) == 18
    assert len(set(rules.SYMBOLS)) == 18 == len({(s.removesuffix("_outline"), s.endswith("_outline"))
                                                 for s in rules.SYMBOLS})
    with pytest.raises(ValueError, match="rows x cols must be even"):
        CardMatchParams(rows=3, cols=3)


def test_a_mismatch_then_a_match_then_the_board_is_done() -> None:
    p = CardMatchParams(rows=2, cols=2, boards=1)
    state, _ = rules.start_game(fresh(p), 0)
    state, em = rules.start_board(state, MS, MS + 5)
    layout = state.layout
    a = 0
    mate = rules.partner(layout, a)
    other = next(i for i in range(4) if i not in (a, mate))
    state, em = rules.flip(state, a, 2 * MS, 2 * MS + 3, "mouse")
    assert [e.kind for e in em] == ["card_match.flip"] and em[0].payload.flip == 1 and not em[0].payload.seen_before
    state, em = rules.flip(state, other, 3 * MS, 3 * MS, "key")
    assert [e.kind for e in em] == ["card_match.flip", "card_match.mismatch"] and state.phase == "revealing"
    with pytest.raises(CardMatchRuleError, match="cannot turn a card in phase 'revealing'"):
        rules.flip(state, mate, 4 * MS, 4 * MS, "mouse")
    state, em = rules.end_move(state, 5 * MS, 5 * MS + 1)
    assert em[0].payload.outcome == "mismatch" and em[0].t_ns == 5 * MS + 1 and state.phase == "ready"
    state, em = rules.flip(state, mate, 6 * MS, 6 * MS, "mouse")
    assert em[0].payload.partner_seen and not em[0].payload.seen_before
    state, em = rules.flip(state, a, 7 * MS, 7 * MS, "mouse")
    assert em[1].kind == "card_match.match" and em[1].payload.pairs_found == 1
    with pytest.raises(CardMatchRuleError, match="cannot be turned now"):
        rules.flip(rules.end_move(state, 8 * MS, 8 * MS).state, a, 9 * MS, 9 * MS, "mouse")  # a found card
    state, _ = rules.end_move(state, 8 * MS, 8 * MS)
    last = [i for i in range(4) if i not in state.found]
    for i in last:
        state, _ = rules.flip(state, i, 9 * MS + i, 9 * MS + i, "mouse")
    state, em = rules.end_move(state, 10 * MS, 10 * MS)
    assert state.phase == "between" and state.board_done and em[0].payload.pairs_left == 0
    with pytest.raises(CardMatchRuleError, match="board 1 of 1 is not completed"):
        rules.end_game(state, 11 * MS)
    state, em = rules.complete_board(state, 11 * MS)
    assert em[0].payload.model_dump() == {"board": 0, "moves": 3, "pairs": 2}
    state, em = rules.end_game(state, 12 * MS)
    assert em[0].payload.model_dump() == {"boards": 1, "moves": 3, "pairs": 2}


def test_the_cursor_stops_at_the_edges_and_belongs_to_no_move() -> None:
    state, _ = rules.start_game(fresh(CardMatchParams(rows=2, cols=4)), 0)
    state, _ = rules.start_board(state, 1, 1)
    for key, where in (("Left", 0), ("Up", 0), ("Right", 1), ("Down", 5), ("Down", 5), ("Right", 6)):
        state, em = rules.move_cursor(state, key, 2)
        assert (state.cursor, em[0].trial) == (where, None)
    with pytest.raises(CardMatchRuleError, match="'Space' is not an arrow key"):
        rules.move_cursor(state, "Space", 3)


def test_restore_keeps_the_pairs_found_and_replays_a_cut_move() -> None:
    p = CardMatchParams(rows=2, cols=2, boards=2)
    state, head = rules.start_game(fresh(p, seed=8), 0)
    events = list(head)
    state, em = rules.start_board(state, MS, MS)
    events += em
    a, mate = 0, rules.partner(state.layout, 0)
    for position in (a, mate):
        state, em = rules.flip(state, position, 2 * MS + position, 2 * MS + position, "mouse")
        events += em
    state, em = rules.end_move(state, 3 * MS, 3 * MS)
    events += em
    state, em = rules.flip(state, next(i for i in range(4) if i not in state.found), 4 * MS, 4 * MS, "key")
    events += em  # a move begun: the crash comes now
    restored = rules.restore(fresh(p, seed=8), as_records("card_match", events))
    assert (restored.state.phase, restored.state.move, restored.repeated) == ("ready", 0, True)
    assert restored.state.found == frozenset({a, mate}) and restored.state.seen == frozenset({a, mate})
    step = rules.resume_game(restored, 5 * MS)
    assert step.emissions[0].payload.model_dump() == {"trial": 1, "repeated": True, "trials_done": 1,
                                                      "events_restored": len(events), "board": 0, "pairs_found": 1}
