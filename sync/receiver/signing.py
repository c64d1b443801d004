"""The receiver's receipt-signing key: Ed25519, made on first use beside its database (mode 0600).

It signs erasure receipts (sync/erasure_protocol.py), so a station and a data-protection officer can show that
this receiver said what it erased. A throwaway receiver without a home folder keeps one in memory. Several
receiver processes starting at once agree on one key: the file is created exclusively and the losers read it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.identity import fingerprint_of

__all__ = ["SIGNING_KEY_FILE", "ReceiverSigner", "SigningKeyError", "signer_for", "signing_key_at"]

SIGNING_KEY_FILE = "receiver.signing-key.pem"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class SigningKeyError(Exception):
    """The receiver's signing key cannot be made or read; the message names the file."""


@dataclass(frozen=True)
class ReceiverSigner:
    """The receiver's Ed25519 key and where it is kept (None: in memory only)."""

    private_key: Ed25519PrivateKey
    path: Path | None

    @property
    def public_raw(self) -> bytes:
        """The raw 32-byte public key receipts name."""
        return self.private_key.public_key().public_bytes(*_RAW)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the public key in hex groups (to compare by eye with what a station pinned)."""
        return fingerprint_of(self.public_raw)

    def sign(self, message: bytes) -> bytes:
        """A raw 64-byte Ed25519 signature."""
        return self.private_key.sign(message)


def _create(path: Path) -> Ed25519PrivateKey | None:
    """A new key written exclusively to path; None if another process wrote one first."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temp, path)  # never replaces a key another process made meanwhile
    except FileExistsError:
        return None
    except OSError as exc:
        raise SigningKeyError(f"{path}: cannot create the receiver's signing key ({exc.strerror or exc})") from None
    finally:
        temp.unlink(missing_ok=True)
    return key


def _load(path: Path) -> Ed25519PrivateKey:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise SigningKeyError(f"{path}: the receiver's signing key is readable by others; run `chmod 600 {path}`")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(f"{path}: not a readable private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path}: not an Ed25519 private key")
    return key


def signing_key_at(home: Path | None) -> ReceiverSigner:
    """The signing key kept in the folder `home` (made there the first time); in memory when home is None."""
    if home is None:
        return ReceiverSigner(Ed25519PrivateKey.generate(), None)
    path = Path(home) / SIGNING_KEY_FILE
    key = None if path.exists() else _create(path)
    return ReceiverSigner(key or _load(path), path)


def signer_for(storage: Any) -> ReceiverSigner:
    """The signing key of a storage's home folder (beside a SQLite file; given to PostgresStorage)."""
    home = getattr(storage, "home", None)
    return signing_key_at(Path(home) if home is not None else None)
