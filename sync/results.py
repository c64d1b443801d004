"""The one place sync meets scoring: results.json bytes for a session, and re-scoring a bundle's events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from eventlog import EventRecord, Store
from scoring import SCORING_VERSION, SUPPORTED_VERSIONS, ScoringError, UnknownScoringVersion, rescore_canonical
from sync.stored_results import first_stored_results, score_and_store

__all__ = ["ScoringError", "UnknownVersion", "metrics_and_traits", "rescore", "results_for"]

UnknownVersion = UnknownScoringVersion


def results_for(store: Store, session_id: str) -> tuple[str, bytes]:
    """The results a session's bundle carries, with their scoring version.

    The first results stored for the session (at completion, normally) in a version this build still
    reproduces, so a station upgrade never changes a session's bundle; scored now, in the current
    version, when there are none.
    """
    first = first_stored_results(store, session_id, SUPPORTED_VERSIONS)
    if first is not None:
        return first
    return SCORING_VERSION, score_and_store(store, session_id, SCORING_VERSION).canonical_json()


def rescore(records: Sequence[EventRecord], version: str) -> bytes:
    """Canonical results of records under a recorded scoring version; UnknownVersion if not known."""
    return rescore_canonical(records, version)


def metrics_and_traits(results: bytes) -> tuple[Any, Any]:
    """The per-game metrics and the traits from results.json, as the receiver reports them (None for what a
    signed but oddly shaped results.json does not hold)."""
    value = json.loads(results)
    if not isinstance(value, dict):
        return None, None
    games = value.get("games")
    entries = [game for game in games if isinstance(game, dict)] if isinstance(games, list) else []
    metrics = {str(game.get("game", i)): game.get("metrics") for i, game in enumerate(entries)}
    return metrics, value.get("traits")
