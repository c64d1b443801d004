"""Tower of London boards and the breadth-first search that gives every problem's minimum number of moves.

A board is three pegs holding the balls R (red), G (green) and B (blue) from bottom to top, written
"RG|B|" (peg 1: red under green; peg 2: blue; peg 3: empty). The pegs hold at most 3, 2 and 1 balls
(Shallice 1982). The minimum moves between two boards is found by search over the 36 boards, never typed in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

__all__ = ["BALLS", "CAPACITIES", "Ball", "Board", "BoardError", "legal", "min_moves", "move", "next_boards", "parse",
           "spell", "top_ball"]

Ball = Literal["R", "G", "B"]
BALLS: tuple[Ball, Ball, Ball] = ("R", "G", "B")
CAPACITIES = (3, 2, 1)
Board = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class BoardError(ValueError):
    """A board string that is not a Tower of London board."""


def parse(text: str) -> Board:
    """'RG|B|' -> (('R', 'G'), ('B',), ()); BoardError names what is wrong."""
    pegs = text.split("|")
    if len(pegs) != 3:
        raise BoardError(f"board {text!r}: needs three pegs separated by '|', like 'RG|B|'")
    if sorted("".join(pegs)) != sorted(BALLS):
        raise BoardError(f"board {text!r}: must hold R, G and B once each")
    for n, (peg, cap) in enumerate(zip(pegs, CAPACITIES, strict=True), start=1):
        if len(peg) > cap:
            raise BoardError(f"board {text!r}: peg {n} holds at most {cap} ball(s)")
    return (tuple(pegs[0]), tuple(pegs[1]), tuple(pegs[2]))


def top_ball(board: Board, peg: int) -> Ball:
    """The ball on top of a peg (BoardError if the peg is empty)."""
    for ball in BALLS:
        if board[peg] and board[peg][-1] == ball:
            return ball
    raise BoardError(f"board {spell(board)}: peg {peg + 1} is empty")


def spell(board: Board) -> str:
    """(('R', 'G'), ('B',), ()) -> 'RG|B|'."""
    return "|".join("".join(peg) for peg in board)


def legal(board: Board, source: int, target: int) -> bool:
    """Whether the top ball of peg `source` (0-2) may go onto peg `target`."""
    return source != target and bool(board[source]) and len(board[target]) < CAPACITIES[target]


def move(board: Board, source: int, target: int) -> Board:
    """The board after moving the top ball of `source` onto `target` (legal moves only)."""
    if not legal(board, source, target):
        raise BoardError(f"board {spell(board)}: cannot move from peg {source + 1} to peg {target + 1}")
    pegs = [list(board[0]), list(board[1]), list(board[2])]
    pegs[target].append(pegs[source].pop())
    return (tuple(pegs[0]), tuple(pegs[1]), tuple(pegs[2]))


def next_boards(board: Board) -> Iterator[tuple[int, int, Board]]:
    """Every legal move from a board: (source, target, resulting board), in peg order."""
    for source in range(3):
        for target in range(3):
            if legal(board, source, target):
                yield source, target, move(board, source, target)


@lru_cache(maxsize=64)
def distances(goal: Board) -> dict[Board, int]:
    """The minimum moves from every board to `goal` (breadth-first search; moves are reversible)."""
    found = {goal: 0}
    queue = deque([goal])
    while queue:
        board = queue.popleft()
        for _, _, after in next_boards(board):
            if after not in found:
                found[after] = found[board] + 1
                queue.append(after)
    return found


def min_moves(start: Board, goal: Board) -> int:
    """The fewest moves that turn `start` into `goal`."""
    return distances(goal)[start]
