"""Scoring: pure, deterministic, versioned metrics and traits from a session's events."""

from scoring.errors import RoleError, ScoringError, ScoringInputError, UnknownScoringVersion
from scoring.model import GameResult, Insufficient, Interpretation, Metric, Profile, QualityFlag, Trait
from scoring.profile import SCORING_VERSION, SUPPORTED_VERSIONS, rescore_canonical, score_session

__all__ = [
    "SCORING_VERSION",
    "SUPPORTED_VERSIONS",
    "GameResult",
    "Insufficient",
    "Interpretation",
    "Metric",
    "Profile",
    "QualityFlag",
    "RoleError",
    "ScoringError",
    "ScoringInputError",
    "Trait",
    "UnknownScoringVersion",
    "rescore_canonical",
    "score_session",
]
