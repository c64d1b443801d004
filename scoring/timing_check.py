"""The station's timing self-check judged against documented limits (docs/TIMING.md, "Self-check").

A `station.timing_check` event holds what the station measured before the first game: its clock's
resolution, the interval between painted frames and their spread, how late timers fire, and how long a
posted key press takes to reach its handler. `timing_problems` names every figure beyond its limit;
`timing_flag` turns a session's check into a quality flag. Pure and Qt-free: the station and scoring share it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.model import QualityFlag

__all__ = ["LIMITS", "TIMING_CHECK", "TIMING_FLAG", "timing_flag", "timing_problems"]

TIMING_CHECK = "station.timing_check"
TIMING_FLAG = "timing_check"

LIMITS: Mapping[str, float] = {
    "clock_resolution_us": 100.0,  # the stamping clock must tell 0.1 ms apart (perf_counter: < 1 us)
    "frame_jitter_ms": 2.0,  # SD of the intervals between painted frames (issue 19's example limit)
    "dropped_frames": 0.01,  # share of frame intervals over 1.5x the nominal one (issue 19's example limit)
    "timer_overshoot_ms": 2.0,  # median lateness of a precise timer
    "input_latency_ms": 4.0,  # median from posting a key press to its handler running
}
"""The limits a check must keep; a figure above its limit (or a clock that ran backwards) raises the flag."""


def _figure(check: Mapping[str, Any], *path: str) -> float | None:
    value: Any = check
    for part in path:
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def timing_problems(check: Mapping[str, Any]) -> list[str]:
    """Each measured figure of a check beyond its limit, as a sentence; [] when timing held."""
    problems: list[str] = []
    backwards = _figure(check, "clock_backwards")
    if backwards:
        problems.append(N_("the clock ran backwards {count} time(s)").format(count=f"{backwards:.0f}"))
    limits = (
        (("clock_resolution_us",), "clock_resolution_us", N_("clock resolution {value} us"), "{:.1f}"),
        (("frames", "sd_ms"), "frame_jitter_ms", N_("frame interval jitter (SD) {value} ms"), "{:.2f}"),
        (("dropped_share",), "dropped_frames", N_("dropped frames {value}"), "{:.1%}"),
        (("timer_overshoot", "median_ms"), "timer_overshoot_ms", N_("timer overshoot (median) {value} ms"), "{:.2f}"),
        (("input_latency", "median_ms"), "input_latency_ms", N_("posted-input latency (median) {value} ms"),
         "{:.2f}"),
    )
    for path, limit_key, text, number in limits:
        value = _figure(check, *path)
        if value is None:
            problems.append(N_("{figure} was not measured").format(figure=".".join(path)))
        elif value > LIMITS[limit_key]:
            problems.append(N_("{figure} is over the limit of {limit}").format(
                figure=text.format(value=number.format(value)), limit=_limit(limit_key)))
    return problems


def _limit(key: str) -> str:
    value = LIMITS[key]
    if key == "dropped_frames":
        return f"{value:.0%}"
    return f"{value:g} {'us' if key.endswith('_us') else 'ms'}"


def timing_flag(records: Sequence[EventRecord]) -> QualityFlag | None:
    """A quality flag from the session's last timing check; None when the session has none (older stations)."""
    checks = [r for r in records if r.kind == TIMING_CHECK]
    if not checks:
        return None
    problems = timing_problems(checks[-1].payload)
    message = (N_("timing held: every figure of the station's self-check was within its limit") if not problems
               else N_("timing did not hold: {problems}").format(problems="; ".join(problems)))
    return QualityFlag(key=TIMING_FLAG, raised=bool(problems), value=len(problems), threshold=0, message=message)
