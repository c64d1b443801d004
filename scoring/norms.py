"""Norm tables: per trait n, mean, SD and percentiles of a group's positions, and a person's percentile in them.

A norm table is built from scored sessions (`build_norms`) under stated inclusion rules and written as TOML
(`norms_toml`); it records when, from which battery and scoring version, the group's description and the
session ids it used, so it can be rebuilt without a session after that session's erasure. Nothing here
ships norms: a table exists only when someone builds one from their own sessions.
"""

from __future__ import annotations

import itertools
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from i18n import N_
from scoring.errors import ScoringError
from scoring.model import Profile
from scoring.quality import AUTOMATION
from scoring.stats import mean, sd

__all__ = [
    "GRID",
    "MIN_NORM_N",
    "NO_NORMS",
    "NormError",
    "NormSession",
    "NormTable",
    "TraitNorm",
    "build_norms",
    "compared",
    "load_norms",
    "norms_toml",
    "percentile_rank",
    "quantile",
]

FORMAT = 1
GRID = (1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 99)
"""The percentiles a norm table stores for every trait."""
MIN_NORM_N = 30
"""A trait with fewer people than this gets n, mean and SD but no percentiles (HireMate's rule: a percentile
from fewer people moves by several points when one person is added)."""
INCLUSION = (
    "the session was completed (status completed)",
    "no automated-input flag (scoring 1.2.0 quality flag automated_input)",
    "scored again from its events with the table's scoring version",
    "the trait has a position in the session (not 'not enough data')",
    "every session from the same battery",
)


class NormError(ScoringError):
    """A norm table cannot be built or read; the message says why."""


class TraitNorm(BaseModel):
    """One trait's distribution in the norm group."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    n: int = Field(ge=1)
    mean: float
    sd: float | None
    percentiles: dict[str, float] = {}


class NormTable(BaseModel):
    """A versioned norm table (see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = FORMAT
    group: str = Field(min_length=1)
    created_utc: str
    battery: str
    scoring_version: str
    inclusion: list[str]
    min_n_for_percentiles: int = MIN_NORM_N
    sessions: list[str]
    excluded: dict[str, str] = {}
    traits: dict[str, TraitNorm]


@dataclass(frozen=True)
class NormSession:
    """A candidate session for a norm table: its id, battery, status and profile (None: could not be scored)."""

    session_id: str
    battery: str | None
    status: str
    profile: Profile | None
    error: str = ""


def quantile(sorted_xs: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation between order statistics (Hyndman & Fan 1996, type 7)."""
    h = (len(sorted_xs) - 1) * p / 100.0
    lo = math.floor(h)
    hi = min(lo + 1, len(sorted_xs) - 1)
    return sorted_xs[lo] + (h - lo) * (sorted_xs[hi] - sorted_xs[lo])


def _why_out(item: NormSession, battery: str, version: str) -> str | None:
    if item.profile is None:
        return f"could not be scored: {item.error}" if item.error else "could not be scored"
    if item.status != "completed":
        return f"status {item.status}, not completed"
    if (item.battery or "") != battery:
        return f"battery {item.battery or 'none'}, not {battery}"
    if item.profile.scoring_version != version:
        return f"scored with {item.profile.scoring_version}, not {version}"
    if any(q.key == AUTOMATION and q.raised for q in item.profile.quality):
        return "automated input"
    return None


def build_norms(items: Sequence[NormSession], group: str, created_utc: str, version: str,
                battery: str | None = None) -> NormTable:
    """A norm table from the sessions that meet the inclusion rules (NormError when none does)."""
    if not items:
        raise NormError("no sessions given")
    chosen = battery or next((i.battery for i in items if i.battery), None)
    if chosen is None:
        raise NormError("no session names its battery; give --battery")
    excluded: dict[str, str] = {}
    kept: list[NormSession] = []
    for item in items:
        why = _why_out(item, chosen, version)
        if why is None:
            kept.append(item)
        else:
            excluded[item.session_id] = why
    if not kept:
        raise NormError(f"none of the {len(items)} sessions meets the inclusion rules (first: "
                        f"{next(iter(excluded.items()))[0]}: {next(iter(excluded.values()))})")
    positions: dict[str, list[float]] = {}
    for item in kept:
        assert item.profile is not None
        for t in item.profile.traits:
            if t.position is not None:
                positions.setdefault(t.key, []).append(t.position)
    traits = {}
    for key, xs in sorted(positions.items()):
        s = sorted(xs)
        grid = {f"p{p}": round(quantile(s, p), 4) for p in GRID} if len(s) >= MIN_NORM_N else {}
        spread = sd(s)
        traits[key] = TraitNorm(n=len(s), mean=round(mean(s) or 0.0, 4),
                                sd=None if spread is None else round(spread, 4), percentiles=grid)
    return NormTable(group=group, created_utc=created_utc, battery=chosen, scoring_version=version,
                     inclusion=list(INCLUSION), sessions=[i.session_id for i in kept], excluded=excluded,
                     traits=traits)


def percentile_rank(norm: TraitNorm, position: float) -> float | None:
    """Where a position falls in the group, 0-100, interpolated on the stored percentiles (None without them).

    Ties (several percentiles at the same position, e.g. at a pole) give the middle of their range.
    """
    if not norm.percentiles:
        return None
    points = sorted(((float(k[1:]), v) for k, v in norm.percentiles.items()), key=lambda pv: pv[0])
    equal = [p for p, v in points if v == position]
    if equal:
        return (min(equal) + max(equal)) / 2
    if position < points[0][1]:
        return points[0][0] / 2
    if position > points[-1][1]:
        return (100.0 + points[-1][0]) / 2
    for (p0, v0), (p1, v1) in itertools.pairwise(points):
        if v0 < position < v1:
            return p0 + (p1 - p0) * (position - v0) / (v1 - v0)
    return None


NO_NORMS = N_("No norm table is loaded: positions are on HireMate's fixed scale, not compared with other people.")


def ordinal(p: float) -> str:
    """A percentile in words: '73rd', 'below the 1st', 'above the 99th'."""
    if p < 1:
        return "below the 1st"
    if p > 99:
        return "above the 99th"
    n = round(p)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def compared(profile: Profile, table: NormTable | None) -> tuple[str, list[tuple[str, str, str]]]:
    """(a sentence about the norm table, or NO_NORMS; rows of trait label, percentile in words, n)."""
    if table is None:
        return NO_NORMS, []
    head = (f"Compared with: {table.group} (norm table of {table.created_utc[:10]}, battery {table.battery}, "
            f"scoring {table.scoring_version}, {len(table.sessions)} sessions).")
    if table.scoring_version != profile.scoring_version:
        head += (f" This profile was scored with {profile.scoring_version}: the percentiles compare positions of "
                 "two scoring versions; score it again with the table's version to compare like with like.")
    rows = []
    for t in profile.traits:
        norm = table.traits.get(t.key)
        if t.position is None or norm is None:
            rows.append((t.label, "not compared" if norm is None else "no position", "" if norm is None else
                         str(norm.n)))
            continue
        rank = percentile_rank(norm, t.position)
        words = f"{ordinal(rank)} percentile" if rank is not None else \
            f"no percentiles (fewer than {table.min_n_for_percentiles} people)"
        rows.append((t.label, words, str(norm.n)))
    return head, rows


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(round(value, 4)) if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def norms_toml(table: NormTable) -> str:
    """The table as TOML (our own small writer: flat values, lists and the two nested tables)."""
    head = table.model_dump(exclude={"traits", "excluded"})
    lines = ["# HireMate norm table: built from the sessions listed; see docs/SCORING.md, \"Norms\"."]
    lines += [f"{k} = {_toml_value(v)}" for k, v in head.items() if v is not None]
    lines += ["", "[excluded]"] + [f"{_toml_value(k)} = {_toml_value(v)}" for k, v in table.excluded.items()]
    for key, norm in table.traits.items():
        lines += ["", f"[traits.{key}]", f"n = {norm.n}", f"mean = {_toml_value(norm.mean)}"]
        if norm.sd is not None:
            lines.append(f"sd = {_toml_value(norm.sd)}")
        lines.append("percentiles = { " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in norm.percentiles.items())
                     + " }")
    return "\n".join(lines) + "\n"


def load_norms(path: str | Path) -> NormTable:
    """Read and validate a norm table; NormError names the file and what is wrong."""
    where = Path(path)
    try:
        data = tomllib.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NormError(f"{where}: no such norm table") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NormError(f"{where}: cannot read TOML: {exc}") from None
    try:
        table = NormTable.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise NormError(f"{where.name}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    if table.format != FORMAT:
        raise NormError(f"{where.name}: norm table format {table.format}; this build reads format {FORMAT}")
    return table
