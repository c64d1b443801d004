"""Scoring of the trial games (IGT, Tower of London, faces, effort, money): each game's metrics and traits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventlog.records import EventRecord
from scoring.effort import effort_traits, score_effort
from scoring.faces import faces_traits, parse_faces, score_faces
from scoring.igt import igt_traits, score_igt
from scoring.model import GameResult, Trait
from scoring.money import money_traits, score_money
from scoring.tower import score_tower, tower_traits

__all__ = ["TRIAL_GAMES", "score_trial_games"]

Scorer = Callable[[list[EventRecord], Any], tuple[GameResult, list[Trait]]]


def _igt(records: list[EventRecord], tables: Any) -> tuple[GameResult, list[Trait]]:
    result, cards = score_igt(records, tables)
    return result, igt_traits(cards, tables)


def _tower(records: list[EventRecord], tables: Any) -> tuple[GameResult, list[Trait]]:
    result, problems = score_tower(records, tables)
    return result, tower_traits(problems, tables)


def _faces(records: list[EventRecord], tables: Any) -> tuple[GameResult, list[Trait]]:
    result, answers = score_faces(records, tables)
    return result, faces_traits(answers, parse_faces(records)[2], tables)


def _effort(records: list[EventRecord], tables: Any) -> tuple[GameResult, list[Trait]]:
    result, rounds = score_effort(records, tables)
    return result, effort_traits(rounds, tables)


def _money(records: list[EventRecord], tables: Any) -> tuple[GameResult, list[Trait]]:
    result, decisions = score_money(records, tables)
    return result, money_traits(decisions, tables)


TRIAL_GAMES: dict[str, Scorer] = {"igt": _igt, "tower": _tower, "faces": _faces, "effort": _effort, "money": _money}
"""The trial games by name (their game name is their event namespace)."""


def score_trial_games(games: dict[str, list[EventRecord]], tables: Any) -> tuple[list[GameResult], list[Trait]]:
    """The results and traits of every trial game played, in the order they were played."""
    results: list[GameResult] = []
    traits: list[Trait] = []
    for name in sorted((g for g in games if g in TRIAL_GAMES), key=lambda g: games[g][0].seq):
        result, found = TRIAL_GAMES[name](games[name], tables)
        results.append(result)
        traits += found
    return results, traits
