"""Bundles encrypted for the receiver: the age format (age-encryption.org/v1) with X25519 recipients, via pyrage.

A sealed bundle is the signed bundle's exact bytes encrypted to the receiver's recipient key (`age1…`), so the
stock `age -d -i IDENTITY` recovers the signed zip and `openssl pkeyutl` still verifies its signature. The
header of an untrusted file is bounded (size and number of stanzas) before any key agreement is attempted.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from pyrage import x25519

from sync.errors import SealError

__all__ = [
    "AGE_MAGIC",
    "MAX_HEADER_BYTES",
    "MAX_STANZAS",
    "SEALED_SUFFIX",
    "check_header",
    "create_identity_file",
    "identity_file_text",
    "is_sealed",
    "load_identity_file",
    "parse_recipient",
    "recipient_of",
    "seal",
    "unseal",
]

AGE_MAGIC = b"age-encryption.org/v1\n"
SEALED_SUFFIX = ".age"
MAX_HEADER_BYTES = 16 * 1024
MAX_STANZAS = 8
_SECRET_PREFIX = "AGE-SECRET-KEY-1"


def is_sealed(data: bytes) -> bool:
    """Whether the bytes are an age file (binary format), rather than a plain bundle."""
    return data.startswith(AGE_MAGIC)


def parse_recipient(text: str, where: str = "recipient") -> str:
    """An X25519 age recipient (`age1…`, 62 characters), checked and in lower case; SealError otherwise."""
    candidate = text.strip()
    try:
        return str(x25519.Recipient.from_str(candidate.lower()))
    except (pyrage.RecipientError, ValueError) as exc:
        raise SealError(f"{where}: {candidate[:70]!r} is not an age X25519 recipient (age1…): {exc}") from None


def seal(plain: bytes, recipient: str) -> bytes:
    """The bytes encrypted to one age recipient."""
    try:
        return bytes(pyrage.encrypt(plain, [x25519.Recipient.from_str(parse_recipient(recipient))]))
    except pyrage.EncryptError as exc:
        raise SealError(f"cannot encrypt for {recipient}: {exc}") from None


def check_header(data: bytes) -> None:
    """An untrusted age file's header must end within MAX_HEADER_BYTES and hold at most MAX_STANZAS stanzas."""
    if not is_sealed(data):
        raise SealError("not an age file (it does not start with 'age-encryption.org/v1')")
    end = data.find(b"\n--- ", 0, MAX_HEADER_BYTES)
    if end < 0:
        raise SealError(f"age header longer than {MAX_HEADER_BYTES} bytes, or not closed by its MAC line")
    stanzas = data.count(b"\n-> ", 0, end + 1)
    if stanzas > MAX_STANZAS:
        raise SealError(f"age header with {stanzas} recipient stanzas; at most {MAX_STANZAS} are accepted")


def unseal(data: bytes, identity: x25519.Identity) -> bytes:
    """The plaintext of an age file encrypted to this identity; SealError when it is not, or is damaged."""
    check_header(data)
    try:
        return bytes(pyrage.decrypt(data, [identity]))
    except pyrage.DecryptError as exc:
        raise SealError(f"cannot decrypt with the identity of recipient {identity.to_public()}: {exc} (encrypted "
                        "for another receiver, or damaged)") from None


def recipient_of(identity: x25519.Identity) -> str:
    """The public recipient string (`age1…`) of an identity."""
    return str(identity.to_public())


def identity_file_text(identity: x25519.Identity) -> str:
    """The identity in age-keygen's file format (what `age -d -i FILE` reads)."""
    created = datetime.now(UTC).isoformat(timespec="seconds")
    return f"# created: {created}\n# public key: {recipient_of(identity)}\n{identity}\n"


def load_identity_file(path: Path) -> x25519.Identity:
    """The X25519 identity in an age identity file; refuses one that group or others can read."""
    try:
        mode = path.stat().st_mode & 0o777
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise SealError(f"{path}: cannot read the age identity ({getattr(exc, 'strerror', None) or exc})") from None
    if os.name == "posix" and mode & 0o077:
        raise SealError(f"{path}: the age identity is readable by others (mode {mode:o}); run chmod 600 {path}")
    secrets = [line.strip() for line in text.splitlines() if line.strip().startswith(_SECRET_PREFIX)]
    if len(secrets) != 1:
        raise SealError(f"{path}: expected one AGE-SECRET-KEY-1… line, found {len(secrets)}")
    try:
        return x25519.Identity.from_str(secrets[0])
    except (pyrage.IdentityError, ValueError) as exc:
        raise SealError(f"{path}: not a valid age X25519 identity ({exc})") from None


def create_identity_file(path: Path) -> x25519.Identity:
    """Generate an identity into a new file (mode 0600, never overwriting) and return it."""
    identity = x25519.Identity.generate()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SealError(f"{path}: already exists; not overwriting an age identity") from None
    except OSError as exc:
        raise SealError(f"{path}: cannot create the age identity ({exc.strerror or exc})") from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(identity_file_text(identity))
        handle.flush()
        os.fsync(handle.fileno())
    return identity
