"""Signed checkpoints of session chain heads: one append-only, station-wide chain of Ed25519-signed records.

The `sessions` row that states a closed session's head and count is operational data anyone with the database
file can edit. A checkpoint is the station key's signature over (session, seq, head) at a trial boundary and at
close; the close checkpoint also states the session's status and closed time. Each checkpoint names the digest of
the one before it, so deleting a checkpoint (even after dropping the triggers that refuse it) breaks the chain
unless it was the newest. What checkpoints can and cannot catch is in docs/EVENTLOG.md ("Threats").

The signing key stays out of this package: the log is handed a `Signer` (anything with `public_raw` and
`sign(message)`; the station passes its sync.identity.StationIdentity). Verification needs only public keys.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from eventlog.canonical import GENESIS_HASH, canonical_json

__all__ = [
    "CHECKPOINT_FORMAT",
    "Checkpoint",
    "Signer",
    "checkpoints",
    "last_checkpoint",
    "signature_valid",
    "write_checkpoint",
]

CHECKPOINT_FORMAT = "hiremate-checkpoint/1"
REASONS = ("trial", "close", "adopted")
COLUMNS = ("n", "prev", "session_id", "seq", "head", "reason", "status", "closed_utc", "signed_utc", "public_key",
           "signature")


class Signer(Protocol):
    """What signs checkpoints: the station's Ed25519 key (raw 32-byte public key, raw 64-byte signatures)."""

    @property
    def public_raw(self) -> bytes:
        """The raw public key the signatures verify under."""
        ...

    def sign(self, message: bytes) -> bytes:
        """A raw Ed25519 signature over message."""
        ...


@dataclass(frozen=True)
class Checkpoint:
    """One row of the `checkpoints` table."""

    n: int
    prev: str
    session_id: str
    seq: int
    head: str
    reason: str
    status: str | None
    closed_utc: str | None
    signed_utc: str
    public_key: str
    signature: str

    def message(self) -> bytes:
        """The exact bytes signed: canonical JSON of every field but the signature."""
        fields = {name: value for name, value in asdict(self).items() if name != "signature"}
        return canonical_json({"format": CHECKPOINT_FORMAT, **fields}).encode()

    def digest(self) -> str:
        """SHA-256 of the signed message: what the next checkpoint names as `prev`."""
        return hashlib.sha256(self.message()).hexdigest()


def signature_valid(checkpoint: Checkpoint) -> bool:
    """Whether the checkpoint's signature verifies under the public key it names."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(checkpoint.public_key))
        key.verify(bytes.fromhex(checkpoint.signature), checkpoint.message())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def trusted_by(checkpoint: Checkpoint, trusted: Collection[bytes]) -> bool:
    """Whether the checkpoint names one of the trusted keys (its signature is checked separately)."""
    try:
        return bytes.fromhex(checkpoint.public_key) in trusted
    except (ValueError, TypeError):
        return False


def _from_row(row: tuple[object, ...]) -> Checkpoint:
    return Checkpoint(*row)  # type: ignore[arg-type]  # typed by the verifier, which refuses odd values


def checkpoints(conn: sqlite3.Connection) -> Iterator[Checkpoint]:
    """Every checkpoint in chain order."""
    for row in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM checkpoints ORDER BY n"):
        yield _from_row(row)


def last_checkpoint(conn: sqlite3.Connection) -> Checkpoint | None:
    """The newest checkpoint, or None."""
    row = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM checkpoints ORDER BY n DESC LIMIT 1").fetchone()
    return _from_row(row) if row else None


def write_checkpoint(
    conn: sqlite3.Connection, signer: Signer, session_id: str, seq: int, head: str, reason: str,
    status: str | None = None, closed_utc: str | None = None,
) -> Checkpoint:
    """Sign and append one checkpoint, inside the caller's transaction (which holds the write lock, so two
    processes never take the same number)."""
    if reason not in REASONS:
        raise ValueError(f"checkpoint reason {reason!r} is not one of {REASONS}")
    last = last_checkpoint(conn)
    unsigned = Checkpoint(
        n=1 if last is None else last.n + 1, prev=GENESIS_HASH if last is None else last.digest(),
        session_id=session_id, seq=seq, head=head, reason=reason, status=status, closed_utc=closed_utc,
        signed_utc=datetime.now(UTC).isoformat(timespec="microseconds"), public_key=signer.public_raw.hex(),
        signature="",
    )
    signed = Checkpoint(**{**asdict(unsigned), "signature": signer.sign(unsigned.message()).hex()})
    conn.execute(f"INSERT INTO checkpoints ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                 tuple(asdict(signed).values()))
    return signed
