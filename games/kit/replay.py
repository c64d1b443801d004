"""Crash resume by replay: a game's state rebuilt by applying its own rules again to its recorded events.

The games of issue 14 (digit span, card match, flanker, stop-signal) restore this way (games/core.py,
"Crash resume"): every recorded event is the first event of one rules step, so `apply(state, rec)` calls
that step again with the values the record carries (its t_ns, key, position...). The step's emissions must
equal the recorded events one for one (kind, payload, t_ns, trial column), or the events do not belong to
this game (another seed, params or build) and RestoreError says which event. A step whose later events are
missing (the crash came between two events of one step, e.g. a response recorded and its trial_ended not) is
not a boundary: that trial is played again, as scoring drops it (scoring/stream.py).

Whenever the replayed state lies at a trial boundary (`at_boundary`), it is remembered; the restored state is
the last such boundary, so a trial the crash cut short is played again from its start. A recorded
`<ns>.game_resumed` (an earlier crash) sends the replay back to the last boundary too, exactly as the view
did then. Because the rules are replayed, running totals (span so far, pairs found, the stop-signal delay
staircase, the switch history) are whatever the rules make of the events, never a second bookkeeping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from eventlog.records import EventRecord
from games.core import Emission, GameRuleError, Restored, RestoreError, Step, payload_of

__all__ = ["Timed", "replay"]


class Timed(Protocol):
    """A rules state that remembers the t_ns of the last action (a frozen dataclass field)."""

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]  # a dataclass: dataclasses.replace works

    @property
    def last_t_ns(self) -> int:
        """The t_ns of the last action."""
        ...


StateT = TypeVar("StateT", bound=Timed)


def _same(rec: EventRecord, emission: Emission) -> bool:
    if (rec.kind, rec.t_ns, rec.trial) != (emission.kind, emission.t_ns, emission.trial):
        return False
    try:
        return payload_of(rec, type(emission.payload)) == emission.payload
    except RestoreError:
        return False


def _check(records: Sequence[EventRecord], start: int, emitted: Sequence[Emission], namespace: str) -> int:
    """How many records the step's emissions cover: fewer when the crash came in the middle of the step (the
    records end, or the next one is the later resume's <ns>game_resumed); RestoreError on a mismatch."""
    covered = 0
    for offset, emission in enumerate(emitted):
        if start + offset >= len(records) or records[start + offset].kind == f"{namespace}game_resumed":
            break
        rec = records[start + offset]
        if not _same(rec, emission):
            raise RestoreError(f"{namespace.rstrip('.')}: event seq {rec.seq} ({rec.kind}) is not what this game's "
                               f"rules make of the events before it (expected {emission.kind} at t_ns "
                               f"{emission.t_ns})")
        covered += 1
    return covered


def replay(
    state: StateT,
    records: Sequence[EventRecord],
    namespace: str,
    apply: Callable[[StateT, EventRecord], Step[StateT]],
    at_boundary: Callable[[StateT], bool],
) -> Restored[StateT]:
    """The state at the last trial boundary the recorded events reach (see the module docstring).

    `state` is the game as its `new_game` made it from the same params and seed; `records` are the game's own
    events from its last `<ns>.game_started` (games.core.game_records). No events: `state` unchanged.
    """
    game = namespace.rstrip(".")
    if not records:
        return Restored(state)
    if records[0].kind != f"{namespace}game_started":
        raise RestoreError(f"{game}: event seq {records[0].seq} ({records[0].kind}) does not start a game")
    current, boundary, begun, i = state, state, False, 0
    while i < len(records):
        rec = records[i]
        if rec.kind == f"{namespace}game_resumed":  # a trial cut by that crash is still the one to play again
            current, i = boundary, i + 1
            continue
        try:
            current, emitted = apply(current, rec)
        except (GameRuleError, KeyError, TypeError, ValueError) as exc:
            raise RestoreError(f"{game}: event seq {rec.seq} ({rec.kind}) cannot be replayed: {exc}") from None
        covered = _check(records, i, emitted, namespace)
        i += max(1, covered)
        if covered == len(emitted) and at_boundary(current):
            boundary, begun = current, False
        else:  # within a trial, or a step the crash cut short: not a boundary
            begun = True
    last = max(r.t_ns for r in records)
    restored = dataclasses.replace(boundary, last_t_ns=max(last, boundary.last_t_ns))
    return Restored(restored, repeated=begun, events=len(records))
