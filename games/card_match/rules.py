"""Pure rules of the card match game: a state machine with no Qt, no clock and no database.

Phases: not_started -> (start_game) between -> (start_board) ready -> (flip) one_up -> (flip) revealing ->
(end_move) ready ... or, once every pair of the board is found, between -> (complete_board) between ->
(start_board) ... -> (end_game) finished. A move is two flips; a pair stays face up (taken), a mismatch is
turned face down again by end_move after the reveal time. The trial is the move.

Every board is drawn at `new_game` from the seeded RNG: which symbols (of 18: nine shapes, solid and
outlined) and where each card lies. `restore` rebuilds the state at the last move boundary by replaying the
recorded events (games/kit/replay.py): found pairs stay found, a move the crash cut short is played again.
An action the rules refuse raises CardMatchRuleError (a GameRuleError) and emits nothing.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, cast

from eventlog.records import EventRecord
from games.card_match.events import (
    BoardCompleted,
    BoardStarted,
    CardMatchGameEnded,
    CardMatchGameResumed,
    CardMatchGameStarted,
    CursorMoved,
    Flip,
    Match,
    Mismatch,
    MoveEnded,
)
from games.card_match.params import CardMatchParams
from games.core import Emission, GameRuleError, Restored, Step, payload_of
from games.kit.replay import replay

__all__ = [
    "SHAPES", "SYMBOLS", "CardMatchRuleError", "CardMatchState", "Direction", "InputKind", "can_flip",
    "complete_board", "end_game", "end_move", "flip", "move_cursor", "new_game", "partner", "plan_boards",
    "restore", "resume_game", "start_board", "start_game",
]

Phase = Literal["not_started", "between", "ready", "one_up", "revealing", "finished"]
InputKind = Literal["key", "mouse"]
Direction = Literal["Left", "Right", "Up", "Down"]
SHAPES = ("circle", "square", "triangle", "diamond", "star", "plus", "hexagon", "cross", "heart")
SYMBOLS = tuple(f"{shape}{fill}" for fill in ("", "_outline") for shape in SHAPES)
"""Every card face: a shape, solid or outlined (each shape also has its own colour, never the only cue)."""
NS = "card_match."
STEPS = {"Left": (0, -1), "Right": (0, 1), "Up": (-1, 0), "Down": (1, 0)}


class CardMatchRuleError(GameRuleError):
    """An action the card match rules refuse (wrong phase, a card that cannot be turned, time going backwards)."""


@dataclass(frozen=True, slots=True)
class CardMatchState:
    """The whole state of one game (immutable; every action returns a new one)."""

    params: CardMatchParams
    seed: int
    layouts: tuple[tuple[str, ...], ...]  # per board, the symbol at each position
    phase: Phase = "not_started"
    board: int = 0  # the current board (== boards once every board is completed)
    board_open: bool = False
    move: int = -1  # the current or last move over the whole game
    board_moves: int = 0
    found: frozenset[int] = frozenset()  # positions of the pairs found on this board
    seen: frozenset[int] = frozenset()  # positions that have been face up on this board
    first: int | None = None  # the move's first card, while face up
    second: int | None = None
    cursor: int = 0
    last_t_ns: int = 0
    total_pairs: int = 0

    @property
    def layout(self) -> tuple[str, ...]:
        """The current board's symbols by position."""
        return self.layouts[min(self.board, len(self.layouts) - 1)]

    @property
    def pairs_found(self) -> int:
        """Pairs found on the current board."""
        return len(self.found) // 2

    @property
    def board_done(self) -> bool:
        """Every pair of the current board has been found."""
        return self.board_open and len(self.found) == len(self.layout)

    def face_up(self) -> frozenset[int]:
        """Positions showing their face now: found pairs and the move's turned cards."""
        turned = {p for p in (self.first, self.second) if p is not None}
        return self.found | turned


def plan_boards(params: CardMatchParams, rng: random.Random) -> tuple[tuple[str, ...], ...]:
    """For each board: which symbols (a sample of the 18) and a shuffled layout of their pairs."""
    boards = []
    for _ in range(params.boards):
        symbols = rng.sample(SYMBOLS, params.pairs)
        cards = [s for s in symbols for _ in range(2)]
        rng.shuffle(cards)
        boards.append(tuple(cards))
    return tuple(boards)


def new_game(params: CardMatchParams, rng: random.Random, seed: int) -> CardMatchState:
    """A game not yet started, with every board drawn from rng."""
    return CardMatchState(params=params, seed=seed, layouts=plan_boards(params, rng))


def partner(layout: Sequence[str], position: int) -> int:
    """The position of the other card of a card's pair."""
    return next(i for i, s in enumerate(layout) if s == layout[position] and i != position)


def _check(state: CardMatchState, action: str, t_ns: int, *phases: Phase) -> None:
    if state.phase not in phases:
        raise CardMatchRuleError(f"card_match: cannot {action} in phase {state.phase!r} (needs {' or '.join(phases)})")
    if type(t_ns) is not int or t_ns < state.last_t_ns:
        raise CardMatchRuleError(f"card_match: field 't_ns' of {action} is {t_ns!r}, before the previous "
                                 f"{state.last_t_ns}")


def _started_payload(state: CardMatchState) -> CardMatchGameStarted:
    p = state.params
    return CardMatchGameStarted(rows=p.rows, cols=p.cols, boards=p.boards, pairs=p.pairs, reveal_ms=p.reveal_ms,
                                seed=state.seed)


def start_game(state: CardMatchState, t_ns: int) -> Step[CardMatchState]:
    """Record the game's parameters and seed."""
    _check(state, "start the game", t_ns, "not_started")
    return Step(replace(state, phase="between", last_t_ns=t_ns),
                (Emission(f"{NS}game_started", _started_payload(state), t_ns, None),))


def start_board(state: CardMatchState, requested_t_ns: int, presented_t_ns: int) -> Step[CardMatchState]:
    """The next board of face-down cards reached the screen."""
    _check(state, "start a board", requested_t_ns, "between")
    if state.board_open or state.board >= state.params.boards or presented_t_ns < requested_t_ns:
        raise CardMatchRuleError("card_match: no board to start (one is open, or every board is done)")
    payload = BoardStarted(board=state.board, layout=list(state.layouts[state.board]), requested_t_ns=requested_t_ns,
                           presented_t_ns=presented_t_ns)
    new = replace(state, phase="ready", board_open=True, board_moves=0, found=frozenset(), seen=frozenset(),
                  first=None, second=None, cursor=0, last_t_ns=presented_t_ns)
    return Step(new, (Emission(f"{NS}board_started", payload, presented_t_ns, None),))


def move_cursor(state: CardMatchState, key: str, t_ns: int) -> Step[CardMatchState]:
    """An arrow key moves the keyboard cursor one card (it stops at the edges)."""
    _check(state, "move the cursor", t_ns, "ready", "one_up", "revealing")
    if key not in STEPS:
        raise CardMatchRuleError(f"card_match: {key!r} is not an arrow key")
    p = state.params
    row, col = divmod(state.cursor, p.cols)
    dr, dc = STEPS[key]
    row, col = min(max(row + dr, 0), p.rows - 1), min(max(col + dc, 0), p.cols - 1)
    cursor = row * p.cols + col
    payload = CursorMoved(position=cursor, key=cast(Direction, key))  # a key of STEPS, checked above
    return Step(replace(state, cursor=cursor, last_t_ns=t_ns), (Emission(f"{NS}cursor_moved", payload, t_ns, None),))


def can_flip(state: CardMatchState, position: int) -> bool:
    """Whether turning the card at `position` is a move now (a face-down card, and a move in progress or due)."""
    return (state.phase in ("ready", "one_up") and 0 <= position < len(state.layout)
            and position not in state.face_up())


def flip(state: CardMatchState, position: int, t_ns: int, presented_t_ns: int, source: InputKind,
         qt_event_ms: int | None = None) -> Step[CardMatchState]:
    """Turn a card face up: the first of a move, or the second (then match or mismatch)."""
    _check(state, "turn a card", t_ns, "ready", "one_up")
    if not can_flip(state, position) or presented_t_ns < t_ns:
        raise CardMatchRuleError(f"card_match: the card at position {position} cannot be turned now")
    first = state.phase == "ready"
    move = state.move + 1 if first else state.move
    layout = state.layout
    row, col = divmod(position, state.params.cols)
    payload = Flip(board=state.board, move=move, flip=1 if first else 2, position=position, row=row, col=col,
                   symbol=layout[position], seen_before=position in state.seen,
                   partner_seen=partner(layout, position) in state.seen, input=source,
                   presented_t_ns=presented_t_ns, qt_event_ms=qt_event_ms)
    flipped = Emission(f"{NS}flip", payload, t_ns, move)
    seen = state.seen | {position}
    if first:
        new = replace(state, phase="one_up", move=move, first=position, cursor=position, seen=seen, last_t_ns=t_ns)
        return Step(new, (flipped,))
    assert state.first is not None
    pair = (state.first, position)
    new = replace(state, phase="revealing", second=position, cursor=position, seen=seen, last_t_ns=t_ns)
    if layout[state.first] == layout[position]:
        found = state.found | set(pair)
        outcome: Emission = Emission(f"{NS}match", Match(move=move, positions=list(pair), symbol=layout[position],
                                                         pairs_found=len(found) // 2), t_ns, move)
        return Step(replace(new, found=found, total_pairs=state.total_pairs + 1), (flipped, outcome))
    outcome = Emission(f"{NS}mismatch", Mismatch(move=move, positions=list(pair),
                                                 symbols=[layout[p] for p in pair]), t_ns, move)
    return Step(new, (flipped, outcome))


def end_move(state: CardMatchState, requested_t_ns: int, presented_t_ns: int) -> Step[CardMatchState]:
    """The reveal time is over: a mismatch is turned face down; the board is ready for the next move."""
    _check(state, "end the move", requested_t_ns, "revealing")
    if presented_t_ns < requested_t_ns or state.first is None or state.second is None:
        raise CardMatchRuleError("card_match: presented_t_ns must not precede requested_t_ns")
    matched = state.first in state.found
    new = replace(state, first=None, second=None, board_moves=state.board_moves + 1, last_t_ns=presented_t_ns)
    new = replace(new, phase="between" if new.board_done else "ready")
    payload = MoveEnded(board=state.board, move=state.move, outcome="match" if matched else "mismatch",
                        pairs_found=new.pairs_found, pairs_left=state.params.pairs - new.pairs_found,
                        requested_t_ns=requested_t_ns, presented_t_ns=presented_t_ns)
    return Step(new, (Emission(f"{NS}move_ended", payload, presented_t_ns, state.move),))


def complete_board(state: CardMatchState, t_ns: int) -> Step[CardMatchState]:
    """Record that every pair of the board was found; the next board (if any) may start."""
    _check(state, "complete the board", t_ns, "between")
    if not state.board_done:
        raise CardMatchRuleError(f"card_match: board {state.board + 1} still has pairs to find")
    payload = BoardCompleted(board=state.board, moves=state.board_moves, pairs=state.params.pairs)
    new = replace(state, board=state.board + 1, board_open=False, found=frozenset(), seen=frozenset(), last_t_ns=t_ns)
    return Step(new, (Emission(f"{NS}board_completed", payload, t_ns, None),))


def is_done(state: CardMatchState) -> bool:
    """Whether every board is completed (the game may end)."""
    return state.board >= state.params.boards


def end_game(state: CardMatchState, t_ns: int) -> Step[CardMatchState]:
    """Record the totals once every board is completed."""
    _check(state, "end the game", t_ns, "between")
    if not is_done(state):
        raise CardMatchRuleError(f"card_match: board {state.board + 1} of {state.params.boards} is not completed")
    payload = CardMatchGameEnded(boards=state.board, moves=state.move + 1, pairs=state.total_pairs)
    return Step(replace(state, phase="finished", last_t_ns=t_ns), (Emission(f"{NS}game_ended", payload, t_ns, None),))


def _apply(state: CardMatchState, rec: EventRecord) -> Step[CardMatchState]:
    """The rules step that recorded `rec`, taken again with the record's values (games/kit/replay.py)."""
    kind = rec.kind.removeprefix(NS)
    if kind == "game_started":
        return start_game(state, rec.t_ns)
    if kind == "board_started":
        shown = payload_of(rec, BoardStarted)
        return start_board(state, shown.requested_t_ns, shown.presented_t_ns)
    if kind == "cursor_moved":
        return move_cursor(state, payload_of(rec, CursorMoved).key, rec.t_ns)
    if kind == "flip":
        turned = payload_of(rec, Flip)
        return flip(state, turned.position, rec.t_ns, turned.presented_t_ns, turned.input, turned.qt_event_ms)
    if kind == "move_ended":
        ended = payload_of(rec, MoveEnded)
        return end_move(state, ended.requested_t_ns, ended.presented_t_ns)
    if kind == "board_completed":
        return complete_board(state, rec.t_ns)
    if kind == "game_ended":
        return end_game(state, rec.t_ns)
    raise CardMatchRuleError(f"card_match: {rec.kind!r} does not start a rules step")


def restore(state: CardMatchState, records: Sequence[EventRecord]) -> Restored[CardMatchState]:
    """The state after the last move that ended (found pairs kept), from the game's recorded events."""
    if state.phase != "not_started":
        raise CardMatchRuleError("card_match: only a game not yet started can be restored")
    return replay(state, records, NS, _apply, lambda s: s.phase in ("between", "ready", "finished"))


def resume_game(restored: Restored[CardMatchState], t_ns: int) -> Step[CardMatchState]:
    """Record card_match.game_resumed: the move the game continues at, on the board as it was."""
    state = restored.state
    _check(state, "resume the game", t_ns, "between", "ready")
    payload = CardMatchGameResumed(trial=state.move + 1, repeated=restored.repeated, trials_done=state.move + 1,
                                   events_restored=restored.events, board=state.board, pairs_found=state.pairs_found)
    return Step(replace(state, last_t_ns=t_ns), (Emission(f"{NS}game_resumed", payload, t_ns, None),))
