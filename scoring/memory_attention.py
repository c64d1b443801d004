"""The memory and attention games of issue 14 (digit span, card match, flanker, stop-signal), scored in one call."""

from __future__ import annotations

from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.card_match import card_match_traits, score_card_match
from scoring.digit_span import digit_span_traits, score_digit_span
from scoring.flanker import correct_rts, flanker_traits, score_flanker
from scoring.model import GameResult, Trait
from scoring.stop_signal import race, score_stop_signal, stop_signal_traits

__all__ = ["GAMES", "score_memory_attention"]

GAMES = ("digit_span", "card_match", "flanker", "stop_signal")
"""The games, in the order their results and traits appear in a profile."""


def score_memory_attention(games: dict[str, list[EventRecord]], tables: Any) -> tuple[
        list[GameResult], list[Trait], dict[str, list[float]]]:
    """Results, traits and timing series (for the regular-responding check) of the games of issue 14 played."""
    results: list[GameResult] = []
    traits: list[Trait] = []
    series: dict[str, list[float]] = {}
    if "digit_span" in games:
        result, answers = score_digit_span(games["digit_span"], tables)
        results.append(result)
        traits += digit_span_traits(answers, tables)
    if "card_match" in games:
        result, moves = score_card_match(games["card_match"], tables)
        results.append(result)
        traits += card_match_traits(moves, tables)
    if "flanker" in games:
        result, trials = score_flanker(games["flanker"], tables)
        results.append(result)
        traits += flanker_traits(trials, tables)
        series[N_("flanker reaction times")] = correct_rts(trials, tables["flanker"])
    if "stop_signal" in games:
        result, trials = score_stop_signal(games["stop_signal"], tables)
        results.append(result)
        traits += stop_signal_traits(trials, tables)
        series[N_("stop_signal go reaction times")] = list(race(trials).go_rts)
    return results, traits, series
