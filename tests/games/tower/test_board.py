"""Tower of London boards: parsing, legal moves, and the minimum moves found by search (never typed in)."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from games.tower.board import BoardError, distances, legal, min_moves, move, next_boards, parse, spell
from games.tower.params import SHALLICE_12, TowerParams


def every_board() -> list[tuple[tuple[str, ...], ...]]:
    return sorted(distances(parse("RG|B|")))


def test_there_are_36_boards_and_every_one_reaches_every_other() -> None:
    boards = every_board()
    assert len(boards) == 36
    for a, b in itertools.product(boards[:6], boards):
        assert min_moves(a, b) == min_moves(b, a)  # every move can be undone


def test_the_search_agrees_with_a_brute_force_count_of_moves() -> None:
    start = parse("RG|B|")
    frontier, seen, depth = {start}, {start: 0}, 0
    while frontier:
        depth += 1
        frontier = {after for board in frontier for _, _, after in next_boards(board) if after not in seen}
        seen.update({board: depth for board in frontier})
    assert seen == {b: min_moves(b, start) for b in every_board()}
    assert Counter(seen.values()) == {0: 1, 1: 4, 2: 4, 3: 6, 4: 4, 5: 6, 6: 5, 7: 5, 8: 1}


def test_the_default_set_has_shallices_shape_two_two_four_four() -> None:
    minimums = [min_moves(parse(p.start), parse(p.goal)) for p in SHALLICE_12]
    assert Counter(minimums) == {2: 2, 3: 2, 4: 4, 5: 4}
    assert minimums == sorted(minimums)
    assert len({p.goal for p in SHALLICE_12}) == 12


@pytest.mark.parametrize(("text", "why"), [("RG|B", "three pegs"), ("RR|B|", "once each"), ("|RGB|", "at most 2"),
                                           ("R|G|BX", "once each"), ("RGB|||", "three pegs")])
def test_a_bad_board_is_refused_by_name(text: str, why: str) -> None:
    with pytest.raises(BoardError, match=why):
        parse(text)
    with pytest.raises(ValueError, match=why):
        TowerParams(problems=[{"start": text, "goal": "RG|B|"}])


def test_moves_respect_the_pegs() -> None:
    board = parse("RG|B|")
    assert spell(move(board, 0, 2)) == "R|B|G"
    assert not legal(board, 2, 0) and not legal(board, 0, 0)
    assert not legal(parse("R|GB|"), 0, 1)  # peg 2 holds two
    with pytest.raises(BoardError):
        move(parse("R|B|G"), 0, 2)  # peg 3 holds one
