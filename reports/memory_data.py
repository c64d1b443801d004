"""What the memory and attention charts draw (issue 14's games), read from a session's settled game events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from eventlog.records import EventRecord
from scoring.card_match import Move, expected_moves, parse_card_match
from scoring.digit_span import Answer, parse_digit_span
from scoring.stop_signal import race
from scoring.timed import TimedTrial, parse_timed

__all__ = ["MemoryAttentionData", "memory_attention_data"]


@dataclass(frozen=True)
class MemoryAttentionData:
    """Per-trial data of the digit span, card match, flanker and stop-signal games of a session (empty if unplayed)."""

    answers: tuple[Answer, ...] = ()
    moves: tuple[Move, ...] = ()
    expected_per_board: tuple[float, ...] = ()  # perfect-memory expectation of each completed board
    flanker: tuple[TimedTrial, ...] = ()
    stops: tuple[TimedTrial, ...] = ()
    ssrt_ms: float | None = None
    ssds_ms: tuple[float, ...] = field(default=())


def memory_attention_data(games: Mapping[str, Sequence[EventRecord]]) -> MemoryAttentionData:
    """The chart data of the games played (games: the stream's settled events per game)."""
    answers = tuple(parse_digit_span(games["digit_span"])[0]) if "digit_span" in games else ()
    moves: tuple[Move, ...] = ()
    expected: tuple[float, ...] = ()
    if "card_match" in games:
        found, completed, _ = parse_card_match(games["card_match"])
        moves, expected = tuple(found), tuple(float(expected_moves(n)) for n in completed)
    flanker = tuple(parse_timed(games["flanker"], "flanker.")[0]) if "flanker" in games else ()
    stops = tuple(parse_timed(games["stop_signal"], "stop_signal.")[0]) if "stop_signal" in games else ()
    r = race(stops)
    return MemoryAttentionData(answers, moves, expected, flanker, stops, r.ssrt() if stops else None, r.ssds)
