"""Scoring: pure, deterministic, versioned metrics and traits from a session's events."""

from scoring.errors import RoleError, ScoringError, ScoringInputError, UnknownScoringVersion
from scoring.model import GameResult, Insufficient, Interpretation, Metric, Profile, QualityFlag, Trait
from scoring.profile import SCORING_VERSION, SUPPORTED_VERSIONS, rescore_canonical, score_session
from scoring.roles import Role, RoleFit, TraitFit, load_role, role_fit, role_names

__all__ = [
    "SCORING_VERSION",
    "SUPPORTED_VERSIONS",
    "GameResult",
    "Insufficient",
    "Interpretation",
    "Metric",
    "Profile",
    "QualityFlag",
    "Role",
    "RoleError",
    "RoleFit",
    "ScoringError",
    "ScoringInputError",
    "Trait",
    "TraitFit",
    "UnknownScoringVersion",
    "load_role",
    "rescore_canonical",
    "role_fit",
    "role_names",
    "score_session",
]
