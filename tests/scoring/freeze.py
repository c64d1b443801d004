"""Insert a station freeze (game_suspended .. game_resumed) into a scored stream, shifting what follows."""

from __future__ import annotations

from typing import Any

from eventlog.records import EventRecord
from tests.scoring.helpers import StreamBuilder


def _shifted(payload: dict[str, Any], at: int, by: int) -> dict[str, Any]:
    """Payload time stamps (fields ending in _t_ns) at or after `at` move by `by`, like the events."""
    return {k: v + by if k.endswith("_t_ns") and isinstance(v, int) and v >= at else v for k, v in payload.items()}


def with_freeze(records: list[EventRecord], after_seq: int, frozen_ns: int, reason: str = "proctor",
                gap_ns: int = 1_000_000) -> list[EventRecord]:
    """The same session with a freeze of `frozen_ns` starting `gap_ns` after event `after_seq`, re-chained.

    Every later event happens `frozen_ns + 2 * gap_ns` later, so the game's own timing is unchanged.
    """
    cut = records[after_seq].t_ns
    start, end = cut + gap_ns, cut + gap_ns + frozen_ns
    shift = frozen_ns + 2 * gap_ns
    b = StreamBuilder(records[0].session_id, records[0].payload["participant"])
    for rec in records[1:]:
        if rec.kind == "session.closed":
            b.add(rec.kind, rec.t_ns + shift, {**rec.payload, "event_count": len(b.records) + 1})
            continue
        b.add(rec.kind, rec.t_ns + shift if rec.seq > after_seq else rec.t_ns,
              _shifted(rec.payload, cut + 1, shift), rec.game, rec.trial)
        if rec.seq == after_seq:
            b.add("station.game_suspended", start, {"reason": reason})
            b.add("station.game_resumed", end, {"suspended_ns": frozen_ns})
    return b.records
