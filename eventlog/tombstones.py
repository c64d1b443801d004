"""Signed erasure tombstones: what the log keeps of a session whose events were erased (no event, no personal data).

A tombstone states the session id, the participant's pseudonym, the event count and chain head at erasure, the
reason, the time and the bundles already exported (which cannot be recalled), signed with the station key. It is
written before the session's events are deleted, in the same transaction; the events table's delete trigger
allows the deletion only then (eventlog.privacy_schema). verify-log counts a session with a valid tombstone as
erased-and-accounted-for; any other missing session or event is still reported.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from eventlog.canonical import canonical_json
from eventlog.checkpoints import Signer

__all__ = ["TOMBSTONE_FORMAT", "Tombstone", "tombstones", "valid_tombstones", "write_tombstone"]

TOMBSTONE_FORMAT = "hiremate-tombstone/1"
COLUMNS = ("session_id", "participant", "event_count", "chain_head", "reason", "erased_utc", "exported",
           "public_key", "signature")


@dataclass(frozen=True)
class Tombstone:
    """One row of the `tombstones` table; `exported` is a JSON list of the bundles that had left the station."""

    session_id: str
    participant: str
    event_count: int
    chain_head: str
    reason: str
    erased_utc: str
    exported: str
    public_key: str
    signature: str

    def message(self) -> bytes:
        """The exact bytes signed: canonical JSON of every field but the signature."""
        fields = {name: value for name, value in asdict(self).items() if name != "signature"}
        return canonical_json({"format": TOMBSTONE_FORMAT, **fields}).encode()

    def signed_by(self, trusted: Collection[bytes]) -> bool:
        """Whether a trusted key signed exactly this tombstone."""
        try:
            raw = bytes.fromhex(self.public_key)
            if raw not in trusted:
                return False
            Ed25519PublicKey.from_public_bytes(raw).verify(bytes.fromhex(self.signature), self.message())
        except (InvalidSignature, ValueError, TypeError):
            return False
        return True

    def as_dict(self) -> dict[str, object]:
        """Plain dict for JSON output (exported bundles as a list)."""
        return {**asdict(self), "exported": json.loads(self.exported)}


def write_tombstone(conn: sqlite3.Connection, signer: Signer, session_id: str, participant: str, event_count: int,
                    chain_head: str, reason: str, exported: Sequence[str]) -> Tombstone:
    """Sign and append one tombstone inside the caller's transaction."""
    unsigned = Tombstone(session_id, participant, event_count, chain_head, reason,
                         datetime.now(UTC).isoformat(timespec="microseconds"), json.dumps(sorted(exported)),
                         signer.public_raw.hex(), "")
    signed = Tombstone(**{**asdict(unsigned), "signature": signer.sign(unsigned.message()).hex()})
    conn.execute(f"INSERT INTO tombstones ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                 tuple(asdict(signed).values()))
    return signed


def tombstones(conn: sqlite3.Connection) -> list[Tombstone]:
    """Every tombstone, oldest first; none in a database without the table (written by an older app)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tombstones'").fetchone() is None:
        return []
    return [Tombstone(*row) for row in conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM tombstones ORDER BY erased_utc, session_id")]


def valid_tombstones(conn: sqlite3.Connection,
                     trusted: Collection[bytes] | None) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """The sessions erased under a tombstone a trusted key signed (id -> event count and chain head), and a problem
    line for each other tombstone. Without trusted keys (verify-log given none) every tombstone is taken as stated."""
    erased: dict[str, tuple[int, str]] = {}
    problems: list[str] = []
    for stone in tombstones(conn):
        if trusted is None or stone.signed_by(trusted):
            erased[stone.session_id] = (stone.event_count, stone.chain_head)
        else:
            problems.append(f"tombstone of session {stone.session_id} is not signed by one of the station's keys "
                            "(forged or edited)")
    return erased, problems
