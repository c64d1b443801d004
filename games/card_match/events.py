"""Payload models of the card match game's events (namespace "card_match."), registered with the event log.

Positions are 0-based, row by row (position = row * cols + col). The event's `trial` column is the 0-based
move index over the whole game (every board) for flips and their outcome, and empty for game and board
events and cursor moves (the cursor belongs to no move: a crash cuts a move, never a cursor move).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.core import GameResumedFields

__all__ = [
    "BoardCompleted",
    "BoardStarted",
    "CardMatchGameEnded",
    "CardMatchGameResumed",
    "CardMatchGameStarted",
    "CursorMoved",
    "Flip",
    "Match",
    "Mismatch",
    "MoveEnded",
]

InputKind = Literal["key", "mouse"]


@register_kind("card_match.game_started")
class CardMatchGameStarted(Payload):
    """The game begins: the grid, the number of boards, the reveal time and the seed."""

    rows: int = Field(ge=1)
    cols: int = Field(ge=1)
    boards: int = Field(ge=1)
    pairs: int = Field(ge=1)  # per board
    reveal_ms: int = Field(ge=0)
    seed: int


@register_kind("card_match.board_started")
class BoardStarted(Payload):
    """A new board of face-down cards reached the screen; `layout` is each position's (hidden) symbol."""

    board: int = Field(ge=0)
    layout: list[str] = Field(min_length=2)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)


@register_kind("card_match.cursor_moved")
class CursorMoved(Payload):
    """The keyboard cursor moved to another card (arrow keys)."""

    position: int = Field(ge=0)
    key: Literal["Left", "Right", "Up", "Down"]


@register_kind("card_match.flip")
class Flip(Payload):
    """A card was turned face up; t_ns is the input's stamp, presented_t_ns when its face reached the screen."""

    board: int = Field(ge=0)
    move: int = Field(ge=0)
    flip: Literal[1, 2]
    position: int = Field(ge=0)
    row: int = Field(ge=0)
    col: int = Field(ge=0)
    symbol: str = Field(min_length=1)
    seen_before: bool  # this card had been face up before on this board
    partner_seen: bool  # the other card of its pair had been face up before (this move's first card included)
    input: InputKind
    presented_t_ns: int = Field(ge=0)
    qt_event_ms: int | None = None


@register_kind("card_match.match")
class Match(Payload):
    """The move's two cards are a pair: they stay face up, taken off the game."""

    move: int = Field(ge=0)
    positions: list[int] = Field(min_length=2, max_length=2)
    symbol: str = Field(min_length=1)
    pairs_found: int = Field(ge=1)  # on this board, this pair included


@register_kind("card_match.mismatch")
class Mismatch(Payload):
    """The move's two cards differ: they turn face down again after the reveal time."""

    move: int = Field(ge=0)
    positions: list[int] = Field(min_length=2, max_length=2)
    symbols: list[str] = Field(min_length=2, max_length=2)


@register_kind("card_match.move_ended")
class MoveEnded(Payload):
    """The reveal time is over and the board is ready for the next move; t_ns is when that was on screen."""

    board: int = Field(ge=0)
    move: int = Field(ge=0)
    outcome: Literal["match", "mismatch"]
    pairs_found: int = Field(ge=0)
    pairs_left: int = Field(ge=0)
    requested_t_ns: int = Field(ge=0)
    presented_t_ns: int = Field(ge=0)


@register_kind("card_match.board_completed")
class BoardCompleted(Payload):
    """Every pair of a board was found."""

    board: int = Field(ge=0)
    moves: int = Field(ge=1)  # moves on this board
    pairs: int = Field(ge=1)


@register_kind("card_match.game_ended")
class CardMatchGameEnded(Payload):
    """The game is over: boards, moves and pairs over the whole game."""

    boards: int = Field(ge=0)
    moves: int = Field(ge=0)
    pairs: int = Field(ge=0)


@register_kind("card_match.game_resumed")
class CardMatchGameResumed(GameResumedFields):
    """The game continues after a crash at move `trial` on its board as it was (found pairs stay found)."""

    board: int = Field(ge=0)
    pairs_found: int = Field(ge=0)  # on that board
