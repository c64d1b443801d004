"""Helpers that assemble metrics and traits: sufficiency checks and the split-half band, shared by every game."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from scoring.model import Insufficient, Metric, Trait
from scoring.stats import split_half_band

__all__ = ["ABILITY_NOTE", "STYLE_NOTE", "insufficient", "metric", "short_metric", "trait"]

STYLE_NOTE = "A style: neither pole is better; fit depends on the role."
ABILITY_NOTE = "An ability: a higher position means better performance on this task."


def insufficient(reason: str, required: str, observed: str, suggestion: str) -> Insufficient:
    """An explanation of a missing value with what would fix it."""
    return Insufficient(reason=reason, required=required, observed=observed, suggestion=suggestion)


def metric(key: str, value: Any, unit: str = "", n: int = 0, group: str = "") -> Metric:
    """A computed metric."""
    return Metric(key=key, group=group, value=value, unit=unit, n=n)


def short_metric(key: str, unit: str, n: int, need: int, what: str, fix: str, group: str = "") -> Metric:
    """A metric reported as insufficient because fewer than `need` of `what` were observed."""
    return Metric(key=key, group=group, value=None, unit=unit, n=n, insufficient=insufficient(
        reason=f"too few {what} to compute it reliably", required=f"at least {need} {what}",
        observed=f"{n} {what}", suggestion=fix))


def _label(reliability: float, bands: Sequence[Sequence[Any]]) -> str:
    for floor, name in bands:
        if reliability >= floor:
            return str(name)
    return "low"


def trait(
    key: str,
    tables: Any,
    items: Sequence[Any],
    statistic: Callable[[Sequence[Any]], float | None],
    sources: list[str],
    evidence: Callable[[float], list[str]],
    lack: Insufficient | None = None,
) -> Trait:
    """A trait from ordered items: position = statistic(items), band from the odd/even split (stats.py).

    When fewer than the trait's min_items exist, or `lack` is given, or the statistic is undefined,
    the trait carries an Insufficient with the reason and the fix, and no number.
    """
    spec = tables["traits"][key]
    base = {"key": key, "label": spec["label"], "low_pole": spec["low_pole"], "high_pole": spec["high_pole"],
            "kind": spec["kind"], "note": ABILITY_NOTE if spec["kind"] == "ability" else STYLE_NOTE,
            "sources": sources, "items": len(items)}
    need = int(spec["min_items"])
    position = statistic(items) if lack is None and len(items) >= need else None
    if position is None:
        why = lack or insufficient(
            reason=f"too few usable observations for {spec['label'].lower()}",
            required=f"at least {need} usable observations",
            observed=f"{len(items)}",
            suggestion="play the full game (all trials) without pausing, then score the session again")
        return Trait(**base, evidence=[], insufficient=why)
    rel = tables["reliability"]
    band = split_half_band(items, statistic, position, float(spec["ref_sd"]), float(rel["z"]),
                           float(rel["se_floor"]))
    if band is None:
        return Trait(**base, position=position, evidence=evidence(position))
    words = [f"Split-half: odd items {band.odd:.1f}, even items {band.even:.1f}; Spearman-Brown reliability "
             f"{band.reliability:.2f}, so the position is {position:.0f} ± {float(rel['z']) * band.se:.0f}."]
    return Trait(**base, position=position, band_low=band.low, band_high=band.high, se=band.se,
                 reliability=band.reliability, reliability_label=_label(band.reliability, rel["bands"]),
                 evidence=evidence(position) + words)
