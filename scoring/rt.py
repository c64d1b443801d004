"""Reaction-time family metrics and traits (simple, choice, go/no-go; Whelan 2008; Hautus 1995 for d')."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, metric, short_metric, trait
from scoring.errors import ScoringInputError
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, cv, dprime_loglinear, log_position, mean, mean_of, median, sd
from scoring.stream import get

__all__ = ["RtGame", "parse_rt", "rt_traits", "score_rt"]

FIX = N_("play the full reaction-time game without pausing and score the session again")


@dataclass
class Trial:
    """One finished trial: its final outcome and, for a response, its latency from the presented onset."""

    index: int
    is_go: bool
    outcome: str
    latency_ms: float | None = None


@dataclass
class RtGame:
    """One reaction-time game of the session."""

    name: str
    variant: str
    timeout_ms: float
    trials: list[Trial] = field(default_factory=list)
    false_starts: int = 0
    ended: bool = False

    def responses(self) -> list[Trial]:
        """Go trials answered with a key (hits and errors), in order."""
        return [t for t, _ in self.answered()]

    def answered(self) -> list[tuple[Trial, float]]:
        """Go trials answered with a key (hits and errors), in order, each with its latency in ms."""
        return [(t, t.latency_ms) for t in self.trials if t.is_go and t.latency_ms is not None]


def parse_rt(name: str, records: Sequence[EventRecord]) -> RtGame:
    """The finished trials of one RT game in order; a false start's repeat keeps only its final outcome."""
    game: RtGame | None = None
    is_go: dict[int, bool] = {}
    latency: dict[int, float] = {}
    for rec in records:
        kind = rec.kind
        if kind == "rt.game_started":
            game = RtGame(name, get(rec, "variant", str), float(get(rec, "timeout_ms", int)))
            continue
        if game is None:
            raise ScoringInputError(rec.seq, "kind", "reaction-time event before rt.game_started", kind)
        if kind == "rt.trial_started":
            is_go[get(rec, "trial", int)] = get(rec, "is_go", bool)
            latency.pop(get(rec, "trial", int), None)
        elif kind in ("rt.response", "rt.commission"):
            latency[get(rec, "trial", int)] = get(rec, "latency_ns", int) / 1e6
        elif kind == "rt.false_start":
            game.false_starts += 1
        elif kind == "rt.trial_ended":
            index = get(rec, "trial", int)
            if index not in is_go:
                raise ScoringInputError(rec.seq, "trial", f"trial {index} ended but never started", kind)
            game.trials.append(Trial(index, is_go[index], get(rec, "outcome", str), latency.pop(index, None)))
        elif kind == "rt.game_ended":
            game.ended = True
    if game is None:
        raise ScoringInputError(records[0].seq, "kind", "reaction-time game without rt.game_started",
                                records[0].kind)
    return game


def valid_rts(game: RtGame, t: Any, hits_only: bool = True) -> list[float]:
    """Latencies of valid responses: valid_min_ms <= RT < timeout (hits only when asked)."""
    lo = float(t["valid_min_ms"])
    return [ms for r, ms in game.answered()
            if lo <= ms < game.timeout_ms and (r.outcome == "hit" or not hits_only)]


def _rt_stats(rts: list[float], t: Any) -> list[Metric]:
    need = int(t["min_valid"])
    keys = [("rt.median_rt_ms", "ms"), ("rt.mean_rt_ms", "ms"), ("rt.sd_rt_ms", "ms"), ("rt.cv_rt", "ratio"),
            ("rt.slow_tail_ms", "ms")]
    if len(rts) < need:
        return [short_metric(k, u, len(rts), need, N_("valid responses"), FIX) for k, u in keys]
    slow = sorted(rts)[-max(1, round(len(rts) * float(t["slow_tail_share"]))):]
    middle = median(rts)
    tail = None if middle is None else mean_of(slow) - middle
    values = [middle, mean(rts), sd(rts), cv(rts), tail]
    return [metric(k, v, u, len(rts)) for (k, u), v in zip(keys, values, strict=True)]


def _counts(game: RtGame, t: Any) -> list[Metric]:
    responses = game.responses()
    early = sum(1 for _, ms in game.answered() if ms < float(t["valid_min_ms"]))
    anticipations = early + game.false_starts
    attempts = len(responses) + game.false_starts
    valid = valid_rts(game, t, hits_only=False)
    lapses = sum(1 for x in valid if x >= float(t["lapse_ms"]))
    return [
        metric("rt.trials", len(game.trials), "trials", len(game.trials)),
        metric("rt.valid_n", len(valid), "responses", len(responses)),
        metric("rt.false_starts", game.false_starts, "responses", attempts),
        metric("rt.anticipations", anticipations, "responses", attempts),
        metric("rt.anticipation_rate", anticipations / attempts if attempts else None, "share", attempts),
        metric("rt.lapses", lapses, "responses", len(valid)),
        metric("rt.lapse_rate", lapses / len(valid) if valid else None, "share", len(valid)),
        metric("rt.omissions", sum(1 for x in game.trials if x.outcome == "omission"), "trials", len(game.trials)),
    ]


def _choice(game: RtGame, t: Any) -> list[Metric]:
    answered = [r for r in game.responses() if r.latency_ms is not None and r.latency_ms >= float(t["valid_min_ms"])]
    need = int(t["min_choice"])
    if len(answered) < need:
        return [short_metric("rt.accuracy", "share", len(answered), need, N_("answered trials"), FIX)]
    return [metric("rt.accuracy", sum(r.outcome == "hit" for r in answered) / len(answered), "share", len(answered))]


def _go_nogo(game: RtGame, t: Any) -> list[Metric]:
    go = [x for x in game.trials if x.is_go]
    nogo = [x for x in game.trials if not x.is_go]
    if len(go) < int(t["min_go"]) or len(nogo) < int(t["min_nogo"]):
        need = N_("no-go trials (and {go} go and {nogo} no-go trials)").format(go=t["min_go"], nogo=t["min_nogo"])
        return [short_metric(k, u, len(nogo), int(t["min_nogo"]), need, FIX)
                for k, u in (("rt.commission_rate", "share"), ("rt.omission_rate", "share"),
                             ("rt.hit_rt_ms", "ms"), ("rt.dprime", "d'"))]
    commissions = sum(x.outcome == "commission" for x in nogo)
    hits = sum(x.outcome == "hit" for x in go)
    d, _, _ = dprime_loglinear(hits, len(go), commissions, len(nogo))
    hit_rts = valid_rts(game, t)
    return [
        metric("rt.commission_rate", commissions / len(nogo), "share", len(nogo)),
        metric("rt.omission_rate", sum(x.outcome == "omission" for x in go) / len(go), "share", len(go)),
        metric("rt.hit_rt_ms", median(hit_rts), "ms", len(hit_rts)) if hit_rts
        else short_metric("rt.hit_rt_ms", "ms", 0, 1, N_("valid hits"), FIX),
        metric("rt.dprime", d, "d'", len(go) + len(nogo)),
    ]


def score_rt(name: str, records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, RtGame]:
    """One RT game's metrics: counts, RT distribution of valid hits, and variant-specific measures."""
    t = tables["rt"]
    game = parse_rt(name, records)
    metrics = _counts(game, t) + _rt_stats(valid_rts(game, t), t)
    if game.variant == "choice":
        metrics += _choice(game, t)
    elif game.variant == "go_nogo":
        metrics += _go_nogo(game, t)
    return GameResult(game=name, completed=game.ended, metrics=metrics), game


def _speed(games: list[RtGame], tables: Any) -> Trait:
    spec = tables["traits"]["response_speed"]
    by_name = {g.name: g for g in games}
    chosen = next((by_name[n] for n in spec["games"] if n in by_name
                   and len(valid_rts(by_name[n], tables["rt"])) >= int(spec["min_items"])), None)
    items = valid_rts(chosen, tables["rt"]) if chosen else []

    def stat(xs: Sequence[float]) -> float | None:
        m = median(xs)
        return None if m is None else log_position(m, float(spec["slow_ms"]), float(spec["fast_ms"]))

    source = chosen.name if chosen else "rt"
    return trait("response_speed", tables, items, stat, [f"{source}:rt.median_rt_ms"], lambda p: [
        N_("Median reaction time in {game} was {median} ms over {responses} valid responses ({fast} ms maps to 100, "
           "{slow} ms to 0, log scale), giving position {position}.").format(
            game=source, median=f"{median(items):.0f}", responses=len(items), fast=f"{spec['fast_ms']:.0f}",
            slow=f"{spec['slow_ms']:.0f}", position=f"{p:.0f}")],
        band=BandSpec("median", transform=lambda m: log_position(m, float(spec["slow_ms"]), float(spec["fast_ms"]))))


def _attention(games: list[RtGame], tables: Any) -> Trait:
    t = tables["rt"]
    spec = tables["traits"]["sustained_attention"]
    items: list[float] = []
    for g in games:
        for x in g.trials:
            if not x.is_go or (x.latency_ms is not None and x.latency_ms < float(t["valid_min_ms"])):
                continue
            lapse = x.outcome == "omission" or (x.latency_ms is not None and x.latency_ms >= float(t["lapse_ms"]))
            items.append(1.0 if lapse else 0.0)
    top = float(spec["lapse_share_max"])

    def stat(xs: Sequence[float]) -> float | None:
        return None if not xs else 100.0 * (1.0 - clamp(mean_of(xs) / top, 0.0, 1.0))

    return trait("sustained_attention", tables, items, stat, ["rt.lapses", "rt.omissions"], lambda p: [
        N_("{lapses} of {trials} go trials were lapses (no response, or {lapse_ms} ms or slower); a lapse share of "
           "{share} or more maps to 0, giving position {position}. Higher is better: this is an ability.").format(
            lapses=int(sum(items)), trials=len(items), lapse_ms=f"{t['lapse_ms']:.0f}", share=f"{top:.0%}",
            position=f"{p:.0f}")],
        band=BandSpec("proportion", transform=lambda share: 100.0 * (1.0 - clamp(share / top, 0.0, 1.0))))


def _restraint(games: list[RtGame], tables: Any) -> Trait:
    items = [0.0 if x.outcome == "commission" else 1.0 for g in games if g.variant == "go_nogo"
             for x in g.trials if not x.is_go]

    def stat(xs: Sequence[float]) -> float | None:
        return None if not xs else 100.0 * mean_of(xs)

    return trait("restraint", tables, items, stat, ["rt.commission_rate"], lambda p: [
        N_("Held back on {held} of {trials} no-go trials, giving position {position}. Higher is better: this "
           "measures response inhibition, an ability.").format(held=int(sum(items)), trials=len(items),
                                                              position=f"{p:.0f}")],
        band=BandSpec("proportion", transform=lambda share: 100.0 * share))


def rt_traits(games: list[RtGame], tables: Any) -> list[Trait]:
    """The RT traits (only those whose games were played)."""
    out = [_speed(games, tables), _attention(games, tables)]
    if any(g.variant == "go_nogo" for g in games):
        out.append(_restraint(games, tables))
    return out
