"""The one place sync meets scoring: results.json bytes for a session, and re-scoring a bundle's events."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from kiosk.eventlog import EventRecord, Store
from kiosk.eventlog.canonical import canonical_json

__all__ = ["UnknownVersion", "current_scoring_version", "rescore", "results_for"]

# TEMPORARY until scoring/ lands: replaced by scoring.score_session / rescore_canonical.
_INTERIM_VERSION = "interim-0"


class UnknownVersion(Exception):
    """This app cannot score with the recorded scoring version."""


def current_scoring_version() -> str:
    """The scoring version this app scores with."""
    return _INTERIM_VERSION


def _interim(records: Sequence[EventRecord]) -> bytes:
    kinds = Counter(r.kind for r in records)
    return canonical_json({"scoring_version": _INTERIM_VERSION, "events": len(records), "kinds": dict(kinds)}).encode()


def results_for(store: Store, session_id: str) -> tuple[str, bytes]:
    """The scoring version and results.json bytes for a stored session."""
    return _INTERIM_VERSION, _interim(store.events(session_id))


def rescore(records: Sequence[EventRecord], version: str) -> bytes:
    """Canonical results of records under a recorded scoring version; UnknownVersion if not known."""
    if version != _INTERIM_VERSION:
        raise UnknownVersion(version)
    return _interim(records)


def parse_results(data: bytes) -> dict[str, object]:
    """results.json as a dict (metrics and traits are read from it by the receiver)."""
    value = json.loads(data)
    return value if isinstance(value, dict) else {"results": value}
