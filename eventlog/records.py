"""The event record: one row of the append-only log, as read back or exported."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from eventlog.canonical import canonical_json, chain_hash, event_bytes

__all__ = ["EventRecord"]


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One logged event with its place in the session's hash chain."""

    session_id: str
    seq: int
    t_ns: int
    kind: str
    game: str | None
    trial: int | None
    payload: dict[str, Any] = field(hash=False)
    prev_hash: str
    hash: str

    def canonical_bytes(self) -> bytes:
        """The bytes this event's hash is computed over (with the previous hash)."""
        return event_bytes(
            self.session_id, self.seq, self.t_ns, self.kind, self.game, self.trial,
            canonical_json(self.payload),
        )

    def computed_hash(self) -> str:
        """Recompute this event's hash from its fields and prev_hash."""
        return chain_hash(self.prev_hash, self.canonical_bytes())

    def to_json(self) -> str:
        """One canonical JSON line, as written to events.jsonl in bundles and exports."""
        return canonical_json(self.as_dict())

    def as_dict(self) -> dict[str, Any]:
        """The record's fields as a plain dict."""
        return {
            "session_id": self.session_id, "seq": self.seq, "t_ns": self.t_ns,
            "kind": self.kind, "game": self.game, "trial": self.trial,
            "payload": self.payload, "prev_hash": self.prev_hash, "hash": self.hash,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> EventRecord:
        """Build a record from an `events` table row (payload stored as canonical JSON text)."""
        payload = row["payload"]
        return cls(
            session_id=row["session_id"], seq=row["seq"], t_ns=row["t_ns"], kind=row["kind"],
            game=row["game"], trial=row["trial"],
            payload=json.loads(payload) if isinstance(payload, str) else payload,
            prev_hash=row["prev_hash"], hash=row["hash"],
        )

    @classmethod
    def from_json(cls, line: str) -> EventRecord:
        """Parse one events.jsonl line."""
        return cls.from_row(json.loads(line))


_NEW = object.__new__
_SETTERS: tuple[Any, ...] = tuple(getattr(EventRecord, name).__set__ for name in (
    "session_id", "seq", "t_ns", "kind", "game", "trial", "payload", "prev_hash", "hash"))


def record_of(session_id: str, seq: int, t_ns: int, kind: str, game: str | None, trial: int | None,
              payload: dict[str, Any], prev_hash: str, digest: str) -> EventRecord:
    """EventRecord(...) of fields a reader has checked, filled slot by slot: the same frozen record, without the
    dataclass __init__'s nine object.__setattr__ calls (reading a session makes one per event)."""
    record: EventRecord = _NEW(EventRecord)
    s_session, s_seq, s_t, s_kind, s_game, s_trial, s_payload, s_prev, s_hash = _SETTERS
    s_session(record, session_id)
    s_seq(record, seq)
    s_t(record, t_ns)
    s_kind(record, kind)
    s_game(record, game)
    s_trial(record, trial)
    s_payload(record, payload)
    s_prev(record, prev_hash)
    s_hash(record, digest)
    return record


def records_of_columns(count: int, *columns: Iterable[Any]) -> list[EventRecord]:
    """EventRecords of checked fields given column by column (the nine fields in order, `count` values each):
    record_of's records, with each slot filled over all records in one C loop instead of one call per record."""
    records: list[EventRecord] = list(map(_NEW, repeat(EventRecord, count)))
    for setter, values in zip(_SETTERS, columns, strict=True):
        deque(map(setter, records, values), maxlen=0)
    return records
