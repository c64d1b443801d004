"""Erasure that the append-only log can honour (no Qt): a signed tombstone first, then the session's rows.

One transaction per request: for each session a tombstone (session id, pseudonym, event count, chain head,
reason, time, the copies already exported, the station key's signature) is appended; only then does the events
table's delete trigger let that session's events go (eventlog.privacy_schema). Results, outbox entries, progress,
access codes, the sessions row and the participant's personal row go with them, and an `erase` row in the
privacy audit table records counts and ids. In the same transaction a signed erasure request for the receiver
is queued (sync.erasure_outbox), which the sync pass sends like a bundle. Bundle files of the outbox are removed
after the commit. Signed checkpoints stay (they are a chain: removing one would break every later one); they
hold no personal data.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlog import Store
from eventlog.checkpoints import Signer
from eventlog.tombstones import Tombstone, tombstones, write_tombstone
from i18n import _s
from kiosk.services.privacy import exported_copies, record
from sync.erasure_outbox import queue_request
from sync.erasure_protocol import MAX_REASON

__all__ = [
    "ErasureError", "ErasureOutcome", "erase_in_transaction", "erase_participant", "erase_sessions", "remove_files",
]

SESSION_TABLES = ("events", "results", "outbox", "session_progress")


class ErasureError(Exception):
    """An erasure that cannot be done as asked (unknown pseudonym or session, a session still being recorded)."""


@dataclass
class ErasureOutcome:
    """What an erasure did: the tombstones written, rows removed per table, copies it could not reach."""

    tombstones: list[Tombstone] = field(default_factory=list)
    removed: dict[str, int] = field(default_factory=dict)
    already_erased: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {"tombstones": [stone.as_dict() for stone in self.tombstones], "removed": self.removed,
                "already_erased": self.already_erased, "receiver_requests": self.requests}

    def count(self, table: str, n: int) -> None:
        """Add n removed rows of a table."""
        self.removed[table] = self.removed.get(table, 0) + n


def _alive(pid: int | None) -> bool:
    if not pid or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _refuse_live(store: Store, session_id: str, status: str) -> None:
    if status != "open":
        return
    row = store.conn.execute("SELECT owner_pid FROM session_progress WHERE session_id = ?", (session_id,)).fetchone()
    if row is not None and _alive(row[0]):
        raise ErasureError(_s("session {session} is being recorded now (process {pid}); end it at the station "
                              "first, then erase it").format(session=session_id, pid=row[0]))


def _chain_end(store: Store, session_id: str) -> tuple[int, str]:
    count, = store.conn.execute("SELECT count(*) FROM events WHERE session_id = ?", (session_id,)).fetchone()
    head = store.conn.execute("SELECT hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
                              (session_id,)).fetchone()
    return int(count), str(head[0]) if head else ""


def _erase_one(store: Store, signer: Signer, session_id: str, reason: str, actor: str,
               outcome: ErasureOutcome) -> str:
    row = store.session(session_id)
    if row is None:
        raise ErasureError(_s("session {session} is not held at this station").format(session=session_id))
    _refuse_live(store, session_id, row.status)
    count, head = _chain_end(store, session_id)
    exported = exported_copies(store, session_id)
    stone = write_tombstone(store.conn, signer, session_id, row.participant, count, head, reason, exported)
    outcome.tombstones.append(stone)
    outcome.requests.append(queue_request(store.conn, signer, session_id, row.participant, reason).request_id)
    outcome.files.extend(store.path.parent / p for (p,) in store.conn.execute(  # relative to the data directory
        "SELECT bundle_path FROM outbox WHERE session_id = ?", (session_id,)))
    for table in SESSION_TABLES:
        outcome.count(table, store.conn.execute(f"DELETE FROM {table} WHERE session_id = ?", (session_id,)).rowcount)
    outcome.count("access_codes", store.conn.execute(
        "DELETE FROM access_codes WHERE session_id = ?", (session_id,)).rowcount)
    outcome.count("sessions", store.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount)
    record(store, "erase", actor, row.participant, {
        "session_id": session_id, "events": count, "chain_head": head, "reason": reason,
        "exported_copies_not_recalled": exported, "tombstone_signature": stone.signature[:32]})
    return row.participant


def _erase_person(store: Store, participant: str, outcome: ErasureOutcome) -> None:
    outcome.count("people", store.conn.execute("DELETE FROM people WHERE participant = ?", (participant,)).rowcount)
    outcome.count("access_codes", store.conn.execute(
        "DELETE FROM access_codes WHERE participant = ?", (participant,)).rowcount)


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise ErasureError(_s("an erasure needs a reason (--reason TEXT), kept in its signed tombstone"))
    if len(reason.strip()) > MAX_REASON or "\x00" in reason:
        raise ErasureError(_s("the reason is {length} characters (or holds a NUL); give at most {most} characters: "
                              "it goes into the tombstone and the request to the receiver").format(
            length=len(reason.strip()), most=MAX_REASON))


def erase_in_transaction(store: Store, signer: Signer, session_ids: Sequence[str], reason: str,
                         actor: str) -> ErasureOutcome:
    """Erase these sessions inside the caller's transaction (a savepoint); their outbox files are left for the
    caller to remove after its commit (`remove_files`). A session already under a tombstone is skipped and named
    in `already_erased` (erasing twice is not an error)."""
    _check_reason(reason)
    outcome = ErasureOutcome()
    with store.atomic():
        done = {stone.session_id for stone in tombstones(store.conn)}
        for sid in dict.fromkeys(session_ids):
            if sid in done:
                outcome.already_erased.append(sid)
            else:
                _erase_one(store, signer, sid, reason.strip(), actor, outcome)
    return outcome


def erase_sessions(store: Store, signer: Signer, session_ids: Sequence[str], reason: str,
                   actor: str) -> ErasureOutcome:
    """Erase these sessions in one transaction, then remove their outbox bundle files."""
    outcome = erase_in_transaction(store, signer, session_ids, reason, actor)
    remove_files(outcome.files)
    return outcome


def erase_participant(store: Store, signer: Signer, participant: str, reason: str, actor: str,
                      withdrawal: bool = False) -> ErasureOutcome:
    """Erase every session of a pseudonym, its personal row and its access codes, in one transaction with the
    audit rows. A withdrawal of consent is the same erasure, recorded as `withdraw`."""
    _check_reason(reason)
    with store.atomic():
        sessions = [row[0] for row in store.conn.execute(
            "SELECT id FROM sessions WHERE participant = ? ORDER BY anchor_wall_ns", (participant,))]
        held = store.conn.execute(
            "SELECT (SELECT count(*) FROM people WHERE participant = ?) + "
            "(SELECT count(*) FROM access_codes WHERE participant = ?)", (participant, participant)).fetchone()[0]
        erased = [stone.session_id for stone in tombstones(store.conn) if stone.participant == participant]
        if not sessions and not held and not erased:
            raise ErasureError(_s("no participant {participant} at this station (give the pseudonym, e.g. "
                                  "P-1a2b3c4d)").format(participant=repr(participant)))
        outcome = erase_in_transaction(store, signer, sessions, reason, actor)
        outcome.already_erased.extend(erased)
        _erase_person(store, participant, outcome)
        record(store, "withdraw" if withdrawal else "erase.participant", actor, participant, {
            "sessions": sessions, "already_erased": erased, "removed": outcome.removed, "reason": reason.strip()})
    remove_files(outcome.files)
    return outcome


def remove_files(paths: Sequence[Path]) -> list[Path]:
    """Remove erased sessions' outbox bundle files (after the commit); return those that could not be removed."""
    left = []
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            left.append(path)
    return left
