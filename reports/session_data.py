"""What a report needs from a session besides its profile: metadata and the per-trial data the charts draw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from eventlog.records import EventRecord
from i18n import session_language
from reports.memory_data import MemoryAttentionData, memory_attention_data
from scoring.bart import parse_bart
from scoring.rt import parse_rt
from scoring.stream import Stream, frozen_ns, parse_stream

__all__ = ["Balloon", "RtGameData", "RtPoint", "SessionData", "SessionMeta", "TaskTimeline", "consent_version",
           "meta_from_events", "session_data"]


@dataclass(frozen=True)
class SessionMeta:
    """Who and when: the pseudonym always; a name only when the caller holds it and may show it."""

    session_id: str
    participant: str
    battery: str | None
    status: str
    started_utc: str
    closed_utc: str | None
    time_zone: str
    station: str = ""
    name: str | None = None
    consent_version: str | None = None  # of the consent text answered (assets/consent/versions.toml)
    language: str = "en"  # the language the candidate saw (station.language), and who chose it
    language_source: str | None = None


@dataclass(frozen=True)
class Balloon:
    """One balloon of the balloon game."""

    number: int
    pumps: int
    burst: bool
    capacity: int
    colour: str


@dataclass(frozen=True)
class RtPoint:
    """One finished reaction-time trial (latency from the onset, when there was a response)."""

    trial: int
    is_go: bool
    outcome: str
    latency_ms: float | None


@dataclass(frozen=True)
class RtGameData:
    """One reaction-time game's trials and its false starts (ms before the onset)."""

    game: str
    variant: str
    timeout_ms: float
    points: tuple[RtPoint, ...]
    false_starts_ms: tuple[float, ...]


@dataclass(frozen=True)
class TaskTimeline:
    """One decision scenario on a clock that starts when it was shown (station freezes left out), in seconds."""

    task_id: str
    total_s: float
    views_s: tuple[float, ...]
    first_choice_s: float | None
    changes_s: tuple[float, ...]
    reasoning_s: float | None
    final_risk: str


@dataclass(frozen=True)
class SessionData:
    """Everything the charts draw, read once from the events."""

    balloons: tuple[Balloon, ...]
    rt_games: tuple[RtGameData, ...]
    tasks: tuple[TaskTimeline, ...]
    duration_s: float
    games_started: tuple[str, ...]
    memory: MemoryAttentionData = field(default_factory=MemoryAttentionData)  # issue 14's games


def consent_version(records: Sequence[EventRecord]) -> str | None:
    """The version of the consent text the session's last consent event answered (None before versions were kept)."""
    answer = next((r.payload for r in reversed(records) if r.kind == "station.consent"), {})
    version = answer.get("version")
    return version if isinstance(version, str) else None


def meta_from_events(records: Sequence[EventRecord], station: str = "") -> SessionMeta:
    """Session metadata from session.opened and session.closed (a declined consent reads as declined)."""
    opened = records[0].payload if records else {}
    closed = next((r.payload for r in reversed(records) if r.kind == "session.closed"), None)
    declined = any(r.kind == "station.consent" and r.payload.get("accepted") is False for r in records)
    status = "declined" if declined else str(closed.get("reason", "closed")) if closed else "interrupted"
    language, source = session_language(records)
    return SessionMeta(
        session_id=records[0].session_id if records else "", participant=str(opened.get("participant", "")),
        battery=opened.get("battery"), status=status, started_utc=str(opened.get("anchor_wall_utc", "")),
        closed_utc=None, time_zone=str(opened.get("time_zone", "UTC")), station=station,
        consent_version=consent_version(records), language=language, language_source=source)


def _rt(name: str, recs: list[EventRecord]) -> RtGameData:
    game = parse_rt(name, recs)
    early = tuple(r.payload["before_onset_ns"] / 1e6 for r in recs if r.kind == "rt.false_start")
    points = tuple(RtPoint(t.index, t.is_go, t.outcome, t.latency_ms) for t in game.trials)
    return RtGameData(name, game.variant, game.timeout_ms, points, early)


def _task(events: list[EventRecord], freezes: Sequence[tuple[int, int]]) -> TaskTimeline:
    start = events[0].t_ns

    def at(rec: EventRecord) -> float:
        return (rec.t_ns - start - frozen_ns(freezes, start, rec.t_ns)) / 1e9

    first = next((at(e) for e in events if e.kind == "decision.option_selected"), None)
    typed = next((at(e) for e in events if e.kind == "decision.reasoning_started"), None)
    return TaskTimeline(
        task_id=str(events[0].payload["task_id"]), total_s=at(events[-1]),
        views_s=tuple(at(e) for e in events if e.kind == "decision.option_viewed"), first_choice_s=first,
        changes_s=tuple(at(e) for e in events if e.kind == "decision.option_changed"), reasoning_s=typed,
        final_risk=str(events[-1].payload.get("risk_level", "")))


def _tasks(recs: list[EventRecord], stream: Stream) -> tuple[TaskTimeline, ...]:
    out: list[TaskTimeline] = []
    current: list[EventRecord] = []
    for rec in recs:
        if rec.kind == "decision.task_started":
            current = [rec]
        elif current and rec.payload.get("task_id") == current[0].payload["task_id"]:
            current.append(rec)
            if rec.kind == "decision.task_completed":
                out.append(_task(current, stream.freezes))
                current = []
    return tuple(out)


def session_data(records: Sequence[EventRecord]) -> SessionData:
    """Per-trial chart data of a whole session stream (ScoringInputError if the stream is broken)."""
    stream = parse_stream(records)
    balloons: tuple[Balloon, ...] = ()
    rt_games: list[RtGameData] = []
    tasks: tuple[TaskTimeline, ...] = ()
    for name, recs in sorted(stream.games.items(), key=lambda kv: kv[1][0].seq):
        if name == "bart":
            parsed, _ = parse_bart(recs)
            balloons = tuple(Balloon(b.order + 1, b.pumps, b.burst, b.capacity, b.colour) for b in parsed)
        elif recs[0].kind.startswith("rt."):
            rt_games.append(_rt(name, recs))
        elif name == "decision":
            tasks = _tasks(recs, stream)
    started = tuple(name for name, _ in sorted(stream.games.items(), key=lambda kv: kv[1][0].seq))
    return SessionData(balloons, tuple(rt_games), tasks, (records[-1].t_ns - records[0].t_ns) / 1e9, started,
                       memory_attention_data(stream.games))
