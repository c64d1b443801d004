"""Turn rules emissions into recorded events (no database), for the restore tests."""

from __future__ import annotations

from collections.abc import Sequence

from eventlog.records import EventRecord
from games.core import Emission


def as_records(game: str, emissions: Sequence[Emission], session_id: str = "s-rules") -> list[EventRecord]:
    """The emissions as the log would hold them: seq from 1, payloads as JSON dicts."""
    return [EventRecord(session_id, seq, e.t_ns, e.kind, game, e.trial, e.payload.model_dump(mode="json"), "", "")
            for seq, e in enumerate(emissions, start=1)]
