"""The one place sync meets scoring: results.json bytes for a session, and re-scoring a bundle's events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kiosk.eventlog import EventRecord, Store
from scoring import SCORING_VERSION, ScoringError, UnknownScoringVersion, rescore_canonical

__all__ = ["ScoringError", "UnknownVersion", "metrics_and_traits", "rescore", "results_for"]

UnknownVersion = UnknownScoringVersion


def results_for(store: Store, session_id: str) -> tuple[str, bytes]:
    """The current scoring version and its canonical results.json bytes for a stored session."""
    return SCORING_VERSION, rescore_canonical(store.events(session_id), SCORING_VERSION)


def rescore(records: Sequence[EventRecord], version: str) -> bytes:
    """Canonical results of records under a recorded scoring version; UnknownVersion if not known."""
    return rescore_canonical(records, version)


def metrics_and_traits(results: bytes) -> tuple[Any, Any]:
    """The per-game metrics and the traits from results.json, as the receiver reports them."""
    value = json.loads(results)
    if not isinstance(value, dict):
        return None, None
    metrics = {game.get("game", str(i)): game.get("metrics") for i, game in enumerate(value.get("games") or [])}
    return metrics, value.get("traits")
