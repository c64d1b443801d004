"""Reading a trial game's events (IGT, Tower of London, faces, effort, money): each trial's last attempt.

A trial game records `<ns>.trial_started` when a trial is presented, its own events in the trial, and
`<ns>.trial_ended` with the trial's result (games/trialkit). A trial the station's pause interrupted is
presented again under the same index: only its last attempt (the events after its last trial_started)
counts. (Trials a crash cut short are dropped before this by scoring.stream.) Also the small statistics
these games share: an ordinary least-squares slope and pool-adjacent-violators for a rising curve.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from eventlog.records import EventRecord
from scoring.errors import ScoringInputError
from scoring.stream import get

__all__ = ["GameTrials", "Trial", "isotonic_rising", "ols_slope", "parse_trials"]


@dataclass
class Trial:
    """One finished trial: its (last) presented onset, its events in between, its result and its attempts."""

    index: int
    started: EventRecord
    ended: EventRecord
    events: list[EventRecord] = field(default_factory=list)
    attempts: int = 1
    first: EventRecord | None = None  # the first attempt's trial_started (None: the same as `started`)

    def value(self, name: str, typ: type | tuple[type, ...], optional: bool = False) -> object:
        """A field of the trial's result (trial_ended payload), type-checked."""
        return get(self.ended, name, typ, optional)


@dataclass
class GameTrials:
    """A trial game's finished trials in order, its start payload and whether it ended."""

    started: EventRecord | None
    trials: list[Trial]
    ended: bool


def parse_trials(records: Sequence[EventRecord], ns: str) -> GameTrials:
    """The finished trials of one trial game (namespace `ns`, e.g. "igt."); ScoringInputError names the event."""
    trials: list[Trial] = []
    head: EventRecord | None = None
    current: Trial | None = None
    firsts: dict[int, EventRecord] = {}
    ended = False
    for rec in records:
        kind = rec.kind
        if kind == f"{ns}game_started":
            head = rec
        elif kind == f"{ns}trial_started":
            index = get(rec, "trial", int)
            if index != len(trials):
                raise ScoringInputError(rec.seq, "trial", f"is {index}, but {len(trials)} trials had ended", kind)
            first = firsts.setdefault(index, rec)
            current = Trial(index, rec, rec, [], 1 + (current.attempts if current and current.index == index else 0),
                            first)
        elif kind == f"{ns}trial_ended":
            if current is None or get(rec, "trial", int) != current.index:
                raise ScoringInputError(rec.seq, "trial", "ends a trial that was not started", kind)
            current.ended = rec
            trials.append(current)
            current = None
        elif kind == f"{ns}game_ended":
            ended = True
        elif rec.trial is not None and current is not None and rec.trial == current.index:
            current.events.append(rec)
    return GameTrials(head, trials, ended)


def ols_slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The least-squares slope of ys on xs (None with fewer than two distinct xs)."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def isotonic_rising(values: Sequence[float], weights: Sequence[float]) -> list[float]:
    """The weighted least-squares non-decreasing fit (pool-adjacent-violators; Barlow et al. 1972)."""
    blocks: list[list[float]] = []  # [weighted mean, weight, count]
    for v, w in zip(values, weights, strict=True):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    return [b[0] for b in blocks for _ in range(int(b[2]))]
