"""Reading the timed-trial games' events (flanker, stop-signal): one record per finished trial, its last attempt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from scoring.errors import ScoringInputError
from scoring.stream import get

__all__ = ["TimedTrial", "parse_timed"]


@dataclass
class TimedTrial:
    """A finished trial: what trial_started planned, the response (if any) and the outcome."""

    index: int
    plan: dict[str, Any]
    onset_ns: int | None = None
    signal: dict[str, Any] | None = None  # stop_signal.stop_onset payload
    key: str | None = None
    latency_ms: float | None = None
    outcome: str = ""


def parse_timed(records: Sequence[EventRecord], namespace: str) -> tuple[list[TimedTrial], bool]:
    """The finished trials in order (a trial started again after a pause keeps its last attempt), and whether
    <ns>game_ended was recorded."""
    done: list[TimedTrial] = []
    current: TimedTrial | None = None
    ended = False
    for rec in records:
        kind = rec.kind.removeprefix(namespace)
        if kind == "trial_started":
            current = TimedTrial(get(rec, "trial", int), dict(rec.payload))
        elif kind in ("stimulus_onset", "stop_onset", "response", "trial_ended"):
            if current is None or get(rec, "trial", int) != current.index:
                raise ScoringInputError(rec.seq, "trial", "belongs to no trial that was started", rec.kind)
            if kind == "stimulus_onset":
                current.onset_ns = get(rec, "presented_t_ns", int)
            elif kind == "stop_onset":
                current.signal = dict(rec.payload)
            elif kind == "response":
                current.key = get(rec, "key", str)
                current.latency_ms = get(rec, "latency_ns", int) / 1e6
            else:
                current.outcome = get(rec, "outcome", str)
                done.append(current)
                current = None
        elif kind == "game_ended":
            ended = True
    return done, ended
