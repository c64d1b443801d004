"""The timing self-check's figures: the clock check, spreads of measured intervals, and the `station.timing_check`
event that records them (what is measured and why: docs/TIMING.md, "Self-check")."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from i18n import _s
from scoring.timing_check import LIMITS, TIMING_CHECK, timing_problems

__all__ = ["CheckFigures", "Spread", "TimingCheck", "clock_check", "figures_payload", "spread"]

Clock = Callable[[], int]


class Spread(Payload):
    """Median, standard deviation and maximum of n measured values, in milliseconds."""

    n: int = Field(ge=0)
    median_ms: float
    sd_ms: float
    max_ms: float


@register_kind(TIMING_CHECK)
class TimingCheck(Payload):
    """What the station measured of its own timing before the first game (docs/TIMING.md, "Self-check")."""

    platform: str  # the Qt platform plugin the check ran on (xcb, wayland, offscreen...)
    clock_resolution_us: float = Field(ge=0)
    clock_backwards: int = Field(ge=0)
    nominal_frame_ms: float = Field(gt=0)
    frames: Spread
    dropped_frames: int = Field(ge=0)
    dropped_share: float = Field(ge=0, le=1)
    timer_overshoot: Spread
    input_latency: Spread
    duration_ms: float = Field(ge=0)
    problems: list[str]


class CheckFigures:
    """The raw stamps a probe collected, in nanoseconds of the probe's clock."""

    __slots__ = ("frame_stamps", "input_latencies", "timer_overshoots")

    def __init__(self) -> None:
        self.frame_stamps: list[int] = []
        self.timer_overshoots: list[int] = []
        self.input_latencies: list[int] = []


def spread(values_ns: Sequence[int]) -> Spread:
    """Median, SD and max of values given in ns, in ms (zeros for no values)."""
    if not values_ns:
        return Spread(n=0, median_ms=0.0, sd_ms=0.0, max_ms=0.0)
    ms = [v / 1e6 for v in values_ns]
    sd = statistics.stdev(ms) if len(ms) > 1 else 0.0
    return Spread(n=len(ms), median_ms=round(statistics.median(ms), 4), sd_ms=round(sd, 4),
                  max_ms=round(max(ms), 4))


def clock_check(clock: Clock = time.perf_counter_ns, reads: int = 20_000) -> tuple[float, int]:
    """The clock's resolution (smallest step between successive reads that differ, in us; the whole span when
    it never moved) and how often it went backwards."""
    previous = clock()
    first = previous
    smallest: int | None = None
    backwards = 0
    for _ in range(reads):
        now = clock()
        step = now - previous
        if step < 0:
            backwards += 1
        elif step > 0 and (smallest is None or step < smallest):
            smallest = step
        previous = now
    if smallest is None:
        smallest = max(1, abs(previous - first)) if previous != first else 10**9  # a clock that never moved
    return smallest / 1e3, backwards


def figures_payload(figures: CheckFigures, nominal_frame_ms: float, platform: str, duration_ns: int,
                    clock: Clock = time.perf_counter_ns) -> dict[str, Any]:
    """The `station.timing_check` payload for a probe's stamps, with the problems the limits find."""
    intervals = [b - a for a, b in zip(figures.frame_stamps, figures.frame_stamps[1:], strict=False)]
    dropped = sum(1 for i in intervals if i > 1.5 * nominal_frame_ms * 1e6)
    resolution_us, backwards = clock_check(clock)
    check: dict[str, Any] = {
        "platform": platform, "clock_resolution_us": round(resolution_us, 3), "clock_backwards": backwards,
        "nominal_frame_ms": round(nominal_frame_ms, 4), "frames": spread(intervals).model_dump(),
        "dropped_frames": dropped, "dropped_share": round(dropped / len(intervals), 4) if intervals else 0.0,
        "timer_overshoot": spread(figures.timer_overshoots).model_dump(),
        "input_latency": spread(figures.input_latencies).model_dump(),
        "duration_ms": round(duration_ns / 1e6, 3),
    }
    if not intervals:
        check["frames"] = None  # not measured: timing_problems says so
    check["problems"] = timing_problems(check)
    if not intervals:
        check["frames"] = spread([]).model_dump()
    return check


def describe(check: dict[str, Any]) -> list[str]:
    """The check as lines for a person: each figure with its limit, then the verdict."""
    frames, timer, latency = check["frames"], check["timer_overshoot"], check["input_latency"]
    lines = [
        _s("platform: {platform}; check took {ms} ms").format(platform=check["platform"],
                                                              ms=f"{check['duration_ms']:.0f}"),
        _s("clock resolution: {resolution} us (limit {limit} us); went backwards {count} time(s)").format(
            resolution=f"{check['clock_resolution_us']:.3f}", limit=f"{LIMITS['clock_resolution_us']:g}",
            count=check["clock_backwards"]),
        _s("frame interval: median {median} ms, SD {sd} ms (limit {limit} ms), max {max} ms over {n} intervals; "
           "nominal {nominal} ms").format(median=f"{frames['median_ms']:.2f}", sd=f"{frames['sd_ms']:.2f}",
                                          limit=f"{LIMITS['frame_jitter_ms']:g}", max=f"{frames['max_ms']:.2f}",
                                          n=frames["n"], nominal=f"{check['nominal_frame_ms']:.2f}"),
        _s("dropped frames: {count} ({share}; limit {limit})").format(
            count=check["dropped_frames"], share=f"{check['dropped_share']:.1%}",
            limit=f"{LIMITS['dropped_frames']:.0%}"),
        _s("timer overshoot: median {median} ms (limit {limit} ms), SD {sd} ms, max {max} ms over {n} timers").format(
            **_spread(timer), limit=f"{LIMITS['timer_overshoot_ms']:g}"),
        _s("posted key to handler: median {median} ms (limit {limit} ms), SD {sd} ms, max {max} ms over {n} "
           "presses").format(**_spread(latency), limit=f"{LIMITS['input_latency_ms']:g}"),
    ]
    problems = check["problems"]
    lines.append(_s("timing held") if not problems else _s("TIMING DID NOT HOLD: {problems}").format(
        problems="; ".join(problems)))
    return lines


def _spread(figures: dict[str, Any]) -> dict[str, str]:
    """A spread's figures as printed: milliseconds to three places, and the count."""
    return {"median": f"{figures['median_ms']:.3f}", "sd": f"{figures['sd_ms']:.3f}",
            "max": f"{figures['max_ms']:.3f}", "n": str(figures["n"])}
