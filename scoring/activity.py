"""Active time of a decision task from 1.2.0: reading, typing and scrolling spans plus 004's short gaps.

Seed 004 (7.1) counts as active the gaps between consecutive task events shorter than the idle threshold.
That misses reading and typing: an option looked at for 7 s, or 20 s of typing recorded as one debounced
update, leave gaps longer than 5 s. From 1.2.0 the active time of a task is the length of the union of

- every look at an option, from its start to its end (option_viewed's started_t_ns .. t_ns);
- every typing burst and scroll burst (started_t_ns .. ended_t_ns);
- every gap shorter than the idle threshold between consecutive activity points (event times and the
  starts and ends above), as 004 counts them;

within the task, less the time the station froze the game. The idle threshold is the one the session ran
with (decision.game_started's idle_threshold_ms), or the table's for sessions recorded before it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from eventlog.records import EventRecord
from scoring.stream import frozen_ns, get

__all__ = ["Span", "active_ms", "idle_outside_activity_ms", "merged", "reading_spans", "spans_ms", "typing_spans"]

Span = tuple[int, int]


def merged(spans: Sequence[Span]) -> list[Span]:
    """The union of spans as sorted, non-overlapping spans."""
    out: list[Span] = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def spans_ms(spans: Sequence[Span], start: int, end: int, freezes: Sequence[Span] = ()) -> float:
    """Length in ms of the union of spans clipped to [start, end], less frozen time."""
    total = 0
    for a, b in merged([(max(a, start), min(b, end)) for a, b in spans]):
        total += b - a - frozen_ns(freezes, a, b)
    return total / 1e6


def reading_spans(events: Sequence[EventRecord]) -> list[Span]:
    """Looks at options and scroll bursts (reading)."""
    out: list[Span] = []
    for e in events:
        if e.kind == "decision.option_viewed":
            out.append((get(e, "started_t_ns", int), e.t_ns))
        elif e.kind == "decision.scrolled":
            out.append((get(e, "started_t_ns", int), get(e, "ended_t_ns", int)))
    return out


def typing_spans(events: Sequence[EventRecord]) -> list[Span]:
    """Typing bursts."""
    return [(get(e, "started_t_ns", int), get(e, "ended_t_ns", int)) for e in events
            if e.kind == "decision.typing_burst"]


def active_ms(events: Sequence[EventRecord], idle_ms: float, freezes: Sequence[Span] = ()) -> float:
    """The task's active time in ms (see the module docstring); events run task_started .. task_completed."""
    start, end = events[0].t_ns, events[-1].t_ns
    explicit = reading_spans(events) + typing_spans(events)
    points = sorted({e.t_ns for e in events} | {t for span in explicit for t in span})
    points = [min(max(p, start), end) for p in points]
    gaps = [(a, b) for a, b in itertools.pairwise(points)
            if 0 <= (b - a - frozen_ns(freezes, a, b)) / 1e6 < idle_ms]
    return spans_ms(explicit + gaps, start, end, freezes)


def idle_outside_activity_ms(events: Sequence[EventRecord], freezes: Sequence[Span] = ()) -> float:
    """The recorded idle spells (decision.idle_detected, ending at their t_ns) less any part of them spent reading
    or typing: games recorded before 1.2.0's game counted a long look at an option as idleness."""
    start, end = events[0].t_ns, events[-1].t_ns
    idle = [(e.t_ns - get(e, "idle_duration_ms", int) * 1_000_000, e.t_ns) for e in events
            if e.kind == "decision.idle_detected"]
    busy = reading_spans(events) + typing_spans(events)
    return spans_ms(idle + busy, start, end, freezes) - spans_ms(busy, start, end, freezes)
