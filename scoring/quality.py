"""Quality flags on a profile: automated input (1.2.0, first), anticipations, focus losses, idle time,
interruptions, too-regular responding, unfinished games."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.model import GameResult, QualityFlag
from scoring.stats import cv
from scoring.stream import Stream, get

__all__ = ["AUTOMATION", "quality_flags"]

AUTOMATION = "automated_input"
"""The key of the flag that marks physiologically implausible input: reports put it first; norms leave it out."""


def _fast_run(xs: Sequence[float], below: float) -> int:
    """The longest run of consecutive values under `below`."""
    best = run = 0
    for x in xs:
        if x < below:
            run += 1
            if run > best:
                best = run
        else:
            run = 0
    return best


def _automation(series: dict[str, list[float]], presses: dict[str, list[float]], q: Any) -> QualityFlag:
    """Sustained presses faster than people can press, or latencies repeated to the millisecond (1.2.0)."""
    floor, need = float(q["automation_min_interval_ms"]), int(q["automation_run"])
    found: list[str] = []
    for name, xs in sorted(presses.items()):
        run = _fast_run(xs, floor)
        if run >= need:
            found.append(N_("{run} {name} in a row under {floor} ms (no person presses that fast)").format(
                run=run, name=name, floor=f"{floor:.0f}"))
    share = float(q["automation_same_share"])
    for name, xs in sorted(series.items()):
        if len(xs) < int(q["automation_min_n"]):
            continue
        top = max(Counter(map(round, xs)).values())
        if top >= share * len(xs):
            found.append(N_("{count} of {total} {name} identical to the millisecond").format(
                count=top, total=len(xs), name=name))
    text = N_("{findings}: the input looks automated, not a person's; do not interpret the results").format(
        findings="; ".join(found)) if found else N_(
        "no sustained presses under {floor} ms and no latencies repeated to the millisecond").format(
        floor=f"{floor:.0f}")
    return QualityFlag(key=AUTOMATION, raised=bool(found), value=len(found), threshold=0, message=text)


def _count(records: Sequence[EventRecord], kind: str) -> int:
    return sum(1 for r in records if r.kind == kind)


def _idle_ms(stream: Stream) -> int:
    station: int = sum(get(r, "idle_ms", int) for r in stream.station if r.kind == "station.idle_detected")
    decision: int = sum(get(r, "idle_duration_ms", int) for r in stream.games.get("decision", [])
                   if r.kind == "decision.idle_detected")
    return station + decision


def _anticipation(games: list[GameResult], q: Any) -> QualityFlag:
    early = attempts = 0
    for g in games:
        m = g.metric("rt.anticipations")
        if m is not None and isinstance(m.value, int):
            early += m.value
            attempts += m.n
    rate = early / attempts if attempts else None
    raised = rate is not None and rate > float(q["anticipation_rate_max"])
    return QualityFlag(key="anticipation_rate", raised=raised, value=rate, threshold=float(q["anticipation_rate_max"]),
                       message=(N_("{early} of {attempts} reaction-time responses came before the stimulus or less "
                                   "than 100 ms after it (guessing the onset)") if raised else
                                N_("{early} of {attempts} reaction-time responses came before the stimulus or less "
                                   "than 100 ms after it")).format(early=early, attempts=attempts))


def _regular(series: dict[str, list[float]], q: Any) -> QualityFlag:
    low = float(q["regular_cv_min"])
    found = {name: c for name, xs in series.items()
             if len(xs) >= int(q["regular_min_n"]) and (c := cv(xs)) is not None}
    worst = min(found.items(), key=lambda kv: (kv[1], kv[0])) if found else None
    raised = worst is not None and worst[1] < low
    text = N_("no series long enough to check") if worst is None else (
        N_("least variable timing: {series} with a coefficient of variation of {cv} (implausibly regular: scripted "
           "or automated input?)") if raised else
        N_("least variable timing: {series} with a coefficient of variation of {cv}")).format(
        series=worst[0], cv=f"{worst[1]:.3f}")
    return QualityFlag(key="regular_responding", raised=raised, value=None if worst is None else worst[1],
                       threshold=low, message=text)


def _interruptions(stream: Stream, pauses: int, tables: Any) -> QualityFlag:
    """Crash resumes and idle pauses; from scoring 1.1.0 on also the proctor's freezes of a running game."""
    q = tables["quality"]
    proctor = stream.proctor_freezes if tables.get("freezes", {}).get("count_proctor_freezes", False) else 0
    total = stream.resumes + pauses + proctor
    text = N_("the session was resumed after an interruption {resumes} time(s) and paused {pauses} time(s)").format(
        resumes=stream.resumes, pauses=pauses)
    if "freezes" in tables:
        text = N_("the session was resumed after an interruption {resumes} time(s), paused for idleness {pauses} "
                  "time(s) and stopped by the proctor during a game {proctor} time(s)").format(
            resumes=stream.resumes, pauses=pauses, proctor=proctor)
    return QualityFlag(key="interruptions", raised=total > int(q["resumes_max"]), value=total,
                       threshold=int(q["resumes_max"]), message=text)


def quality_flags(stream: Stream, games: list[GameResult], series: dict[str, list[float]], tables: Any,
                  presses: dict[str, list[float]] | None = None) -> list[QualityFlag]:
    """The profile's quality flags, in documented order; `series` are per-game response-time sequences and
    `presses` the intervals between repeated presses (BART pumps), for the automation flag (1.2.0)."""
    q = tables["quality"]
    focus = _count(stream.station, "station.focus_lost") + _count(stream.games.get("decision", []),
                                                                   "decision.focus_lost")
    idle = _idle_ms(stream)
    pauses = _count(stream.station, "station.paused")
    incomplete = sorted(g.game for g in games if not g.completed)
    first = [_automation(series, presses or {}, q)] if "automation_run" in q else []
    return [*first,
        _anticipation(games, q),
        QualityFlag(key="focus_losses", raised=focus > int(q["focus_losses_max"]), value=focus,
                    threshold=int(q["focus_losses_max"]),
                    message=N_("the station window lost focus {count} time(s)").format(count=focus)),
        QualityFlag(key="idle_time", raised=idle > int(q["idle_ms_max"]), value=idle, threshold=int(q["idle_ms_max"]),
                    message=N_("{seconds} s without input were recorded").format(seconds=f"{idle / 1000:.1f}")),
        _interruptions(stream, pauses, tables),
        _regular(series, q),
        QualityFlag(key="incomplete_games", raised=bool(incomplete), value=len(incomplete), threshold=0,
                    message=N_("every game that started also ended") if not incomplete else
                    N_("started but not finished: {games}; their metrics use the finished trials only").format(
                        games=", ".join(incomplete))),
    ]
