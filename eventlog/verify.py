"""Verification of hash chains and database integrity: finds the first broken event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eventlog.canonical import GENESIS_HASH, canonical_json, chain_hash, event_bytes
from eventlog.errors import ChainBrokenError
from eventlog.records import EventRecord
from eventlog.store import SessionRow, Store

__all__ = ["VerifyReport", "verify_chain", "verify_rows", "verify_store"]


Row = tuple[str, int, int, str, str | None, int | None, str, str, str]


def verify_chain(
    session_id: str, records: Iterable[EventRecord], head: str | None = None, count: int | None = None
) -> int:
    """Check seq, links and hashes of records; with a recorded head and count, check the tail too."""
    rows = (
        (r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, canonical_json(r.payload), r.prev_hash, r.hash)
        for r in records
    )
    return verify_rows(session_id, rows, head, count)


def verify_rows(session_id: str, rows: Iterable[Row], head: str | None = None, count: int | None = None) -> int:
    """Like verify_chain over raw `events` rows whose payload is the stored canonical JSON text."""
    prev = GENESIS_HASH
    expected = 0
    for sid, seq, t_ns, kind, game, trial, payload_json, prev_hash, digest in rows:
        if sid != session_id:
            raise ChainBrokenError(session_id, seq, f"belongs to session {sid}")
        if seq != expected:
            raise ChainBrokenError(session_id, expected, f"missing or moved: found seq {seq} in its place")
        if prev_hash != prev:
            raise ChainBrokenError(session_id, seq, "prev_hash does not match the previous event's hash")
        if chain_hash(prev, event_bytes(sid, seq, t_ns, kind, game, trial, payload_json)) != digest:
            raise ChainBrokenError(session_id, seq, "content does not match its hash (edited)")
        prev = digest
        expected += 1
    if count is not None and expected != count:
        raise ChainBrokenError(session_id, expected, f"session closed with {count} events but {expected} are present")
    if head is not None and prev != head:
        raise ChainBrokenError(session_id, expected - 1, "last event's hash is not the recorded chain head")
    return expected


@dataclass
class VerifyReport:
    """What verify_store found."""

    sessions: int = 0
    events: int = 0
    integrity: str = "ok"
    broken: list[ChainBrokenError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True only when the database is intact and every chain verifies."""
        return self.integrity == "ok" and not self.broken


def _verify_row(store: Store, row: SessionRow) -> int:
    return verify_rows(row.id, store.iter_rows(row.id), row.chain_head, row.event_count)


def verify_store(store: Store) -> VerifyReport:
    """Run PRAGMA integrity_check and recompute every session's chain."""
    report = VerifyReport()
    report.integrity = "; ".join(r[0] for r in store.conn.execute("PRAGMA integrity_check"))
    known = {row.id for row in store.sessions()}
    orphans = [r[0] for r in store.conn.execute("SELECT DISTINCT session_id FROM events")]
    for sid in orphans:
        if sid not in known:
            report.broken.append(ChainBrokenError(sid, 0, "events of a session that has no session row"))
    for row in store.sessions():
        report.sessions += 1
        try:
            report.events += _verify_row(store, row)
        except ChainBrokenError as exc:
            report.broken.append(exc)
    return report
