"""The station's Ed25519 identity: key files under the data dir, loading, signing and fingerprints.

Keys are made only by `hiremate init` on a new station and by `hiremate station new-identity` (sync.key_history,
which records every key the station has had); loading never makes one. A missing key, or one that is not the
identity the database recorded, is an IdentityError naming what happened.
"""

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

from eventlog.store import DB_FILENAME
from sync.errors import IdentityError

__all__ = [
    "KEY_DIR",
    "NEW_IDENTITY",
    "PRIVATE_KEY_FILE",
    "PUBLIC_KEY_FILE",
    "KeyRecord",
    "StationIdentity",
    "check_key",
    "fingerprint",
    "fingerprint_of",
    "key_paths",
    "load_identity",
    "parse_public_key",
    "public_key_pem",
    "recorded_keys",
    "verify_signature",
]

NEW_IDENTITY = "hiremate station new-identity --reason TEXT"
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


def _write_new(path: Path, data: bytes) -> None:
    """Write an owner-only file under a temporary name and link it into place: a full disk never leaves half a
    key behind, and an existing file is never replaced."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def create_keys(data_dir: Path | str) -> bytes:
    """Make a new key pair (both files owner-only); IdentityError if a private key file is already there.
    Returns the raw public key. Callers record it (sync.key_history); nothing else should call this."""
    private_path, public_path = key_paths(data_dir)
    if private_path.exists():
        raise IdentityError(f"{private_path} already exists; a station key is never overwritten")
    key = Ed25519PrivateKey.generate()
    public_raw = key.public_key().public_bytes(*_RAW)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    try:
        private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        public_path.unlink(missing_ok=True)  # a public key without its private key is only a leftover
        _write_new(public_path, public_key_pem(public_raw))
        _write_new(private_path, pem)
    except OSError as exc:
        for path in (private_path, public_path):
            path.unlink(missing_ok=True)
        raise IdentityError(f"cannot create station keys in {private_path.parent}: {exc.strerror or exc}") from None
    return public_raw


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
        raise IdentityError(f"{private_path}: no station key (missing); run `hiremate init` on a new station")
    _check_mode(private_path)
    try:
        key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise IdentityError(f"{private_path}: not a readable private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise IdentityError(f"{private_path}: not an Ed25519 private key")
    return key


def _station_row(data_dir: Path) -> dict[str, Any]:
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


@dataclass(frozen=True)
class KeyRecord:
    """One key the station has had: its number, raw public key, when it was recorded and why."""

    n: int
    public_raw: bytes
    created_utc: str
    reason: str

    @property
    def fingerprint(self) -> str:
        """The key's fingerprint."""
        return fingerprint_of(self.public_raw)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"n": self.n, "public_key": self.public_raw.hex(), "fingerprint": self.fingerprint,
                "created_utc": self.created_utc, "reason": self.reason}


def recorded_keys(conn: sqlite3.Connection) -> list[KeyRecord]:
    """The station's key history, oldest first (empty for a database from before it existed)."""
    try:
        rows = conn.execute("SELECT n, public_key, created_utc, reason FROM station_keys ORDER BY n").fetchall()
    except sqlite3.OperationalError:
        return []
    return [KeyRecord(n, bytes.fromhex(key), created, reason) for n, key, created, reason in rows]


def _history(data_dir: Path) -> list[KeyRecord]:
    path = data_dir / DB_FILENAME
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        return recorded_keys(conn)
    finally:
        conn.close()


def check_key(data_dir: Path, public_raw: bytes | None) -> None:
    """The key file's public key (None: the file is missing) against the recorded history; IdentityError naming
    what happened when it is missing or not the key recorded last. A station with no history passes (legacy)."""
    history = _history(Path(data_dir))
    if not history:
        return
    last = history[-1]
    private_path, _ = key_paths(data_dir)
    if public_raw is None:
        raise IdentityError(f"the station key {private_path} is missing: this station's identity (fingerprint "
                            f"{last.fingerprint}, recorded {last.created_utc}) cannot sign without it. Restore "
                            f"keys/ from a backup, or make a new identity on purpose with `{NEW_IDENTITY}`")
    if public_raw != last.public_raw:
        earlier = " (an earlier key of this station)" if any(r.public_raw == public_raw for r in history) else ""
        raise IdentityError(f"the station key {private_path} was changed: it is fingerprint "
                            f"{fingerprint_of(public_raw)}{earlier}, but the station's identity is "
                            f"{last.fingerprint} (recorded {last.created_utc}). Put the right key back, or make "
                            f"a new identity on purpose with `{NEW_IDENTITY}`")


def load_identity(data_dir: Path | str) -> StationIdentity:
    """The station's identity from its key file; never makes a key. IdentityError when the key is missing, or is
    not the identity the database recorded last (the key history), naming what happened and what to do."""
    directory = Path(data_dir)
    row = _station_row(directory)
    private_path, _ = key_paths(directory)
    if not private_path.exists():
        check_key(directory, None)
    key = load_private_key(directory)
    public_raw = key.public_key().public_bytes(*_RAW)
    check_key(directory, public_raw)
    return StationIdentity(row["id"], row["name"], key, public_raw, directory)


def fingerprint(data_dir: Path | str) -> str:
    """The fingerprint of the station's public key (for the proctor panel)."""
    return load_identity(data_dir).fingerprint
