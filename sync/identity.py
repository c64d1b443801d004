"""The station's Ed25519 identity: key files under the data dir, loading, signing and fingerprints."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.errors import IdentityError

__all__ = [
    "KEY_DIR",
    "PRIVATE_KEY_FILE",
    "PUBLIC_KEY_FILE",
    "StationIdentity",
    "fingerprint",
    "fingerprint_of",
    "init_identity_step",
    "load_or_create_identity",
    "parse_public_key",
    "public_key_pem",
    "verify_signature",
]

KEY_DIR = "keys"
PRIVATE_KEY_FILE = "station.key.pem"
PUBLIC_KEY_FILE = "station.pub.pem"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


@dataclass(frozen=True)
class StationIdentity:
    """The station id and name (from the station table) with its key pair."""

    station_id: str
    name: str
    private_key: Ed25519PrivateKey
    public_raw: bytes
    data_dir: Path

    @property
    def public_hex(self) -> str:
        """The raw 32-byte public key as lowercase hex (as written into manifests)."""
        return self.public_raw.hex()

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the raw public key in hex groups."""
        return fingerprint_of(self.public_raw)

    def sign(self, message: bytes) -> bytes:
        """A raw 64-byte Ed25519 signature over message."""
        return self.private_key.sign(message)


def fingerprint_of(public_raw: bytes) -> str:
    """SHA-256 of a raw public key as 16 groups of 4 hex digits."""
    digest = hashlib.sha256(public_raw).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def key_paths(data_dir: Path | str) -> tuple[Path, Path]:
    """Paths of the private and public key files inside a data dir."""
    directory = Path(data_dir) / KEY_DIR
    return directory / PRIVATE_KEY_FILE, directory / PUBLIC_KEY_FILE


def public_key_pem(public_raw: bytes) -> bytes:
    """A SubjectPublicKeyInfo PEM of a raw Ed25519 public key (what `openssl pkeyutl -pubin` reads)."""
    key = Ed25519PublicKey.from_public_bytes(public_raw)
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def parse_public_key(text: str | bytes, where: str = "public key") -> bytes:
    """Raw 32 bytes from a PEM public key or 64 hex digits; IdentityError naming `where` otherwise."""
    data = text.encode() if isinstance(text, str) else text
    stripped = data.strip()
    if stripped.startswith(b"-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(stripped)
        except ValueError as exc:
            raise IdentityError(f"{where}: not a readable PEM public key ({exc})") from None
        if not isinstance(key, Ed25519PublicKey):
            raise IdentityError(f"{where}: not an Ed25519 public key")
        return key.public_bytes(*_RAW)
    try:
        raw = bytes.fromhex(stripped.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise IdentityError(f"{where}: expected a PEM public key or 64 hex digits") from None
    if len(raw) != 32:
        raise IdentityError(f"{where}: an Ed25519 public key is 32 bytes, got {len(raw)}")
    return raw


def verify_signature(public_raw: bytes, signature: bytes, message: bytes) -> bool:
    """Whether signature is a valid raw Ed25519 signature of message under the raw public key."""
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def _write_private(path: Path, pem: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())


def create_keys(data_dir: Path | str) -> bool:
    """Make the key pair if the private key file is absent; return whether one was made."""
    private_path, public_path = key_paths(data_dir)
    if private_path.exists():
        return False
    try:
        private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _write_private(private_path, pem)
        public_path.write_bytes(public_key_pem(key.public_key().public_bytes(*_RAW)))
    except OSError as exc:
        raise IdentityError(f"cannot create station keys in {private_path.parent}: {exc}") from exc
    return True


def _check_mode(path: Path) -> None:
    if os.name != "posix":
        return
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise IdentityError(
            f"{path}: private key is readable by others (mode {mode:o}); run `chmod 600 {path}`"
        )


def load_private_key(data_dir: Path | str) -> Ed25519PrivateKey:
    """Read the station's private key, refusing one that others can read."""
    private_path, _ = key_paths(data_dir)
    if not private_path.exists():
        raise IdentityError(f"{private_path}: no station key; run `hiremate init` first")
    _check_mode(private_path)
    try:
        key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise IdentityError(f"{private_path}: not a readable private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise IdentityError(f"{private_path}: not an Ed25519 private key")
    return key


def _station_row(data_dir: Path) -> dict[str, Any]:
    from eventlog.store import DB_FILENAME

    path = data_dir / DB_FILENAME
    if not path.exists():
        raise IdentityError(f"no station database in {data_dir}; run `hiremate init` first")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT id, name FROM station LIMIT 1").fetchone()
    except sqlite3.Error as exc:
        raise IdentityError(f"{path}: cannot read the station row ({exc})") from None
    finally:
        conn.close()
    if row is None:
        raise IdentityError(f"{path}: no station row; run `hiremate init` first")
    return {"id": row[0], "name": row[1]}


def load_or_create_identity(data_dir: Path | str) -> StationIdentity:
    """The station's identity; makes the key pair if it is missing (the station row must exist)."""
    directory = Path(data_dir)
    row = _station_row(directory)
    create_keys(directory)
    key = load_private_key(directory)
    return StationIdentity(row["id"], row["name"], key, key.public_key().public_bytes(*_RAW), directory)


def fingerprint(data_dir: Path | str) -> str:
    """The fingerprint of the station's public key (for the proctor panel); makes the keys if missing."""
    return load_or_create_identity(data_dir).fingerprint


def init_identity_step(data_dir: Path, store: object) -> str | None:
    """The `hiremate init` step: make the station key pair once; report what was made."""
    if not create_keys(data_dir):
        return None
    private_path, public_path = key_paths(data_dir)
    key = load_private_key(data_dir)
    return (f"created station key {private_path} (owner-only) and {public_path.name}; "
            f"fingerprint {fingerprint_of(key.public_key().public_bytes(*_RAW))}")
