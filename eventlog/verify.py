"""Verification of hash chains and database integrity: finds the first broken event.

`verify_store` is what `hiremate verify-log` runs: SQLite's integrity check, the append-only triggers, every
session's chain (each stored field typed first), every `sessions` column the events also state, and, given the
station's trusted public keys, the signed checkpoints (eventlog.audit).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any, cast

from eventlog.audit import check_checkpoints, check_session_row, check_triggers
from eventlog.canonical import GENESIS_HASH, _json_string, canonical_json, chain_hash, event_bytes
from eventlog.errors import ChainBrokenError, StoreError
from eventlog.pages import with_damaged_page
from eventlog.records import EventRecord
from eventlog.rows import Row, check_row, strict_payload
from eventlog.store import SessionRow, Store
from eventlog.tombstones import valid_tombstones

__all__ = ["VerifyReport", "verify_chain", "verify_rows", "verify_session", "verify_store"]


def verify_chain(
    session_id: str, records: Iterable[EventRecord], head: str | None = None, count: int | None = None
) -> int:
    """Check seq, links and hashes of records; with a recorded head and count, check the tail too."""
    rows = (
        (r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, canonical_json(r.payload), r.prev_hash, r.hash)
        for r in records
    )
    return verify_rows(session_id, rows, head, count)


@dataclass
class ChainWalk:
    """What walking a session's rows found: how many verified, and the first and last row."""

    count: int = 0
    first: Row | None = None
    last: Row | None = None


def _walk(session_id: str, rows: Iterable[tuple[Any, ...]], strict: bool) -> ChainWalk:
    walk = ChainWalk()
    prev = GENESIS_HASH
    sid_json = _json_string(session_id)
    for position, raw in enumerate(rows):
        digest = _fast_link(session_id, sid_json, position, raw, prev, strict)
        if digest is None:  # something is wrong: the checks one by one name it
            digest = _checked_link(session_id, position, raw, prev, strict)
        prev = digest
        walk.first = walk.first or cast(Row, raw)
        walk.last = cast(Row, raw)
        walk.count += 1
    return walk


def _fast_link(session_id: str, sid_json: str, position: int, raw: tuple[Any, ...], prev: str,
               strict: bool) -> str | None:
    """The row's hash when the row is well typed and links and hashes correctly; None when anything is off. A
    prev_hash equal to the checked previous hash, and a hash equal to the one recomputed here, are 64 lowercase
    hex digits without a pattern match."""
    if len(raw) != 9:
        return None
    sid, seq, t_ns, kind, game, trial, payload_json, prev_hash, digest = raw
    if not (sid == session_id and type(sid) is str and type(seq) is int and seq == position and type(t_ns) is int
            and t_ns >= 0 and type(kind) is str and type(payload_json) is str and prev_hash == prev
            and (game is None or type(game) is str) and (trial is None or type(trial) is int)):
        return None
    if strict and canonical_json(strict_payload(session_id, seq, payload_json)) != payload_json:
        return None
    trial_json = "null" if trial is None else str(trial)
    canonical = (f'{{"game":{_json_string(game)},"kind":{_json_string(kind)},"payload":{payload_json},"seq":{seq:d},'
                 f'"session":{sid_json},"t_ns":{t_ns:d},"trial":{trial_json}}}')
    computed = sha256((prev + canonical).encode()).hexdigest()
    return digest if computed == digest else None


def _checked_link(session_id: str, position: int, raw: tuple[Any, ...], prev: str, strict: bool) -> str:
    """One row checked step by step, raising ChainBrokenError that names the first thing wrong."""
    row = check_row(session_id, position, raw)
    sid, seq, t_ns, kind, game, trial, payload_json, prev_hash, digest = row
    if sid != session_id:
        raise ChainBrokenError(session_id, seq, f"belongs to session {sid}")
    if seq != position:
        raise ChainBrokenError(session_id, position, f"missing or moved: found seq {seq} in its place")
    if prev_hash != prev:
        raise ChainBrokenError(session_id, seq, "prev_hash does not match the previous event's hash")
    if strict and canonical_json(strict_payload(session_id, seq, payload_json)) != payload_json:
        raise ChainBrokenError(session_id, seq, "field 'payload' is not in canonical form (rewritten by hand)")
    if chain_hash(prev, event_bytes(sid, seq, t_ns, kind, game, trial, payload_json)) != digest:
        raise ChainBrokenError(session_id, seq, "content does not match its hash (edited)")
    return digest


def _check_tail(session_id: str, walk: ChainWalk, head: str | None, count: int | None) -> None:
    if count is not None and walk.count != count:
        raise ChainBrokenError(session_id, walk.count,
                               f"session closed with {count} events but {walk.count} are present")
    last_hash = walk.last[8] if walk.last else GENESIS_HASH
    if head is not None and last_hash != head:
        raise ChainBrokenError(session_id, walk.count - 1, "last event's hash is not the recorded chain head")


def verify_rows(session_id: str, rows: Iterable[tuple[Any, ...]], head: str | None = None, count: int | None = None,
                strict: bool = False) -> int:
    """Like verify_chain over raw `events` rows whose payload is the stored canonical JSON text. Every field's type
    is checked first; `strict` also parses each payload (strict JSON, canonical spelling)."""
    walk = _walk(session_id, rows, strict)
    _check_tail(session_id, walk, head, count)
    return walk.count


def verify_session(store: Store, row: SessionRow) -> int:
    """One session as verify-log checks it: typed rows, strict payloads, the chain, the recorded head and count,
    and the session row against what its events state. ChainBrokenError (or StoreError) at the first problem."""
    walk = _walk(row.id, store.iter_rows(row.id), strict=True)
    _check_tail(row.id, walk, row.chain_head, row.event_count)
    check_session_row(row, walk.first, walk.last, walk.count)
    return walk.count


@dataclass
class VerifyReport:
    """What verify_store found: session problems in `broken`, station-wide ones (triggers, checkpoints) in
    `problems`, and notes that are not failures (sessions no checkpoint covers yet)."""

    sessions: int = 0
    events: int = 0
    integrity: str = "ok"
    broken: list[ChainBrokenError] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checkpoints: int | None = None
    erased: int = 0

    @property
    def ok(self) -> bool:
        """True only when the database is intact, every chain and row verifies and nothing station-wide failed."""
        return self.integrity == "ok" and not self.broken and not self.problems


def _integrity(store: Store) -> str:
    try:
        text = "; ".join(str(r[0]) for r in store.conn.execute("PRAGMA integrity_check"))
    except sqlite3.DatabaseError as exc:
        text = str(exc)
    return text if text == "ok" else with_damaged_page(store.path, text)


def verify_store(store: Store, trusted_keys: Collection[bytes] | None = None) -> VerifyReport:
    """Run PRAGMA integrity_check, check the append-only triggers, recompute every session's chain and check its
    row; with `trusted_keys` (raw Ed25519 public keys) also check every signed checkpoint against the events."""
    report = VerifyReport()
    report.integrity = _integrity(store)
    try:
        _verify_tables(store, report, trusted_keys)
    except (sqlite3.DatabaseError, StoreError) as exc:
        report.problems.append(f"the database cannot be read: {exc}")
    return report


def _verify_tables(store: Store, report: VerifyReport, trusted_keys: Collection[bytes] | None) -> None:
    report.problems.extend(check_triggers(store.conn))
    sessions = store.sessions()
    for row in sessions:
        report.sessions += 1
        try:
            report.events += verify_session(store, row)
        except ChainBrokenError as exc:
            report.broken.append(exc)
        except StoreError as exc:
            report.broken.append(ChainBrokenError(row.id, -1, str(exc).removeprefix(f"session {row.id}: ")))
    known = {row.id for row in sessions}
    for (sid,) in store.conn.execute("SELECT DISTINCT session_id FROM events").fetchall():
        if sid not in known:
            report.broken.append(ChainBrokenError(str(sid), 0, "events of a session that has no session row"))
    erased, forged = valid_tombstones(store.conn, trusted_keys)
    report.erased = len(erased)
    report.problems.extend(forged)
    for sid in sorted(erased.keys() & known):
        report.broken.append(ChainBrokenError(sid, 0, "a tombstone says this session was erased, but its row is here"))
    if erased:
        report.notes.append(f"{len(erased)} session(s) erased under a signed tombstone (hiremate privacy tombstones)")
    if trusted_keys is not None:
        if not store.schema_has("checkpoints"):
            report.problems.append("no checkpoints table: the database was written by an older app; open it with "
                                   "the station once (it upgrades and signs what is there), then verify again")
            return
        audit = check_checkpoints(store.conn, sessions, trusted_keys, erased)
        report.checkpoints = audit.count
        report.problems.extend(audit.problems)
        report.broken.extend(audit.broken)
        report.notes.extend(audit.notes)
