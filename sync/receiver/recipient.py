"""The receiver's age identity: made on first use beside its database (mode 0600), its recipient key public.

Stations encrypt bundles to the recipient (`age1…`, served at GET /api/v1/recipient without a token); only this
identity decrypts them, here or with the stock `age -d -i <identity file>`. A throwaway ":memory:" receiver gets
an identity that lives as long as the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyrage import x25519

from sync.sealing import create_identity_file, load_identity_file, recipient_of, unseal

__all__ = ["IDENTITY_FILE", "ReceiverIdentity", "identity_for", "identity_path", "receiver_identity"]

IDENTITY_FILE = "receiver.age-identity.txt"


@dataclass(frozen=True)
class ReceiverIdentity:
    """The receiver's X25519 identity, where it is kept (None: in memory only) and its public recipient."""

    identity: x25519.Identity
    path: Path | None

    @property
    def recipient(self) -> str:
        """The public recipient key stations encrypt to (age1…)."""
        return recipient_of(self.identity)

    def unseal(self, data: bytes) -> bytes:
        """Decrypt an age file sent to this receiver (SealError when it is not for it, or is damaged)."""
        return unseal(data, self.identity)


def identity_path(db_path: Path | str) -> Path | None:
    """Where the identity of the receiver whose database is db_path is kept (None for ":memory:")."""
    return None if str(db_path) == ":memory:" else Path(db_path).parent / IDENTITY_FILE


def receiver_identity(db_path: Path | str) -> ReceiverIdentity:
    """The receiver's identity, generated into a 0600 file beside its database the first time."""
    path = identity_path(db_path)
    if path is None:
        return ReceiverIdentity(x25519.Identity.generate(), None)
    identity = load_identity_file(path) if path.exists() else create_identity_file(path)
    return ReceiverIdentity(identity, path)


def identity_for(storage: Any) -> ReceiverIdentity:
    """The identity kept in a storage's home folder (beside a SQLite file; given to PostgresStorage), else an
    in-memory one."""
    home = getattr(storage, "home", None)
    return receiver_identity(Path(home) / IDENTITY_FILE if home is not None else ":memory:")
