"""The timing self-check's figures and verdict (no timing thresholds here: the limits are judged on made-up
figures, and measured figures are checked for being measured, recorded and read back, never for their size)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from eventlog import EventLog
from eventlog.kinds import validate_payload
from kiosk.services.timing import CheckFigures, clock_check, describe, figures_payload
from scoring.timing_check import LIMITS, TIMING_CHECK, TIMING_FLAG, timing_flag, timing_problems

MS = 1_000_000


def steady(ns: int = 1_000) -> Any:
    """A clock that moves by `ns` on every read."""
    counter = itertools.count(0, ns)
    return lambda: next(counter)


def coarse(step_ns: int, reads_per_step: int) -> Any:
    """A clock that only ticks every `reads_per_step` reads, by `step_ns` (like a 15.6 ms Windows tick)."""
    counter = itertools.count()
    return lambda: next(counter) // reads_per_step * step_ns


def backwards() -> Any:
    """A clock that jumps back every 100 reads."""
    counter = itertools.count()
    return lambda: (n := next(counter)) * 1_000 - (5_000_000 if n % 100 == 99 else 0)


def figures(frame_ms: list[float], overshoot_ms: float = 0.1, latency_ms: float = 0.05) -> CheckFigures:
    """Stamps as a probe would collect them: frames at the given intervals, 20 timers, 20 presses."""
    made = CheckFigures()
    stamp = 0
    made.frame_stamps.append(stamp)
    for interval in frame_ms:
        stamp += round(interval * MS)
        made.frame_stamps.append(stamp)
    made.timer_overshoots = [round(overshoot_ms * MS)] * 20
    made.input_latencies = [round(latency_ms * MS)] * 20
    return made


def test_a_good_clock_is_fine_grained_and_never_backwards() -> None:
    resolution_us, back = clock_check(steady(1_000))
    assert (resolution_us, back) == (1.0, 0)


def test_a_coarse_clock_and_a_clock_that_runs_backwards_are_flagged() -> None:
    smooth = [1000 / 60] * 60
    coarse_check = figures_payload(figures(smooth), 1000 / 60, "offscreen", 1_000 * MS, coarse(15_625_000, 500))
    assert coarse_check["clock_resolution_us"] == 15_625.0
    assert coarse_check["problems"] == ["clock resolution 15625.0 us is over the limit of 100 us"]
    back_check = figures_payload(figures(smooth), 1000 / 60, "offscreen", 1_000 * MS, backwards())
    assert back_check["clock_backwards"] > 0
    assert back_check["problems"][0].startswith("the clock ran backwards")


def test_steady_frames_hold_and_jittery_dropped_frames_are_named() -> None:
    good = figures_payload(figures([1000 / 60] * 59), 1000 / 60, "xcb", 1_200 * MS, steady())
    assert good["problems"] == []
    assert good["frames"]["n"] == 59 and good["frames"]["sd_ms"] == 0.0
    jittery = [1000 / 60] * 50 + [40.0, 5.0] * 5  # 5 of 60 intervals over 1.5x nominal: 8.3 % dropped
    bad = figures_payload(figures(jittery), 1000 / 60, "xcb", 1_200 * MS, steady())
    assert bad["dropped_frames"] == 5
    assert [p.split(" is over")[0].split(" ")[0:2] for p in bad["problems"]] == [["frame", "interval"],
                                                                                  ["dropped", "frames"]]


def test_late_timers_and_slow_input_are_named_against_their_limits() -> None:
    check = figures_payload(figures([1000 / 60] * 59, overshoot_ms=3.0, latency_ms=9.0), 1000 / 60, "xcb",
                            1_000 * MS, steady())
    assert check["problems"] == [
        f"timer overshoot (median) 3.00 ms is over the limit of {LIMITS['timer_overshoot_ms']:g} ms",
        f"posted-input latency (median) 9.00 ms is over the limit of {LIMITS['input_latency_ms']:g} ms",
    ]
    assert describe(check)[-1].startswith("TIMING DID NOT HOLD: timer overshoot")


def test_a_check_without_frames_says_they_were_not_measured() -> None:
    check = figures_payload(figures([]), 1000 / 60, "offscreen", 10 * MS, steady())
    assert "frames.sd_ms was not measured" in check["problems"]
    assert timing_problems({}) == [f"{what} was not measured" for what in (
        "clock_resolution_us", "frames.sd_ms", "dropped_share", "timer_overshoot.median_ms",
        "input_latency.median_ms")]


def test_the_check_is_recorded_read_back_and_turned_into_a_quality_flag(tmp_path: Path) -> None:
    jittery = [1000 / 60] * 50 + [40.0, 5.0] * 5
    check = figures_payload(figures(jittery), 1000 / 60, "xcb", 1_000 * MS, steady())
    assert validate_payload(TIMING_CHECK, check) == check  # the payload is exactly what the log stores
    with EventLog.in_dir(tmp_path) as log:
        session = log.open_session("assessment", "P-0001")
        log.record(session.session_id, TIMING_CHECK, session.now_ns(), check)
        log.close_session(session.session_id, session.now_ns())
        records = log.store.events(session.session_id)
    assert [r.payload for r in records if r.kind == TIMING_CHECK] == [check]
    flag = timing_flag(records)
    assert flag is not None and flag.key == TIMING_FLAG and flag.raised and flag.value == 2
    assert "frame interval jitter" in flag.message and "dropped frames" in flag.message
    assert timing_flag([r for r in records if r.kind != TIMING_CHECK]) is None  # sessions of older stations
