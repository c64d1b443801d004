"""Stop-signal metrics, SSRT and the response inhibition trait, to the consensus guide (Verbruggen et al. 2019).

SSRT is estimated by the integration method with replacement of go omissions (Recommendation 8): every go
trial counts, a go omission taking the longest go RT observed; the nth RT is the p(respond|signal) quantile
of that distribution (R's type-6 quantile, as the guide's own analysis software does); SSRT = nth RT - mean
SSD, with the real SSD of every stop trial whose signal was shown and the planned one where the response came
first. SSRT is reported but marked unreliable when the race model check fails (failed-stop RT not faster than
go RT, Recommendation 7), when p(respond|signal) lies outside 0.25-0.75 (Recommendation 9), or with fewer
stop trials than the guide's minimum of 50 (Recommendation 6); the trait then has no position.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, insufficient, metric, short_metric, trait
from scoring.model import GameResult, Metric, Trait
from scoring.stats import linear_position, mean, sd
from scoring.stop_band import half_width, replayed_ssrt_sd
from scoring.timed import TimedTrial, parse_timed

__all__ = ["Race", "quantile_type6", "race", "score_stop_signal", "stop_signal_traits"]

FIX = N_("play the whole stop-signal game (200 trials, 50 with a stop signal) and score the session again")


def quantile_type6(sorted_values: Sequence[float], p: float) -> float:
    """The p-quantile of sorted values by R's type 6 (h = (n + 1) p, linear between order statistics)."""
    n = len(sorted_values)
    h = (n + 1) * p
    if h <= 1:
        return float(sorted_values[0])
    if h >= n:
        return float(sorted_values[-1])
    lo = math.floor(h)
    return float(sorted_values[lo - 1] + (h - lo) * (sorted_values[lo] - sorted_values[lo - 1]))


@dataclass(frozen=True)
class Race:
    """What the independent race model makes of a set of trials."""

    go_trials: int
    go_rts: tuple[float, ...]  # latencies of go trials with a response (choice errors included)
    omissions: int
    stop_trials: int
    failed: int  # stop trials with a response
    failed_rts: tuple[float, ...]
    ssds: tuple[float, ...]  # per stop trial, ms

    @property
    def p_respond(self) -> float | None:
        """p(respond | signal)."""
        return self.failed / self.stop_trials if self.stop_trials else None

    @property
    def mean_ssd(self) -> float | None:
        """Mean stop-signal delay."""
        return mean(self.ssds)

    def nth_rt(self) -> float | None:
        """The go RT at p(respond|signal) of all go trials, omissions replaced by the longest go RT."""
        p = self.p_respond
        if p is None or not self.go_rts:
            return None
        filled = sorted(self.go_rts) + [max(self.go_rts)] * self.omissions
        return quantile_type6(filled, p)

    def ssrt(self) -> float | None:
        """Integration-method SSRT (ms)."""
        nth, ssd = self.nth_rt(), self.mean_ssd
        return None if nth is None or ssd is None else nth - ssd

    def race_holds(self) -> bool | None:
        """The race model check: failed-stop RT faster than go RT (None: no failed stop or no go response)."""
        go, failed = mean(self.go_rts), mean(self.failed_rts)
        return None if go is None or failed is None else failed < go


def _ssd_ms(trial: TimedTrial) -> float:
    if trial.signal is not None:
        return float(trial.signal["ssd_ns"]) / 1e6
    return float(trial.plan.get("ssd_ms") or 0)


def race(trials: Sequence[TimedTrial]) -> Race:
    """The race model's view of finished trials."""
    go = [x for x in trials if not x.plan.get("stop")]
    stops = [x for x in trials if x.plan.get("stop")]
    responded = [x for x in stops if x.latency_ms is not None]
    return Race(len(go), tuple(x.latency_ms for x in go if x.latency_ms is not None),
                sum(x.latency_ms is None for x in go), len(stops), len(responded),
                tuple(x.latency_ms for x in responded if x.latency_ms is not None), tuple(_ssd_ms(x) for x in stops))


def _problems(r: Race, t: Any) -> list[str]:
    """Why the SSRT is not reliable (empty: it is)."""
    problems = []
    if r.race_holds() is False:
        problems.append(N_("failed stops were not faster than go responses ({failed} ms vs {go} ms), so the race "
                           "model's independence does not hold").format(failed=f"{mean(r.failed_rts):.0f}",
                                                                        go=f"{mean(r.go_rts):.0f}"))
    p = r.p_respond
    if p is not None and not float(t["p_respond_low"]) <= p <= float(t["p_respond_high"]):
        problems.append(N_("p(respond|signal) is {p}, outside {low}-{high}").format(
            p=f"{p:.2f}", low=t["p_respond_low"], high=t["p_respond_high"]))
    if r.stop_trials < int(t["min_reliable_stops"]):
        problems.append(N_("only {count} stop trials (the guide asks for at least {need})").format(
            count=r.stop_trials, need=t["min_reliable_stops"]))
    return problems


def score_stop_signal(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[TimedTrial]]:
    """The stop-signal game's metrics (the descriptive statistics the guide's Recommendation 12 lists)."""
    trials, ended = parse_timed(records, "stop_signal.")
    t = tables["stop_signal"]
    r = race(trials)
    go_errors = sum(x.outcome == "go_error" for x in trials)
    go_mean, failed_mean = mean(r.go_rts), mean(r.failed_rts)
    metrics: list[Metric] = [
        metric("stop_signal.trials", len(trials), "trials", len(trials)),
        metric("stop_signal.stop_trials", r.stop_trials, "trials", len(trials)),
        metric("stop_signal.p_respond", r.p_respond, "share", r.stop_trials),
        metric("stop_signal.go_rt_ms", go_mean, "ms", len(r.go_rts)),
        metric("stop_signal.go_rt_sd_ms", sd(r.go_rts), "ms", len(r.go_rts)),
        metric("stop_signal.go_omission_rate", r.omissions / r.go_trials if r.go_trials else None, "share",
               r.go_trials),
        metric("stop_signal.go_error_rate", go_errors / r.go_trials if r.go_trials else None, "share", r.go_trials),
        metric("stop_signal.failed_stop_rt_ms", failed_mean, "ms", r.failed),
        metric("stop_signal.mean_ssd_ms", r.mean_ssd, "ms", r.stop_trials),
        metric("stop_signal.race_check_ms", None if go_mean is None or failed_mean is None else go_mean - failed_mean,
               "ms", r.failed),
    ]
    need_stop, need_go = int(t["min_stop_trials"]), int(t["min_go_responses"])
    if r.stop_trials >= need_stop and len(r.go_rts) >= need_go:
        metrics += [metric("stop_signal.ssrt_ms", r.ssrt(), "ms", r.stop_trials),
                    metric("stop_signal.ssrt_reliable", not _problems(r, t), "", r.stop_trials)]
    else:
        what = N_("stop trials and {go} go responses").format(go=need_go)
        metrics += [short_metric("stop_signal.ssrt_ms", "ms", r.stop_trials, need_stop, what, FIX),
                    short_metric("stop_signal.ssrt_reliable", "", r.stop_trials, need_stop, what, FIX)]
    return GameResult(game="stop_signal", completed=ended, metrics=metrics), trials


def stop_signal_traits(trials: list[TimedTrial], tables: Any) -> list[Trait]:
    """response_inhibition from the SSRT (shorter is better); no position when the SSRT is not reliable."""
    spec = tables["traits"]["response_inhibition"]
    t = tables["stop_signal"]
    whole = race(trials)
    problems = _problems(whole, t) if whole.stop_trials >= int(t["min_stop_trials"]) else []
    lack = None if not problems else insufficient(
        N_("the stop-signal reaction time is not reliable for this session: {problem_list}").format(
            problem_list="; ".join(problems)),
        N_("failed stops faster than go responses, p(respond|signal) within 0.25-0.75 and at least {need} stop "
           "trials (Verbruggen et al. 2019)").format(need=t["min_reliable_stops"]),
        N_("{count} stop trials").format(count=whole.stop_trials),
        N_("play the whole game again, answering every arrow at full speed without waiting for the red cross"))

    def stat(items: Sequence[TimedTrial]) -> float | None:
        ssrt = race(items).ssrt()
        return None if ssrt is None else linear_position(ssrt, float(spec["at_zero_ms"]), float(spec["at_hundred_ms"]))

    def words(p: float) -> list[str]:
        return [N_("Stop-signal reaction time {ssrt} ms (integration method, go omissions replaced by the longest "
                   "go RT): go RT at p(respond|signal) = {p} is {nth} ms, mean stop-signal delay {ssd} ms. {best} ms "
                   "or faster maps to 100, {worst} ms or slower to 0, giving position {position}. The race model "
                   "check holds (failed stops {failed} ms, go responses {go} ms). Higher is better: this is an "
                   "ability (stopping an action already under way).").format(
                    ssrt=f"{whole.ssrt():.0f}", p=f"{whole.p_respond:.2f}", nth=f"{whole.nth_rt():.0f}",
                    ssd=f"{whole.mean_ssd:.0f}", best=f"{spec['at_hundred_ms']:.0f}",
                    worst=f"{spec['at_zero_ms']:.0f}", position=f"{p:.0f}", failed=f"{mean(whole.failed_rts):.0f}",
                    go=f"{mean(whole.go_rts):.0f}")]

    def interval(items: Sequence[TimedTrial], conf: float) -> tuple[float, float] | None:
        r = race(items)
        ssrt = r.ssrt()
        if ssrt is None:
            return None
        sd = replayed_ssrt_sd("response_inhibition", [bool(x.plan.get("stop")) for x in items],
                              [x.latency_ms for x in items if not x.plan.get("stop")], r.ssds, ssrt,
                              int(tables["reliability"]["resamples"]), lambda *counts: Race(*counts).ssrt())
        if sd is None:
            return None
        half = half_width(r.stop_trials, sd, conf)
        zero, hundred = float(spec["at_zero_ms"]), float(spec["at_hundred_ms"])
        ends = [linear_position(ssrt + d, zero, hundred) for d in (-half, half)]
        return min(ends), max(ends)

    # SSRT under a staircase: the race model fitted to the session replays it (scoring/stop_band.py; 1.2.0 on).
    return [trait("response_inhibition", tables, trials, stat, ["stop_signal.ssrt_ms"], words, lack,
                  band=BandSpec("model", interval=interval))]
