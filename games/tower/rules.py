"""Pure rules of the Tower of London: a state machine with no Qt, no clock and no database.

Phases: not_started -> between -> solving (a problem is shown) -> between ... -> finished. `move` moves the
top ball of one peg onto another at the moment the ball was put down (`picked_t_ns`: when it was picked
up) and records `tower.move`; reaching the goal, or the problem's move limit (minimum +
`extra_moves_allowed`), ends the problem with `tower.trial_ended` at that move's stamp. An illegal move
(an empty source, a full target, the same peg) raises TowerMoveError and records nothing: the view checks
`board.legal` first and logs such an attempt as ignored input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from games.core import Emission, Step
from games.tower.board import CAPACITIES, Board, legal, min_moves, move, parse, spell, top_ball
from games.tower.events import (
    ProblemSpec,
    TowerGameEnded,
    TowerGameResumed,
    TowerGameStarted,
    TowerMove,
    TowerTrialEnded,
    TowerTrialStarted,
)
from games.tower.params import TowerParams
from games.trialkit.fields import InputKind
from games.trialkit.rules import TrialRuleError, TrialRules, TrialState

__all__ = ["SOLVING", "Plan", "TowerMoveError", "TowerRules", "TowerState"]

SOLVING = "solving"


class TowerMoveError(TrialRuleError):
    """A move the rules refuse: nothing to pick up, no room on the target, or the same peg."""


@dataclass(frozen=True, slots=True)
class Plan:
    """One problem as played: its boards and its minimum number of moves (found by search)."""

    start: Board
    goal: Board
    min_moves: int


@dataclass(frozen=True, slots=True)
class TowerState(TrialState):
    """The game's progress, the working board of the problem on screen and the counts so far."""

    board: Board = ((), (), ())
    moves: int = 0
    first_pick_ns: int | None = None
    solved: int = 0
    perfect: int = 0  # solved in the minimum number of moves


class TowerRules(TrialRules[TowerState, TowerTrialEnded]):
    """The Tower of London of one params and seed."""

    game: ClassVar[str] = "tower"
    trial_phases: ClassVar[tuple[str, ...]] = (SOLVING,)
    ended_model = TowerTrialEnded

    def __init__(self, params: TowerParams, seed: int) -> None:
        super().__init__(seed)
        self.params = params
        self.plan = tuple(Plan(parse(p.start), parse(p.goal), min_moves(parse(p.start), parse(p.goal)))
                          for p in params.problems)

    def max_moves(self, trial: int) -> int:
        """Moves after which problem `trial` ends unsolved."""
        return self.plan[trial].min_moves + self.params.extra_moves_allowed

    def initial_state(self) -> TowerState:
        return TowerState()

    def started_payload(self) -> TowerGameStarted:
        return TowerGameStarted(
            problems=[ProblemSpec(start=spell(p.start), goal=spell(p.goal), min_moves=p.min_moves) for p in self.plan],
            capacities=list(CAPACITIES), extra_moves_allowed=self.params.extra_moves_allowed, seed=self.seed)

    def trial_payload(self, state: TowerState, trial: int, requested_t_ns: int | None) -> TowerTrialStarted:
        p = self.plan[trial]
        return TowerTrialStarted(trial=trial, requested_t_ns=requested_t_ns, start=spell(p.start), goal=spell(p.goal),
                                 min_moves=p.min_moves, max_moves=self.max_moves(trial))

    def enter_trial(self, state: TowerState, trial: int) -> TowerState:
        return replace(state, phase=SOLVING, board=self.plan[trial].start, moves=0, first_pick_ns=None)

    def fold(self, state: TowerState, ended: TowerTrialEnded) -> TowerState:
        solved = ended.outcome == "solved"
        return replace(state, solved=state.solved + solved,
                       perfect=state.perfect + (solved and ended.excess_moves == 0))

    def has_next(self, state: TowerState) -> bool:
        return state.done < len(self.plan)

    def ended_payload(self, state: TowerState) -> TowerGameEnded:
        return TowerGameEnded(problems=state.done, solved=state.solved, perfect=state.perfect)

    def resumed_payload(self, state: TowerState, repeated: bool, events: int) -> TowerGameResumed:
        return TowerGameResumed(trial=state.done, repeated=repeated, trials_done=state.done, events_restored=events,
                                solved=state.solved, perfect=state.perfect)

    def move(self, state: TowerState, source: int, target: int, t_ns: int, picked_t_ns: int, source_input: InputKind,
             key: str, qt_event_ms: int | None = None) -> Step[TowerState]:
        """Move the top ball of peg `source` (0-2) onto peg `target` (0-2), put down at t_ns."""
        self.check(state, "move a ball", t_ns, (SOLVING,), "no problem is shown")
        if not (0 <= source < 3 and 0 <= target < 3) or not legal(state.board, source, target):
            raise TowerMoveError(f"tower: cannot move from peg {source + 1} to peg {target + 1} on board "
                                 f"{spell(state.board)}")
        if not state.onset_ns <= picked_t_ns <= t_ns:
            raise TowerMoveError(f"tower: field 'picked_t_ns' is {picked_t_ns}, outside the problem's onset "
                                 f"{state.onset_ns} .. the move {t_ns}")
        board = move(state.board, source, target)
        n = state.moves + 1
        first = picked_t_ns if state.first_pick_ns is None else state.first_pick_ns
        moved = TowerMove(
            trial=state.trial, move=n, ball=top_ball(state.board, source), from_peg=source + 1, to_peg=target + 1,
            picked_t_ns=picked_t_ns, since_onset_ns=t_ns - state.onset_ns, board=spell(board), input=source_input,
            key=key, qt_event_ms=qt_event_ms)
        new = replace(state, board=board, moves=n, first_pick_ns=first, last_t_ns=t_ns)
        emissions: tuple[Emission, ...] = (Emission("tower.move", moved, t_ns, state.trial),)
        plan = self.plan[state.trial]
        if board == plan.goal or n >= self.max_moves(state.trial):
            ended = TowerTrialEnded(
                trial=state.trial, outcome="solved" if board == plan.goal else "move_limit", moves=n,
                min_moves=plan.min_moves, excess_moves=max(0, n - plan.min_moves),
                planning_ns=first - state.onset_ns, execution_ns=t_ns - first, total_ns=t_ns - state.onset_ns)
            new, end = self.finish_trial(new, t_ns, ended)
            emissions += (end,)
        return Step(new, emissions)

