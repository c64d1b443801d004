"""The frozen result models of scoring: metrics, traits, interpretations, quality flags and the profile."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from eventlog.canonical import canonical_json
from scoring.stats import KEPT, quantized

__all__ = [
    "Accommodations",
    "Comparability",
    "GameResult",
    "Insufficient",
    "Interpretation",
    "Metric",
    "Profile",
    "QualityFlag",
    "ReasoningLanguage",
    "Trait",
]

Value = float | int | str | bool | None


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Insufficient(_Frozen):
    """Why a metric or trait has no value, and what would give it one (seed 001's error with guidance)."""

    reason: str
    required: str
    observed: str
    suggestion: str


class Comparability(_Frozen):
    """Set (from 1.3.0) on a measure that an accommodation changed: it is not comparable with sessions without it."""

    comparable: bool
    reason: str


class Metric(_Frozen):
    """One named measurement; `group` is a colour, a task id or empty for the whole game."""

    key: str
    group: str = ""
    value: Value = None
    unit: str = ""
    n: int = 0
    insufficient: Insufficient | None = None
    comparability: Comparability | None = None


class GameResult(_Frozen):
    """The metrics of one game of the session."""

    game: str
    completed: bool
    metrics: list[Metric]

    def metric(self, key: str, group: str = "") -> Metric | None:
        """The metric with this key and group, if computed."""
        return next((m for m in self.metrics if m.key == key and m.group == group), None)


class Trait(_Frozen):
    """A bi-directional trait: a position 0..100 between two named poles, with its reliability band."""

    key: str
    label: str
    low_pole: str
    high_pole: str
    kind: Literal["style", "ability"]
    note: str
    position: float | None = None
    band_low: float | None = None
    band_high: float | None = None
    se: float | None = None
    reliability: float | None = None
    reliability_label: str = "not estimable"
    items: int = 0
    sources: list[str]
    evidence: list[str]
    insufficient: Insufficient | None = None
    comparability: Comparability | None = None


class Interpretation(_Frozen):
    """A deterministic, rule-based reading of the decision game (seed 004) with its evidence."""

    key: str
    value: str
    details: dict[str, str] = {}
    confidence: float
    evidence: list[str]
    insufficient: Insufficient | None = None
    comparability: Comparability | None = None


class QualityFlag(_Frozen):
    """A check on how the session went; `raised` when it deserves a proctor's or recruiter's attention."""

    key: str
    raised: bool
    value: float | int | None
    threshold: float | int
    message: str


class ReasoningLanguage(_Frozen):
    """The language the reasoning was scored in (from 1.3.0) and the keyword table used, with its version."""

    language: str  # the session's language (BCP 47), "en" when the session recorded none
    chosen_by: str  # station.language's source, or "not recorded"
    keyword_table: str  # the language of the table used
    keyword_table_version: str
    keyword_table_made_by: str  # "seed" or "machine translation"
    note: str = ""


class Accommodations(_Frozen):
    """The accommodations the session was run with (from 1.3.0) and the measures they make not comparable."""

    extended_time: float | None = None
    type_scale: float | None = None
    high_contrast: bool = False
    breaks: bool = False
    not_comparable: list[str]
    note: str


_ABSENT_WHEN_NONE = frozenset({"comparability", "language", "accommodations"})
"""Fields added in 1.3.0: left out of the canonical JSON when unset, so that older versions' bytes never change."""


def _ready(value: Any) -> Any:
    """A model_dump(mode="json") made ready for canonical JSON in one walk: every float rounded as stats.quantize
    rounds it, and the fields of _ABSENT_WHEN_NONE left out where None (what quantize after a separate walk that
    dropped them made, byte for byte)."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in KEPT else _ready(v) for k, v in value.items()
                if v is not None or k not in _ABSENT_WHEN_NONE}
    if kind is list:
        return [v if type(v) in KEPT else _ready(v) for v in value]
    return quantized(value)


class Profile(_Frozen):
    """Everything scoring derives from one session, stamped with the scoring version; pseudonym only."""

    scoring_version: str
    session_id: str
    participant: str
    games: list[GameResult]
    traits: list[Trait]
    interpretations: list[Interpretation]
    recruiter_notes: str
    strengths: list[str]
    considerations: list[str]
    quality: list[QualityFlag]
    language: ReasoningLanguage | None = None
    accommodations: Accommodations | None = None

    def canonical_json(self) -> bytes:
        """Sorted keys, no spaces, floats rounded once to the table's decimals: byte-identical for equal events."""
        return canonical_json(_ready(self.model_dump(mode="json"))).encode("utf-8")

    def trait(self, key: str) -> Trait | None:
        """The trait with this key, if part of the profile."""
        return next((t for t in self.traits if t.key == key), None)

    def game(self, name: str) -> GameResult | None:
        """The result of one game, if it was played."""
        return next((g for g in self.games if g.game == name), None)
