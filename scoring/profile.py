"""score_session: events -> metrics -> traits -> interpretations -> profile, for one scoring version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.eventlog.records import EventRecord
from scoring.bart import bart_traits, score_bart
from scoring.errors import UnknownScoringVersion
from scoring.model import GameResult, Profile, Trait
from scoring.stream import parse_stream
from scoring.tables import TABLES

__all__ = ["SCORING_VERSION", "SUPPORTED_VERSIONS", "rescore_canonical", "score_session"]

SCORING_VERSION = "1.0.0"
SUPPORTED_VERSIONS: tuple[str, ...] = tuple(TABLES)


def _tables(version: str | None) -> tuple[str, Any]:
    chosen = SCORING_VERSION if version is None else version
    if chosen not in TABLES:
        raise UnknownScoringVersion(chosen, SUPPORTED_VERSIONS)
    return chosen, TABLES[chosen]


def score_session(records: Sequence[EventRecord], version: str | None = None) -> Profile:
    """Score one whole session stream (session.opened .. session.closed) with a scoring version."""
    chosen, tables = _tables(version)
    stream = parse_stream(records)
    games: list[GameResult] = []
    traits: list[Trait] = []
    if "bart" in stream.games:
        result, balloons = score_bart(stream.games["bart"], tables)
        games.append(result)
        traits += bart_traits(balloons, tables)
    return Profile(
        scoring_version=chosen, session_id=stream.session_id, participant=stream.participant,
        games=games, traits=traits, interpretations=[], recruiter_notes="", strengths=[], considerations=[],
        quality=[],
    )


def rescore_canonical(records: Sequence[EventRecord], version: str) -> bytes:
    """The canonical JSON a given scoring version produces for these events (UnknownScoringVersion if unknown)."""
    return score_session(records, version).canonical_json()
