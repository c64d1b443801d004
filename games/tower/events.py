"""Payload models of the Tower of London's events (namespace "tower."), registered with the event log.

Boards are written 'RG|B|' (games/tower/board.py); pegs are numbered 1-3 from the left. Durations are
integer ns. The event's `trial` column is the 0-based problem index for problem events and empty for
tower.game_started / tower.game_resumed / tower.game_ended.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.tower.board import Ball
from games.trialkit.fields import InputKind, OnsetFields, ResumedFields, TrialFields

__all__ = ["ProblemSpec", "TowerGameEnded", "TowerGameResumed", "TowerGameStarted", "TowerMove", "TowerTrialEnded",
           "TowerTrialStarted"]


class ProblemSpec(Payload):
    """A problem of the game with its minimum number of moves (found by search)."""

    start: str = Field(min_length=5)
    goal: str = Field(min_length=5)
    min_moves: int = Field(ge=1)


@register_kind("tower.game_started")
class TowerGameStarted(Payload):
    """The game begins: its problems, the pegs' capacities, the move allowance and the seed."""

    problems: list[ProblemSpec] = Field(min_length=1)
    capacities: list[int] = Field(min_length=3, max_length=3)
    extra_moves_allowed: int = Field(ge=0)
    seed: int


@register_kind("tower.trial_started")
class TowerTrialStarted(OnsetFields):
    """A problem is shown: the working board at its start and the goal beside it (t_ns: painted)."""

    start: str = Field(min_length=5)
    goal: str = Field(min_length=5)
    min_moves: int = Field(ge=1)
    max_moves: int = Field(ge=1)  # the problem ends unsolved after this many moves


@register_kind("tower.move")
class TowerMove(TrialFields):
    """One move, stamped when the ball was put down (key or mouse release); the pick-up is stamped too."""

    move: int = Field(ge=1)  # moves so far on this problem, this one included
    ball: Ball
    from_peg: int = Field(ge=1, le=3)
    to_peg: int = Field(ge=1, le=3)
    picked_t_ns: int = Field(ge=0)  # session t_ns of the pick-up (first key, or mouse press)
    since_onset_ns: int = Field(ge=0)  # from the problem's presented onset to this move
    board: str = Field(min_length=5)  # after the move
    input: InputKind
    key: str = Field(min_length=1)
    qt_event_ms: int | None = None


@register_kind("tower.trial_ended")
class TowerTrialEnded(TrialFields):
    """A problem is over: solved (the goal reached) or stopped at its move limit, with its timing."""

    outcome: Literal["solved", "move_limit"]
    moves: int = Field(ge=1)
    min_moves: int = Field(ge=1)
    excess_moves: int = Field(ge=0)  # moves beyond the minimum
    planning_ns: int = Field(ge=0)  # from the presented onset to the first pick-up (initial planning time)
    execution_ns: int = Field(ge=0)  # from the first pick-up to the last move
    total_ns: int = Field(ge=0)  # from the presented onset to the last move


@register_kind("tower.game_resumed")
class TowerGameResumed(ResumedFields):
    """The game continues after a crash with the counts of the problems that had ended."""

    solved: int = Field(ge=0)
    perfect: int = Field(ge=0)


@register_kind("tower.game_ended")
class TowerGameEnded(Payload):
    """The game is over: problems played, solved, and solved in the minimum number of moves."""

    problems: int = Field(ge=0)
    solved: int = Field(ge=0)
    perfect: int = Field(ge=0)
