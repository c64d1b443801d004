"""The one place sync meets scoring: results.json bytes for a session, and re-scoring a bundle's events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kiosk.eventlog import EventRecord, Store
from kiosk.results import score_and_store, stored_results
from scoring import SCORING_VERSION, ScoringError, UnknownScoringVersion, rescore_canonical

__all__ = ["ScoringError", "UnknownVersion", "metrics_and_traits", "rescore", "results_for"]

UnknownVersion = UnknownScoringVersion


def results_for(store: Store, session_id: str) -> tuple[str, bytes]:
    """The current scoring version and the station's stored results for it (scored and stored if missing)."""
    stored = stored_results(store, session_id, SCORING_VERSION)
    if stored is None:
        stored = score_and_store(store, session_id, SCORING_VERSION).canonical_json()
    return SCORING_VERSION, stored


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
