"""Flanker metrics and the interference control and flexibility traits (Eriksen & Eriksen 1974; docs/SCORING.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, metric, short_metric, trait
from scoring.model import GameResult, Metric, Trait
from scoring.stats import linear_position, median
from scoring.timed import TimedTrial, parse_timed

__all__ = ["correct_rts", "flanker_traits", "score_flanker"]

FIX = N_("play the whole arrows game (both parts) and score the session again")
_TRIALS = {"congruent": N_("congruent trials"), "incongruent": N_("incongruent trials"),
           "neutral": N_("neutral trials"), "switch": N_("switch trials"), "repeat": N_("repeat trials")}
_EACH = {"conflict": N_("incongruent and congruent"), "switch": N_("switch and repeat")}
CONDITIONS = ("congruent", "incongruent", "neutral")


def _valid(trial: TimedTrial, t: Any) -> bool:
    """A correct response in the valid range (at least valid_min_ms after the onset)."""
    return trial.outcome == "correct" and trial.latency_ms is not None and trial.latency_ms >= float(t["valid_min_ms"])


def correct_rts(trials: Sequence[TimedTrial], t: Any) -> list[float]:
    """Latencies of the valid correct responses, in order."""
    return [tr.latency_ms for tr in trials if _valid(tr, t) and tr.latency_ms is not None]


def _cell(key: str, trials: list[TimedTrial], t: Any, what: str) -> tuple[list[Metric], float | None]:
    """Accuracy and median correct RT of one cell (a condition or switch / repeat)."""
    rts = correct_rts(trials, t)
    need = int(t["min_correct"])
    accuracy = metric(f"flanker.{key}_accuracy", sum(x.outcome == "correct" for x in trials) / len(trials), "share",
                      len(trials)) if trials else short_metric(f"flanker.{key}_accuracy", "share", 0, 1, what, FIX)
    if len(rts) < need:
        return [accuracy, short_metric(f"flanker.{key}_rt_ms", "ms", len(rts), need,
                                                N_("correct {cells}").format(cells=what), FIX)], None
    value = median(rts)
    return [accuracy, metric(f"flanker.{key}_rt_ms", value, "ms", len(rts))], value


def _difference(key: str, high: float | None, low: float | None, n: int, what: str, t: Any) -> Metric:
    if high is None or low is None:
        return short_metric(key, "ms", n, int(t["min_correct"]),
                            N_("correct trials in each of {conditions}").format(conditions=what), FIX)
    return metric(key, high - low, "ms", n)


def score_flanker(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[TimedTrial]]:
    """The flanker game's metrics: per condition, the conflict effect; per switch / repeat, the switch cost."""
    trials, ended = parse_timed(records, "flanker.")
    t = tables["flanker"]
    conflict = [x for x in trials if x.plan.get("block") == "conflict"]
    mixed = [x for x in trials if x.plan.get("block") == "switch" and x.plan.get("switch") is not None]
    metrics: list[Metric] = [
        metric("flanker.trials", len(trials), "trials", len(trials)),
        metric("flanker.omissions", sum(x.outcome == "omission" for x in trials), "trials", len(trials)),
    ]
    medians: dict[str, float | None] = {}
    for condition in CONDITIONS:
        cell, medians[condition] = _cell(condition, [x for x in conflict if x.plan.get("condition") == condition], t,
                                         _TRIALS[condition])
        metrics += cell
    metrics.append(_difference("flanker.conflict_effect_ms", medians["incongruent"], medians["congruent"],
                               len(correct_rts(conflict, t)), _EACH["conflict"], t))
    for name, flag in (("switch", True), ("repeat", False)):
        cell, medians[name] = _cell(name, [x for x in mixed if x.plan.get("switch") is flag], t,
                                      _TRIALS[name])
        metrics += cell
    metrics.append(_difference("flanker.switch_cost_ms", medians["switch"], medians["repeat"],
                               len(correct_rts(mixed, t)), _EACH["switch"], t))
    return GameResult(game="flanker", completed=ended, metrics=metrics), trials


def _gap(items: Sequence[tuple[str, float]], high: str, low: str, spec: Any) -> float | None:
    """Position from the difference of two medians: at_hundred_ms -> 100, at_zero_ms -> 0 (linear, clamped)."""
    a = median([rt for what, rt in items if what == high])
    b = median([rt for what, rt in items if what == low])
    if a is None or b is None:
        return None
    return linear_position(a - b, float(spec["at_zero_ms"]), float(spec["at_hundred_ms"]))


def flanker_traits(trials: list[TimedTrial], tables: Any) -> list[Trait]:
    """interference_control from the conflict effect; flexibility from the switch cost."""
    t = tables["flanker"]
    conflict = [(str(x.plan.get("condition")), x.latency_ms or 0.0) for x in trials
                if x.plan.get("block") == "conflict" and _valid(x, t) and x.plan.get("condition") != "neutral"]
    mixed = [("switch" if x.plan.get("switch") else "repeat", x.latency_ms or 0.0) for x in trials
             if x.plan.get("block") == "switch" and x.plan.get("switch") is not None and _valid(x, t)]
    out = []
    for key, items, high, low, metric_key, what in (
            ("interference_control", conflict, "incongruent", "congruent", "flanker.conflict_effect_ms",
             N_("arrows pointing the other way slowed the answer to the middle arrow")),
            ("flexibility", mixed, "switch", "repeat", "flanker.switch_cost_ms",
             N_("a change of rule slowed the answer"))):
        spec = tables["traits"][key]

        def stat(xs: Sequence[tuple[str, float]], spec: Any = spec, high: str = high, low: str = low) -> float | None:
            return _gap(xs, high, low, spec)

        def words(p: float, items: list[tuple[str, float]] = items, high: str = high, low: str = low,
                  spec: Any = spec, what: str = what) -> list[str]:
            a = median([rt for w, rt in items if w == high]) or 0.0
            b = median([rt for w, rt in items if w == low]) or 0.0
            return [N_("Median correct answer {high_ms} ms on {high_trials} and {low_ms} ms on {low_trials}: {what} by "
                       "{difference} ms ({best} ms or less maps to 100, {worst} ms or more to 0), giving position "
                       "{position}. Higher is better: this is an ability.").format(
                        high_ms=f"{a:.0f}", high_trials=_TRIALS[high], low_ms=f"{b:.0f}", low_trials=_TRIALS[low],
                        what=what,
                        difference=f"{a - b:.0f}", best=f"{spec['at_hundred_ms']:.0f}",
                        worst=f"{spec['at_zero_ms']:.0f}", position=f"{p:.0f}")]

        # A difference of two medians has no closed-form interval: the bootstrap over the trials (1.2.0 on).
        out.append(trait(key, tables, items, stat, [metric_key], words, band=BandSpec("bootstrap")))
    return out
