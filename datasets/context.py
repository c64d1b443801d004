"""One session as the exporters see it: its identity, its events, and the pauses, resumes and ignored inputs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from datasets.columns import NS_PER_MS, Column, col
from eventlog.records import EventRecord

__all__ = [
    "FLAG_COLUMNS",
    "IDENTITY_COLUMNS",
    "IGNORED_INPUT_SUFFIX",
    "SessionContext",
    "SessionInput",
    "TrialSpan",
    "ms",
]

IGNORED_INPUT_SUFFIX = ".input_ignored"
"""An event whose kind ends so records a key or click a game received and ignored (counted per trial)."""


def ms(t_ns: int | None) -> float | None:
    """Nanoseconds as milliseconds (exact: a float holds every ns value of a session of days)."""
    return None if t_ns is None else t_ns / NS_PER_MS


@dataclass(frozen=True)
class SessionInput:
    """What an exporter needs of one session: its metadata, a way to read its events and its stored results.

    `events` is called once and may stream from a database; `results` gives the stored canonical results
    JSON (None: score the events now with the current scoring version).
    """

    session_id: str
    participant: str
    station_id: str | None
    battery: str | None
    purpose: str
    status: str
    anchor_wall_utc: str
    closed_utc: str | None
    time_zone: str
    app_version: str
    events: Callable[[], Iterator[EventRecord]]
    results: Callable[[], bytes | None] = field(default=lambda: None)


IDENTITY_COLUMNS: tuple[Column, ...] = (
    col("session_id", "string", "The session's id (a UUID); the same id as in bundles and on the receiver.",
        nullable=False, source="sessions.id"),
    col("participant", "string", "The participant's pseudonym (never a name or e-mail).", nullable=False,
        source="session.opened.participant"),
    col("station_id", "string", "The id of the station that recorded the session.", source="station.id"),
    col("battery", "string", "The battery the session ran (n/a for a session opened without one).",
        source="session.opened.battery"),
)

FLAG_COLUMNS: tuple[Column, ...] = (
    col("attempts", "integer", "How many times the trial was started: 1 normally; more when it was repeated "
        "after a false start, a pause of the station or a crash resume. The row holds the last attempt.",
        minimum=1),
    col("paused", "boolean", "The station froze the game (station.game_suspended .. station.game_resumed) or "
        "paused the candidate flow (station.paused) during the trial."),
    col("paused_ms", "number", "How long the game was frozen during the trial.", unit="ms", minimum=0),
    col("repeated_after_resume", "boolean", "The session crashed during the trial (a session.resumed lies "
        "between its first start and its end): the trial was started again after the resume."),
    col("ignored_inputs", "integer", "Key presses and clicks the game received during the trial and ignored "
        f"(events whose kind ends in `{IGNORED_INPUT_SUFFIX}`); they are never scored.", minimum=0),
)


@dataclass(frozen=True)
class TrialSpan:
    """Where a trial lies in the session: first start and end (t_ns), and the seq range of its events."""

    game: str
    trial: int | None
    start_ns: int
    end_ns: int
    first_seq: int
    last_seq: int


@dataclass
class SessionContext:
    """Session-level facts every trial table needs, gathered in one pass over the events."""

    source: SessionInput
    records: Sequence[EventRecord]
    freezes: list[tuple[int, int]] = field(default_factory=list)
    pauses: list[int] = field(default_factory=list)
    resumes: list[int] = field(default_factory=list)
    ignored: Counter[tuple[str | None, int | None]] = field(default_factory=Counter)
    ignored_loose: list[tuple[str | None, int]] = field(default_factory=list)

    @classmethod
    def build(cls, source: SessionInput, records: Sequence[EventRecord]) -> SessionContext:
        """Scan the session once for freezes, pauses, crash resumes and ignored inputs."""
        ctx = cls(source, records)
        frozen_since: int | None = None
        for rec in records:
            kind = rec.kind
            if kind == "station.game_suspended" and frozen_since is None:
                frozen_since = rec.t_ns
            elif kind == "station.game_resumed" and frozen_since is not None:
                ctx.freezes.append((frozen_since, max(frozen_since, rec.t_ns)))
                frozen_since = None
            elif kind == "session.resumed":
                ctx.resumes.append(rec.seq)
                if frozen_since is not None:
                    ctx.freezes.append((frozen_since, max(frozen_since, rec.t_ns)))
                    frozen_since = None
            elif kind == "station.paused":
                ctx.pauses.append(rec.t_ns)
            elif kind.endswith(IGNORED_INPUT_SUFFIX):
                if rec.trial is None:
                    ctx.ignored_loose.append((rec.game, rec.t_ns))
                else:
                    ctx.ignored[(rec.game, rec.trial)] += 1
        return ctx

    def identity(self, game: str) -> dict[str, object]:
        """The identity columns of a row of this session, and its game."""
        s = self.source
        return {"session_id": s.session_id, "participant": s.participant, "station_id": s.station_id,
                "battery": s.battery, "game": game}

    def frozen_ns(self, start: int, end: int) -> int:
        """How much of [start, end] the station's freezes cover."""
        return sum(max(0, min(end, b) - max(start, a)) for a, b in self.freezes)

    def flags(self, span: TrialSpan, attempts: int) -> dict[str, object]:
        """The flag columns of a trial."""
        frozen = self.frozen_ns(span.start_ns, span.end_ns)
        paused = frozen > 0 or any(span.start_ns <= t <= span.end_ns for t in self.pauses) or any(
            a <= span.end_ns and b >= span.start_ns for a, b in self.freezes)
        ignored = self.ignored.get((span.game, span.trial), 0) + sum(
            1 for game, t in self.ignored_loose if game == span.game and span.start_ns <= t <= span.end_ns)
        return {
            "attempts": attempts, "paused": paused, "paused_ms": ms(frozen),
            "repeated_after_resume": any(span.first_seq < seq < span.last_seq for seq in self.resumes),
            "ignored_inputs": ignored,
        }
