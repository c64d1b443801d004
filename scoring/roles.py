"""Role profiles (assets/roles/*.toml: target bands per trait) and the explained fit of a profile to one."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scoring.errors import RoleError
from scoring.model import Profile
from scoring.tables import TABLES, table_for

__all__ = ["Provenance", "Role", "RoleFit", "TargetBand", "TraitFit", "load_role", "role_dir", "role_fit", "role_names"]


class TargetBand(BaseModel):
    """The band of positions a role looks for on one trait, and how much the trait counts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: float = Field(ge=0, le=100)
    high: float = Field(ge=0, le=100)
    weight: float = Field(default=1.0, gt=0, le=10)

    @model_validator(mode="after")
    def _ordered(self) -> TargetBand:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) must not exceed high ({self.high})")
        return self


class Provenance(BaseModel):
    """How a derived role was made (scoring/derive.py); a role without one was written by hand."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    method: Literal["incumbents"] = "incumbents"
    rule: str
    n: int = Field(ge=1)
    minimum_n: int
    minimum_source: str
    created_utc: str
    scoring_version: str
    battery: str
    sessions: list[str]
    excluded: dict[str, str] = {}


class Role(BaseModel):
    """A role profile: a name, a description, target bands by trait key and, when derived, how it was made."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""
    traits: dict[str, TargetBand] = Field(min_length=1)
    provenance: Provenance | None = None

    @property
    def origin(self) -> str:
        """One sentence saying where the target bands come from (reports print it beside the fit)."""
        p = self.provenance
        if p is None:
            return "Target bands written by hand, not derived from people in the role."
        return (f"Target bands derived from {p.n} people in the role on {p.created_utc[:10]} (battery {p.battery}, "
                f"scoring {p.scoring_version}): {p.rule}")


class TraitFit(BaseModel):
    """One trait against its band: inside, below or above, the distance and its reliability weighting."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    trait: str
    status: Literal["inside", "below", "above", "insufficient", "not_assessed"]
    position: float | None
    low: float
    high: float
    distance: float | None
    reliability_weight: float
    weighted_distance: float | None
    band_overlaps: bool | None
    explanation: str


class RoleFit(BaseModel):
    """The fit to a role: every trait's part, and an overall figure with its explanation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str
    scoring_version: str
    traits: list[TraitFit]
    overall: float | None
    explanation: str


def role_dir() -> Path:
    """Where the shipped role profiles live (assets/roles)."""
    import assets

    return Path(assets.__file__).resolve().parent / "roles"


def role_names() -> list[str]:
    """The names (file stems) of the shipped role profiles."""
    return sorted(p.stem for p in role_dir().glob("*.toml"))


def load_role(path_or_name: str | Path) -> Role:
    """Load and validate a role profile by path or by shipped name; RoleError names the file and field."""
    path = Path(path_or_name)
    if not path.suffix:
        path = role_dir() / f"{path_or_name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RoleError(str(path), "(file)", f"no such role profile; shipped roles: {', '.join(role_names())}")\
            from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RoleError(str(path), "(file)", f"cannot read TOML: {exc}") from None
    try:
        role = Role.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RoleError(path.name, ".".join(str(p) for p in first["loc"]) or "(root)", first["msg"]) from None
    known = {key for table in TABLES.values() for key in table["traits"]}
    for key in role.traits:
        if key not in known:
            raise RoleError(path.name, f"traits.{key}", f"unknown trait; known traits: {', '.join(sorted(known))}")
    return role


def _one(key: str, band: TargetBand, profile: Profile, unknown_weight: float) -> TraitFit:
    tr = profile.trait(key)
    base: dict[str, Any] = {"trait": key, "low": band.low, "high": band.high}
    if tr is None or tr.position is None:
        status = "not_assessed" if tr is None else "insufficient"
        why = ("the game measuring it was not played" if tr is None
               else tr.insufficient.reason if tr.insufficient else "no position was computed")
        return TraitFit(**base, status=status, position=None, distance=None, reliability_weight=0.0,
                        weighted_distance=None, band_overlaps=None, explanation=f"{key}: not scored ({why})")
    p = tr.position
    status = "inside" if band.low <= p <= band.high else "below" if p < band.low else "above"
    distance = 0.0 if status == "inside" else band.low - p if status == "below" else p - band.high
    weight = tr.reliability if tr.reliability is not None else unknown_weight
    overlaps = None if tr.band_low is None or tr.band_high is None else \
        tr.band_low <= band.high and tr.band_high >= band.low
    text = f"{key}: position {p:.0f} is {status} the target {band.low:.0f}-{band.high:.0f}"
    if distance:
        text += f" by {distance:.0f} points (x reliability {weight:.2f} = {distance * weight:.1f})"
    if overlaps and status != "inside":
        text += "; its reliability band still overlaps the target"
    return TraitFit(**base, status=status, position=p, distance=distance, reliability_weight=weight,
                    weighted_distance=distance * weight, band_overlaps=overlaps, explanation=text)


def role_fit(profile: Profile, role: Role | str | Path) -> RoleFit:
    """Per trait inside/below/above with reliability-weighted distance; overall = 100 - weighted mean distance."""
    chosen = role if isinstance(role, Role) else load_role(role)
    unknown = float(table_for(profile.scoring_version)["role_fit"]["unknown_reliability_weight"])
    parts = [_one(k, chosen.traits[k], profile, unknown) for k in sorted(chosen.traits)]
    scored = [(f, chosen.traits[f.trait].weight, f.weighted_distance) for f in parts
              if f.weighted_distance is not None]
    if not scored:
        return RoleFit(role=chosen.name, scoring_version=profile.scoring_version, traits=parts, overall=None,
                       explanation="No trait of this role was scored in the session, so no overall fit is given.")
    total_w = sum(w for _, w, _ in scored)
    mean_wd = sum(wd * w for _, w, wd in scored) / total_w
    inside = sum(f.status == "inside" for f, _, _ in scored)
    overall = max(0.0, 100.0 - mean_wd)
    text = (f"{inside} of {len(scored)} scored traits fall inside their target band; the role-weighted mean of "
            f"reliability-weighted distances outside the bands is {mean_wd:.1f} points, so overall fit = "
            f"100 - {mean_wd:.1f} = {overall:.1f}.")
    missing = [f.trait for f in parts if f.weighted_distance is None]
    if missing:
        text += f" Not scored: {', '.join(missing)}."
    return RoleFit(role=chosen.name, scoring_version=profile.scoring_version, traits=parts, overall=overall,
                   explanation=text)
