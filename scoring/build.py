"""Helpers that assemble metrics and traits: sufficiency checks and the split-half band, shared by every game."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from i18n import N_
from scoring.bands import BandSpec, nominal_band
from scoring.model import Insufficient, Metric, Trait
from scoring.stats import split_half_band

__all__ = ["ABILITY_NOTE", "STYLE_NOTE", "BandSpec", "insufficient", "metric", "short_metric", "trait"]

STYLE_NOTE = N_("A style: neither pole is better; fit depends on the role.")
ABILITY_NOTE = N_("An ability: a higher position means better performance on this task.")


def insufficient(reason: str, required: str, observed: str, suggestion: str) -> Insufficient:
    """An explanation of a missing value with what would fix it."""
    return Insufficient(reason=reason, required=required, observed=observed, suggestion=suggestion)


def metric(key: str, value: Any, unit: str = "", n: int = 0, group: str = "") -> Metric:
    """A computed metric."""
    return Metric(key=key, group=group, value=value, unit=unit, n=n)


def short_metric(key: str, unit: str, n: int, need: int, what: str, fix: str, group: str = "") -> Metric:
    """A metric reported as insufficient because fewer than `need` of `what` were observed."""
    return Metric(key=key, group=group, value=None, unit=unit, n=n, insufficient=insufficient(
        reason=N_("too few {what} to compute it reliably").format(what=what),
        required=N_("at least {need} {what}").format(need=need, what=what),
        observed=N_("{count} {what}").format(count=n, what=what), suggestion=fix))


def _label(reliability: float, bands: Sequence[Sequence[Any]]) -> str:
    for floor, name in bands:
        if reliability >= floor:
            return str(name)
    return N_("low")


def _at_ceiling(odd: float, even: float) -> bool:
    """Both halves at the same end of the scale: they agree because of the end, not the measurement."""
    return (odd <= 0.0 and even <= 0.0) or (odd >= 100.0 and even >= 100.0)


def trait(
    key: str,
    tables: Any,
    items: Sequence[Any],
    statistic: Callable[[Sequence[Any]], float | None],
    sources: list[str],
    evidence: Callable[[float], list[str]],
    lack: Insufficient | None = None,
    band: BandSpec | None = None,
) -> Trait:
    """A trait from ordered items: position = statistic(items), with its reliability and its band.

    Up to scoring 1.1.0 the band is position +- 1.96 SE from the odd/even split (stats.split_half_band).
    From 1.2.0 on (table `reliability.band` = "nominal") the band comes from the items by `band`
    (scoring/bands.py; the default is a deterministic bootstrap of `statistic`), and the split-half
    reliability is "not estimable" when both halves sit at the same end of the scale.
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
            reason=N_("too few usable observations for {trait}").format(trait=spec["label"].lower()),
            required=N_("at least {need} usable observations").format(need=need),
            observed=f"{len(items)}",
            suggestion=N_("play the full game (all trials) without pausing, then score the session again"))
        return Trait(**base, evidence=[], insufficient=why)
    rel = tables["reliability"]
    split = split_half_band(items, statistic, position, float(spec["ref_sd"]), float(rel["z"]),
                            float(rel["se_floor"]))
    if rel.get("band") == "nominal":
        return _nominal(key, base, items, statistic, position, band or BandSpec(), split, rel, evidence)
    if split is None:
        return Trait(**base, position=position, evidence=evidence(position))
    words = [N_("Split-half: odd items {odd}, even items {even}; Spearman-Brown reliability {reliability}, so the "
                "position is {position} ± {margin}.").format(
        odd=f"{split.odd:.1f}", even=f"{split.even:.1f}", reliability=f"{split.reliability:.2f}",
        position=f"{position:.0f}", margin=f"{float(rel['z']) * split.se:.0f}")]
    return Trait(**base, position=position, band_low=split.low, band_high=split.high, se=split.se,
                 reliability=split.reliability, reliability_label=_label(split.reliability, rel["bands"]),
                 evidence=evidence(position) + words)


METHOD_WORDS = {
    "mean": N_("an interval of the mean of the items"),
    "difference": N_("Welch's interval of the difference"),
    "proportion": N_("the Wilson interval of the share"),
    "median": N_("the order-statistic interval of the median"),
    "jackknife": N_("the jackknife over the items"),
    "bootstrap": N_("a bootstrap over the items"),
    "model": N_("a model of the session fitted to the items"),
}


def _nominal(key: str, base: dict[str, Any], items: Sequence[Any], statistic: Callable[[Sequence[Any]], float | None],
             position: float, spec: BandSpec, split: Any, rel: Any, evidence: Callable[[float], list[str]]) -> Trait:
    """Scoring 1.2.0: the band from the items (bands.py); split-half reliability unless at a ceiling."""
    found = nominal_band(key, spec, items, statistic, position, rel)
    reliability = None
    words: list[str] = []
    if split is not None and _at_ceiling(split.odd, split.even):
        words.append(N_("Split-half: odd items {odd}, even items {even}: both at the end of the scale, so the "
                        "reliability is not estimable.").format(odd=f"{split.odd:.1f}", even=f"{split.even:.1f}"))
    elif split is not None:
        reliability = split.reliability
        words.append(N_("Split-half: odd items {odd}, even items {even}; Spearman-Brown reliability "
                        "{reliability}.").format(odd=f"{split.odd:.1f}", even=f"{split.even:.1f}",
                                                 reliability=f"{reliability:.2f}"))
    label = N_("not estimable") if reliability is None else _label(reliability, rel["bands"])
    if found is None:
        return Trait(**base, position=position, reliability=reliability, reliability_label=label,
                     evidence=evidence(position) + words)
    words.append(N_("95 % band {low}-{high} from {method} ({items} items).").format(
        low=f"{found.low:.0f}", high=f"{found.high:.0f}", method=METHOD_WORDS[found.method], items=len(items)))
    return Trait(**base, position=position, band_low=found.low, band_high=found.high, se=found.se,
                 reliability=reliability, reliability_label=label, evidence=evidence(position) + words)
