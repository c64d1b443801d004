"""Balloon Analogue Risk Task metrics and traits (Lejuez et al. 2002; adjusted pumps per Pleskac et al. 2008)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, insufficient, metric, short_metric, trait
from scoring.errors import ScoringInputError
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, cv, log_position, mean, mean_of, median
from scoring.stream import get

__all__ = ["Balloon", "bart_traits", "parse_bart", "score_bart"]

FIX = N_("play the full balloon game (the station default is 30 balloons) and score the session again")


@dataclass
class Balloon:
    """One finished balloon."""

    index: int
    colour: str
    capacity: int
    pumps: int = 0
    burst: bool = False
    earned_cents: int = 0
    pump_t: list[int] = field(default_factory=list)
    rapid: int = 0
    order: int = 0  # position among the finished balloons

    @property
    def share(self) -> float:
        """Pumps as a percentage of the balloon's capacity (50 = the expected-value-maximising count)."""
        return 100.0 * self.pumps / self.capacity


def _end(current: Balloon | None, rec: EventRecord) -> Balloon:
    if current is None or get(rec, "balloon", int) != current.index:
        raise ScoringInputError(rec.seq, "balloon", "ends a balloon that was not started", rec.kind)
    pumps = get(rec, "pumps", int)
    if pumps != len(current.pump_t):
        raise ScoringInputError(rec.seq, "pumps", f"says {pumps} but {len(current.pump_t)} bart.pump events "
                                "were recorded for this balloon", rec.kind)
    outcome = get(rec, "outcome", str)
    if outcome not in ("collected", "burst"):
        raise ScoringInputError(rec.seq, "outcome", f"must be 'collected' or 'burst', got {outcome!r}", rec.kind)
    current.burst = outcome == "burst"
    current.pumps = pumps
    return current


def _pump(current: Balloon | None, rec: EventRecord) -> None:
    """A pump checked field by field (ScoringInputError names what is wrong)."""
    if current is None or get(rec, "balloon", int) != current.index:
        raise ScoringInputError(rec.seq, "balloon", "pump on a balloon that was not started", rec.kind)
    current.pump_t.append(rec.t_ns)
    current.rapid += 1 if get(rec, "rapid", bool) else 0


def parse_bart(records: Sequence[EventRecord]) -> tuple[list[Balloon], bool]:
    """The finished balloons in order, and whether bart.game_ended was recorded."""
    balloons: list[Balloon] = []
    current: Balloon | None = None
    ended = False
    for rec in records:
        kind = rec.kind
        if kind == "bart.pump":  # most events: the common case without get(), anything else through it
            payload = rec.payload
            balloon, rapid = payload.get("balloon"), payload.get("rapid")
            if type(balloon) is int and type(rapid) is bool and current is not None and balloon == current.index:
                current.pump_t.append(rec.t_ns)
                current.rapid += 1 if rapid else 0
            else:
                _pump(current, rec)
        elif kind == "bart.balloon_started":
            if current is not None:
                raise ScoringInputError(rec.seq, "balloon", f"starts before balloon {current.index} ended", kind)
            current = Balloon(get(rec, "balloon", int), get(rec, "colour", str), get(rec, "capacity", int))
            if current.capacity < 1:
                raise ScoringInputError(rec.seq, "capacity", "must be at least 1", kind)
        elif kind == "bart.collected":
            if current is None:
                raise ScoringInputError(rec.seq, "balloon", "collect outside a balloon", kind)
            current.earned_cents = get(rec, "amount_cents", int)
        elif kind == "bart.balloon_ended":
            done = _end(current, rec)
            done.order = len(balloons)
            balloons.append(done)
            current = None
        elif kind == "bart.game_ended":
            ended = True
    return balloons, ended


def _pump_metrics(balloons: list[Balloon], t: Any, group: str) -> list[Metric]:
    unburst = [float(b.pumps) for b in balloons if not b.burst]
    need = int(t["min_unburst"] if not group else t["min_colour_unburst"])
    out = [
        metric("bart.balloons", len(balloons), "balloons", len(balloons), group),
        metric("bart.mean_pumps", mean([float(b.pumps) for b in balloons]), "pumps", len(balloons), group)
        if balloons else short_metric("bart.mean_pumps", "pumps", 0, 1, N_("balloons"), FIX, group),
        metric("bart.bursts", sum(b.burst for b in balloons), "balloons", len(balloons), group),
        metric("bart.earnings_cents", sum(b.earned_cents for b in balloons), "cents", len(balloons), group),
    ]
    if len(unburst) >= need:
        out.insert(1, metric("bart.adjusted_pumps", mean(unburst), "pumps", len(unburst), group))
        out.append(metric("bart.cv_pumps", cv(unburst), "ratio", len(unburst), group))
    else:
        out.insert(1, short_metric("bart.adjusted_pumps", "pumps", len(unburst), need,
            N_("unburst balloons"), FIX, group))
        out.append(short_metric("bart.cv_pumps", "ratio", len(unburst), need, N_("unburst balloons"), FIX, group))
    return out


def _after(balloons: list[Balloon], burst_before: bool, key: str = "pumps") -> list[float]:
    out = []
    for prev, b in itertools.pairwise(balloons):
        if not b.burst and prev.burst == burst_before:
            out.append(float(b.pumps) if key == "pumps" else b.share)
    return out


def _thirds(balloons: list[Balloon], total: int, key: str = "pumps") -> tuple[list[float], list[float]]:
    k = total // 3
    pick = (lambda b: float(b.pumps)) if key == "pumps" else (lambda b: b.share)
    first = [pick(b) for b in balloons if not b.burst and b.order < k]
    last = [pick(b) for b in balloons if not b.burst and b.order >= total - k]
    return first, last


def intervals_ms(balloons: list[Balloon]) -> list[float]:
    return [(t - before) / 1e6 for b in balloons for before, t in itertools.pairwise(b.pump_t)]


def _dynamics(balloons: list[Balloon], t: Any) -> list[Metric]:
    out: list[Metric] = []
    after_burst, after_collect = _after(balloons, True), _after(balloons, False)
    need = int(t["min_per_condition"])
    n = min(len(after_burst), len(after_collect))
    if n >= need:
        out.append(metric("bart.response_to_losses", mean_of(after_burst) - mean_of(after_collect),
                          "pumps", len(after_burst) + len(after_collect)))
    else:
        out.append(short_metric("bart.response_to_losses", "pumps", n, need,
                                N_("unburst balloons after a burst and after a collect (each)"), FIX))
    first, last = _thirds(balloons, len(balloons))
    need3 = int(t["min_third_unburst"])
    if len(balloons) >= int(t["min_balloons_learning"]) and min(len(first), len(last)) >= need3:
        out.append(metric("bart.learning", mean_of(last) - mean_of(first), "pumps", len(first) + len(last)))
    else:
        out.append(short_metric("bart.learning", "pumps", min(len(first), len(last)), need3,
                                N_("unburst balloons in the first and in the last third (of at least {balloons} "
                                   "balloons)").format(balloons=t["min_balloons_learning"]), FIX))
    gaps = intervals_ms(balloons)
    need_i = int(t["min_intervals"])
    if len(gaps) >= need_i:
        out.append(metric("bart.median_interpump_ms", median(gaps), "ms", len(gaps)))
        out.append(metric("bart.rapid_share", sum(b.rapid for b in balloons) / len(gaps), "share", len(gaps)))
    else:
        for key, unit in (("bart.median_interpump_ms", "ms"), ("bart.rapid_share", "share")):
            out.append(short_metric(key, unit, len(gaps), need_i, N_("intervals between pumps"), FIX))
    return out


def score_bart(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Balloon]]:
    """The BART game's metrics (whole game, then per colour when several colours were used)."""
    balloons, ended = parse_bart(records)
    t = tables["bart"]
    metrics = _pump_metrics(balloons, t, "") + _dynamics(balloons, t)
    colours = sorted({b.colour for b in balloons})
    if len(colours) > 1:
        for colour in colours:
            metrics += _pump_metrics([b for b in balloons if b.colour == colour], t, colour)
    return GameResult(game="bart", completed=ended, metrics=metrics), balloons


def _risk(balloons: list[Balloon], tables: Any) -> Trait:
    items = [b.share for b in balloons if not b.burst]

    def stat(xs: Sequence[float]) -> float | None:
        return clamp(mean_of(xs)) if xs else None

    return trait("risk_tolerance", tables, items, stat, ["bart.adjusted_pumps"], lambda p: [
        N_("On {balloons} balloons that did not burst, pumped on average {share} % of the balloon's capacity (50 % "
           "maximises expected earnings), giving position {position}.").format(
            balloons=len(items), share=f"{mean(items):.1f}", position=f"{p:.0f}")],
        band=BandSpec("mean", transform=clamp, bounds=(0.0, 100.0)))


def log_cv(xs: Sequence[float]) -> float | None:
    """The natural log of the coefficient of variation (None when it is undefined or zero)."""
    c = cv(xs)
    return None if c is None or c <= 0 else math.log(c)


def _consistency(balloons: list[Balloon], tables: Any) -> Trait:
    items = [b.share for b in balloons if not b.burst]
    cv_max = float(tables["traits"]["consistency"]["cv_max"])

    def stat(xs: Sequence[float]) -> float | None:
        c = cv(xs)
        return None if c is None else clamp(100.0 * (1.0 - c / cv_max))

    return trait("consistency", tables, items, stat, ["bart.cv_pumps"], lambda p: [
        N_("Pumps on unburst balloons varied with a coefficient of variation of {cv} ({cv_max} or more maps to 0), "
           "giving position {position}.").format(cv=f"{cv(items):.2f}", cv_max=f"{cv_max:.1f}", position=f"{p:.0f}")],
        band=BandSpec("jackknife", pivot=log_cv, transform=lambda lc: clamp(100.0 * (1.0 - math.exp(lc) / cv_max))))


def _losses(balloons: list[Balloon], tables: Any) -> Trait:
    items = [(b.share, prev.burst) for prev, b in itertools.pairwise(balloons) if not b.burst]
    span = float(tables["traits"]["response_to_losses"]["span_pp"])
    need = int(tables["bart"]["min_per_condition"])

    def stat(xs: Sequence[tuple[float, bool]]) -> float | None:
        ab, ac = [s for s, pb in xs if pb], [s for s, pb in xs if not pb]
        if not ab or not ac:
            return None
        return clamp(50.0 + 50.0 * (mean_of(ab) - mean_of(ac)) / span)

    ab, ac = [s for s, pb in items if pb], [s for s, pb in items if not pb]
    lack = None if min(len(ab), len(ac)) >= need else insufficient(
        N_("response to losses compares balloons after a burst with balloons after a collect"),
        N_("at least {need} unburst balloons after a burst and {need} after a collect").format(need=need),
        N_("{bursts} after a burst, {collects} after a collect").format(bursts=len(ab), collects=len(ac)), FIX)
    return trait("response_to_losses", tables, items, stat, ["bart.response_to_losses"], lambda p: [
        N_("After a burst pumped {burst_share} % of capacity ({bursts} balloons), after a collect {collect_share} % "
           "({collects} balloons): a difference of {difference} points (±{span} maps to the poles; 50 = unaffected "
           "by losses), giving position {position}.").format(
            burst_share=f"{mean_of(ab):.1f}", bursts=len(ab), collect_share=f"{mean_of(ac):.1f}", collects=len(ac),
            difference=f"{mean_of(ab) - mean_of(ac):+.1f}", span=f"{span:.0f}", position=f"{p:.0f}")], lack,
        band=BandSpec("difference", transform=lambda d: 50.0 + 50.0 * d / span,
                      groups=lambda xs: ([s for s, pb in xs if not pb], [s for s, pb in xs if pb])))


def _learning(balloons: list[Balloon], tables: Any) -> Trait:
    total = len(balloons)
    k = total // 3
    items = [(b.order, b.share) for b in balloons if not b.burst]
    span = float(tables["traits"]["learning"]["span_pp"])

    def halves(xs: Sequence[tuple[int, float]]) -> tuple[list[float], list[float]]:
        return [s for i, s in xs if i < k], [s for i, s in xs if i >= total - k]

    def stat(xs: Sequence[tuple[int, float]]) -> float | None:
        first, last = halves(xs)
        if not first or not last:
            return None
        return clamp(50.0 + 50.0 * (mean_of(last) - mean_of(first)) / span)

    first, last = halves(items)
    need = int(tables["bart"]["min_third_unburst"])
    lack = None if total >= int(tables["bart"]["min_balloons_learning"]) and min(len(first), len(last)) >= need \
        else insufficient(N_("learning compares the first third of the balloons with the last third"),
                          N_("at least {balloons} balloons and {need} unburst in each third").format(
                              balloons=tables["bart"]["min_balloons_learning"], need=need),
                          N_("{balloons} balloons; {first} and {last} unburst").format(
                              balloons=total, first=len(first), last=len(last)), FIX)
    return trait("learning", tables, items, stat, ["bart.learning"], lambda p: [
        N_("Pumped {first} % of capacity in the first third and {last} % in the last third ({difference} points; "
           "50 = no change), giving position {position}.").format(
            first=f"{mean_of(first):.1f}", last=f"{mean_of(last):.1f}",
            difference=f"{mean_of(last) - mean_of(first):+.1f}", position=f"{p:.0f}")], lack,
        band=BandSpec("difference", transform=lambda d: 50.0 + 50.0 * d / span, groups=halves))


def _speed(balloons: list[Balloon], tables: Any) -> Trait:
    items = intervals_ms(balloons)
    spec = tables["traits"]["decision_speed"]

    def stat(xs: Sequence[float]) -> float | None:
        m = median(xs)
        return None if m is None else log_position(m, float(spec["slow_ms"]), float(spec["fast_ms"]))

    return trait("decision_speed", tables, items, stat, ["bart.median_interpump_ms"], lambda p: [
        N_("Median time between pumps was {median} ms over {pumps} pumps ({fast} ms or faster maps to 100, {slow} ms "
           "or slower to 0, log scale), giving position {position}.").format(
            median=f"{median(items):.0f}", pumps=len(items), fast=f"{spec['fast_ms']:.0f}",
            slow=f"{spec['slow_ms']:.0f}", position=f"{p:.0f}")],
        band=BandSpec("median", transform=lambda m: log_position(m, float(spec["slow_ms"]), float(spec["fast_ms"]))))


def bart_traits(balloons: list[Balloon], tables: Any) -> list[Trait]:
    """The BART traits, in documented order."""
    return [f(balloons, tables) for f in (_risk, _consistency, _losses, _learning, _speed)]
