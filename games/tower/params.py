"""Parameters of the Tower of London, with a problem set shaped like Shallice's (1982).

Shallice (1982) gave 12 problems from one start position: two of 2 minimum moves, two of 3, four of 4
and four of 5, with pegs holding 3, 2 and 1 balls. The goals below are this station's choice of boards
at those distances from the start "RG|B|" (the minimum of each is computed by search, games/tower/board.py,
and a test checks the 2/2/4/4 shape). Berg & Byrd (2002) review how problem sets differ between versions
and why more than the minimum number of moves (e.g. goal hierarchy) shapes difficulty; this set is not
the original's exact problems.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from games.tower.board import BoardError, parse

__all__ = ["PRESETS", "Problem", "TowerParams"]


class Problem(BaseModel):
    """One problem: the start board and the goal board ('RG|B|' notation)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: str
    goal: str

    @field_validator("start", "goal")
    @classmethod
    def _board(cls, value: str) -> str:
        try:
            parse(value)
        except BoardError as exc:
            raise ValueError(str(exc)) from None
        return value


START = "RG|B|"
SHALLICE_12 = tuple(Problem(start=START, goal=g) for g in (
    "RB||G", "|BG|R",  # 2 moves
    "G|B|R", "RB|G|",  # 3 moves
    "B|GR|", "GB||R", "GR|B|", "|GB|R",  # 4 moves
    "BR|G|", "GB|R|", "B|G|R", "GRB||",  # 5 moves
))
PRACTICE = (Problem(start=START, goal="RG||B"), Problem(start=START, goal="R|G|B"))
"""Practice: one problem of 1 move and one of 2."""

PRESETS: dict[str, tuple[Problem, ...]] = {"shallice12": SHALLICE_12, "practice": PRACTICE}


class TowerParams(BaseModel):
    """How a Tower of London game is played.

    `problems` is a preset name ("shallice12", the default; "practice") or a list of {start, goal}.
    A problem ends when the goal is reached or after `extra_moves_allowed` moves beyond its minimum
    (a station choice, so that no problem can last forever). `feedback_ms`: how long "Solved" shows.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    problems: tuple[Problem, ...] = Field(default=SHALLICE_12, min_length=1, max_length=60)
    extra_moves_allowed: int = Field(default=10, ge=0, le=100)
    feedback_ms: int = Field(default=1200, ge=0, le=10_000)

    @field_validator("problems", mode="before")
    @classmethod
    def _preset(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value not in PRESETS:
                raise ValueError(f"unknown problem set {value!r}; use one of {sorted(PRESETS)} or a JSON list")
            return PRESETS[value]
        return value

    @field_validator("problems")
    @classmethod
    def _not_solved(cls, value: tuple[Problem, ...]) -> tuple[Problem, ...]:
        for n, problem in enumerate(value):
            if problem.start == problem.goal:
                raise ValueError(f"problem {n}: the start is already the goal")
        return value

    @property
    def trials(self) -> int:
        """How many problems there are."""
        return len(self.problems)
