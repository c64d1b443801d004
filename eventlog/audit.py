"""Checks beyond each chain: the append-only triggers, each `sessions` row against what its events state, and the
station-wide chain of signed checkpoints against the events and rows (docs/EVENTLOG.md, "Threats")."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventlog.canonical import GENESIS_HASH, utc_text
from eventlog.checkpoints import COLUMNS, Checkpoint, signature_valid, trusted_by
from eventlog.core_kinds import CLOSE_STATUS
from eventlog.errors import ChainBrokenError
from eventlog.migrations import APPEND_ONLY_TABLES, append_only_triggers
from eventlog.privacy_schema import PRIVACY_APPEND_ONLY_TABLES, TOMBSTONE_DELETE_TRIGGER
from eventlog.rows import HEX64, Row, strict_payload
from eventlog.store import SessionRow

__all__ = ["CheckpointAudit", "check_checkpoints", "check_session_checkpoints", "check_session_row", "check_triggers"]

OPEN_STATUSES = ("open", "interrupted")
CLOSED_STATUSES = tuple(sorted(set(CLOSE_STATUS.values())))
OPENED_FIELDS = ("purpose", "participant", "battery", "app_version", "platform", "time_zone", "anchor_wall_utc")


def _normal(sql: str) -> str:
    return " ".join(sql.split())


def check_triggers(conn: sqlite3.Connection) -> list[str]:
    """Each append-only table must carry its two refusing triggers, exactly as the migrations made them (the events'
    delete trigger either refuses everything or lets only a tombstoned session go: eventlog.privacy_schema)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found = {name: _normal(sql or "") for name, sql in
             conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    problems = []
    for table in (*APPEND_ONLY_TABLES, *PRIVACY_APPEND_ONLY_TABLES):
        if table not in tables:
            continue
        for expected in append_only_triggers(table):
            name = expected.split()[2]
            allowed = {_normal(expected)}
            if name == "events_refuse_delete" and "tombstones" in tables:
                allowed.add(_normal(TOMBSTONE_DELETE_TRIGGER))
            if name not in found:
                problems.append(f"trigger {name} is missing: {table} are no longer append-only")
            elif found[name] not in allowed:
                problems.append(f"trigger {name} was replaced: {found[name][:80]}")
    return problems


def _opened_problem(row: SessionRow, payload: dict[str, Any]) -> str | None:
    for name in OPENED_FIELDS:
        if getattr(row, name) != payload.get(name):
            return f"sessions row says {name} {getattr(row, name)!r} but session.opened says {payload.get(name)!r}"
    if not isinstance(row.anchor_wall_ns, int) or utc_text(row.anchor_wall_ns) != row.anchor_wall_utc:
        return f"sessions row's anchor_wall_ns {row.anchor_wall_ns!r} is not the time anchor_wall_utc states"
    return None


def _closed_problem(row: SessionRow, payload: dict[str, Any], count: int) -> str | None:
    status = CLOSE_STATUS.get(str(payload.get("reason")))
    if status is None:
        return f"session.closed has an unknown reason {payload.get('reason')!r}"
    if row.status != status:
        return f"sessions row says status {row.status!r} but session.closed says {payload.get('reason')!r}"
    if payload.get("event_count") != count:
        return f"session.closed says {payload.get('event_count')!r} events but the chain has {count}"
    if row.closed_utc is None or row.event_count is None or row.chain_head is None:
        return "session.closed is the last event but the sessions row has no closed_utc, event_count or chain_head"
    return None


def _open_problem(row: SessionRow) -> str | None:
    if row.status not in OPEN_STATUSES:
        return f"sessions row says status {row.status!r} but no session.closed ends the events"
    if row.closed_utc is not None or row.event_count is not None or row.chain_head is not None:
        return ("sessions row states a close (closed_utc, event_count or chain_head) but no session.closed ends the "
                "events")
    return None


def check_session_row(row: SessionRow, first: Row | None, last: Row | None, count: int) -> None:
    """Every `sessions` column the events also state must agree with them: purpose, participant, battery, app
    version, platform, time zone and anchor (session.opened), status and the close (session.closed)."""
    if first is None or last is None:
        raise ChainBrokenError(row.id, 0, "the session has no events: session.opened is missing")
    if first[3] != "session.opened":
        raise ChainBrokenError(row.id, 0, f"the first event is {first[3]!r}, not session.opened")
    problem = _opened_problem(row, strict_payload(row.id, 0, first[6]))
    if problem is None and last[3] == "session.closed":
        problem = _closed_problem(row, strict_payload(row.id, last[1], last[6]), count)
    elif problem is None:
        problem = _open_problem(row)
    if problem is not None:
        raise ChainBrokenError(row.id, 0 if "session.opened" in problem else last[1], problem)


@dataclass
class CheckpointAudit:
    """What checking the signed checkpoints found."""

    count: int = 0
    problems: list[str] = field(default_factory=list)
    broken: list[ChainBrokenError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _typed(raw: tuple[Any, ...]) -> Checkpoint | str:
    """A checkpoint row with every field of its type, or why not."""
    cp = Checkpoint(*raw[: len(COLUMNS)])
    if type(cp.n) is not int or type(cp.seq) is not int:
        return "field 'n' or 'seq' is not an integer"
    texts = (cp.prev, cp.session_id, cp.head, cp.reason, cp.signed_utc, cp.public_key, cp.signature)
    if not all(isinstance(value, str) for value in texts):
        return "a text field holds another type"
    if not HEX64.fullmatch(cp.head) or not HEX64.fullmatch(cp.prev):
        return "field 'head' or 'prev' is not 64 hex digits"
    return cp


def _link_problem(cp: Checkpoint, expected_n: int, prev: str) -> str | None:
    if cp.n != expected_n:
        return f"checkpoint {expected_n} is missing (found {cp.n} next): signed checkpoints were deleted"
    if cp.prev != prev:
        return f"checkpoint {cp.n} does not follow checkpoint {cp.n - 1} (its prev digest differs): rewritten"
    return None


def _signer_problem(cp: Checkpoint, trusted: Collection[bytes]) -> str | None:
    if not trusted_by(cp, trusted):
        return f"checkpoint {cp.n} is signed by key {cp.public_key[:16]}…, which is not one of the station's keys"
    if not signature_valid(cp):
        return f"checkpoint {cp.n}: the signature does not verify (edited)"
    return None


def _event_problem(cp: Checkpoint, event_hash: object, event_kind: object) -> str | None:
    if event_hash is None:
        return f"event {cp.seq} is missing, but signed checkpoint {cp.n} covers it (deleted)"
    if event_hash != cp.head:
        return f"event {cp.seq}'s hash differs from the one signed in checkpoint {cp.n} (the session was rewritten)"
    if cp.reason == "close" and event_kind != "session.closed":
        return f"signed checkpoint {cp.n} closed the session at event {cp.seq}, which is not session.closed"
    return None


def _row_problem(cp: Checkpoint, row: SessionRow | None) -> str | None:
    if row is None:
        return f"signed checkpoint {cp.n} names this session, which has no sessions row (deleted)"
    if cp.status not in CLOSED_STATUSES:
        return None  # a trial checkpoint, or a session adopted while open: nothing about its row is signed
    signed = (cp.status, cp.closed_utc, cp.seq + 1, cp.head)
    stored = (row.status, row.closed_utc, row.event_count, row.chain_head)
    for name, want, have in zip(("status", "closed_utc", "event_count", "chain_head"), signed, stored, strict=True):
        if want != have:
            return f"sessions row says {name} {have!r} but signed checkpoint {cp.n} says {want!r}"
    return None


def _tombstone_problem(cp: Checkpoint, count: int, head: str) -> str | None:
    """An erased session's signed checkpoint against its tombstone: the tombstone must account for every signed
    event, and a signed close must be exactly the tombstone's last event."""
    if cp.seq >= count:
        return f"signed checkpoint {cp.n} covers event {cp.seq}, but the tombstone accounts for only {count} events"
    if cp.reason == "close" and (cp.seq + 1 != count or cp.head != head):
        return f"signed checkpoint {cp.n} closed the session at a head the tombstone does not state (rewritten)"
    return None


QUERY = (f"SELECT {', '.join('c.' + c for c in COLUMNS)}, e.hash, e.kind FROM checkpoints c "
         "LEFT JOIN events e ON e.session_id = c.session_id AND e.seq = c.seq ORDER BY c.n")


def check_checkpoints(conn: sqlite3.Connection, sessions: Sequence[SessionRow],
                      trusted: Collection[bytes], erased: Mapping[str, tuple[int, str]] | None = None
                      ) -> CheckpointAudit:
    """The checkpoint chain (numbers, links, trusted keys, signatures), each checkpoint against its event and
    the session row, and every closed session must have a signed close. The checkpoints of an `erased` session
    (a signed tombstone accounts for its events: session id -> its event count and chain head) still link the
    chain and must agree with the tombstone, but name no event or row any more."""
    audit = CheckpointAudit()
    rows = {row.id: row for row in sessions}
    closed_signed: set[str] = set()
    prev, expected = GENESIS_HASH, 1
    for raw in conn.execute(QUERY):
        cp = _typed(raw)
        if isinstance(cp, str):
            audit.problems.append(f"checkpoint {raw[0]!r}: {cp}")
            expected += 1
            continue
        audit.count += 1
        link, signer = _link_problem(cp, expected, prev), _signer_problem(cp, trusted)
        audit.problems.extend(problem for problem in (link, signer) if problem is not None)
        prev, expected = cp.digest(), cp.n + 1
        if signer is None and erased and cp.session_id in erased:
            problem = _tombstone_problem(cp, *erased[cp.session_id])
            audit.broken.extend([ChainBrokenError(cp.session_id, cp.seq, problem)] if problem else [])
            continue  # the events are gone on purpose; the tombstone states what they were
        if signer is not None:
            continue  # a claim no trusted key signed says nothing about the session
        problem = _event_problem(cp, raw[-2], raw[-1]) or _row_problem(cp, rows.get(cp.session_id))
        if problem is not None:
            audit.broken.append(ChainBrokenError(cp.session_id, cp.seq, problem))
        if cp.status in CLOSED_STATUSES:
            closed_signed.add(cp.session_id)
    _unsigned_sessions(audit, sessions, closed_signed, conn)
    return audit


def _unsigned_sessions(audit: CheckpointAudit, sessions: Sequence[SessionRow], closed_signed: set[str],
                       conn: sqlite3.Connection) -> None:
    covered = {row[0] for row in conn.execute("SELECT DISTINCT session_id FROM checkpoints")}
    for row in sessions:
        if row.status in CLOSED_STATUSES and row.id not in closed_signed:
            last = (row.event_count or 1) - 1
            audit.broken.append(ChainBrokenError(row.id, last, f"sessions row says {row.status!r}, but no signed "
                                                 "checkpoint closed it (added or rewritten by hand)"))
        elif row.status in OPEN_STATUSES and row.id not in covered:
            audit.notes.append(f"session {row.id} ({row.status}) has no signed checkpoint yet: its events are "
                               "protected by the chain alone")


def check_session_checkpoints(conn: sqlite3.Connection, row: SessionRow, trusted: Collection[bytes]) -> None:
    """One session's own checkpoints (what export checks before signing a bundle): each signed by a trusted key,
    matching its event and the session row. ChainBrokenError at the first that does not. The station-wide chain
    and sessions with no checkpoint at all are verify-log's business."""
    query = QUERY.replace("ORDER BY c.n", "WHERE c.session_id = ? ORDER BY c.n")
    for raw in conn.execute(query, (row.id,)):
        cp = _typed(raw)
        problem = cp if isinstance(cp, str) else (
            _signer_problem(cp, trusted) or _event_problem(cp, raw[-2], raw[-1]) or _row_problem(cp, row))
        if problem is not None:
            raise ChainBrokenError(row.id, raw[3] if isinstance(raw[3], int) else -1, problem)
