"""Roles derived from incumbents: each trait's target band is the middle half of their positions.

Rule (documented in docs/SCORING.md, "Derived roles"): for every trait scored in at least `MIN_INCUMBENTS`
of the incumbents' sessions, the band runs from the 25th to the 75th percentile of their positions
(Hyndman & Fan type 7), weight 1. Sessions are included by the norm tables' rules (completed, not
automated, one battery, rescored with the current version). Below the minimum the role is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.errors import ScoringError
from scoring.norms import NormSession, build_norms, quantile
from scoring.roles import Provenance, Role, TargetBand

__all__ = [
    "HIGH_PERCENTILE",
    "LOW_PERCENTILE",
    "MIN_INCUMBENTS",
    "MIN_SOURCE",
    "DeriveError",
    "derive_role",
    "role_toml",
]

MIN_INCUMBENTS = 50
MIN_SOURCE = ("pymetrics builds a role from at least 50 top-performing incumbents (its audit-AI notes, 2020, "
              "describe collecting incumbents' data for each role; the figure of 50 is pymetrics' stated minimum)")
LOW_PERCENTILE, HIGH_PERCENTILE = 25, 75
RULE = (f"each trait's band is the {LOW_PERCENTILE}th to {HIGH_PERCENTILE}th percentile of the incumbents' positions "
        f"(the middle half), weight 1, for traits scored in at least {MIN_INCUMBENTS} of them")


class DeriveError(ScoringError):
    """A role cannot be derived (too few incumbents); the message says how many there are and need."""


def derive_role(items: Sequence[NormSession], name: str, description: str, created_utc: str, version: str,
                battery: str | None = None) -> Role:
    """The role from the incumbents' sessions; DeriveError below the minimum."""
    table = build_norms(items, f"incumbents: {name}", created_utc, version, battery)
    if len(table.sessions) < MIN_INCUMBENTS:
        raise DeriveError(f"{len(table.sessions)} incumbent session(s) meet the rules; a derived role needs at least "
                          f"{MIN_INCUMBENTS} ({len(table.excluded)} left out)")
    positions: dict[str, list[float]] = {}
    kept = set(table.sessions)
    for item in items:
        if item.session_id in kept and item.profile is not None:
            for t in item.profile.traits:
                if t.position is not None:
                    positions.setdefault(t.key, []).append(t.position)
    bands = {}
    for key, xs in sorted(positions.items()):
        if len(xs) >= MIN_INCUMBENTS:
            s = sorted(xs)
            bands[key] = TargetBand(low=round(quantile(s, LOW_PERCENTILE), 1),
                                    high=round(quantile(s, HIGH_PERCENTILE), 1))
    if not bands:
        raise DeriveError(f"no trait was scored in at least {MIN_INCUMBENTS} of the incumbents' sessions")
    provenance = Provenance(rule=RULE, n=len(table.sessions), minimum_n=MIN_INCUMBENTS, minimum_source=MIN_SOURCE,
                            created_utc=created_utc, scoring_version=version, battery=table.battery,
                            sessions=table.sessions, excluded=table.excluded)
    return Role(name=name, description=description, traits=bands, provenance=provenance)


def _q(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def role_toml(role: Role) -> str:
    """The role as a TOML file `load_role` reads back."""
    lines = [f"name = {_q(role.name)}", f"description = {_q(role.description)}"]
    if role.provenance is not None:
        p = role.provenance.model_dump(exclude={"excluded"})
        lines += ["", "[provenance]", *[f"{k} = {_q(v)}" for k, v in p.items()]]
        lines += ["", "[provenance.excluded]", *[f"{_q(k)} = {_q(v)}" for k, v in role.provenance.excluded.items()]]
    for key, band in role.traits.items():
        lines += ["", f"[traits.{key}]", f"low = {band.low!r}", f"high = {band.high!r}", f"weight = {band.weight!r}"]
    return "\n".join(lines) + "\n"
