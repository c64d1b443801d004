"""Typed errors raised by sync (identity, bundles, outbox, delivery), drawn as a tree.

    SyncError
    ├── IdentityError               the station key files are missing, malformed or readable by others
    ├── TlsError                    a TLS certificate, key or CA file is missing, unreadable, malformed or mismatched
    ├── BundleError                 a bundle cannot be built or read
    │   ├── ExportError             the session is unknown or not completed (names the session)
    │   ├── BundleFormatError       not a bundle: bad zip, missing/extra member, a member over its cap, bad JSON
    │   │   └── ManifestError       manifest.json or manifest.sig malformed (names the field)
    │   ├── CheckFailed             a verification check failed (names the check: signature, members, ...)
    │   └── SealError               an encrypted (age) bundle cannot be encrypted or decrypted, or a recipient,
    │                               identity or age header is malformed
    ├── OutboxError                 the outbox cannot record or find a session's bundle
    └── DeliveryError               an upload did not end with a receipt for the bundle's hash
        ├── TransientError          network failure, timeout or 5xx: retried later with backoff
        ├── ConflictError           409: the receiver holds a different bundle under this session id
        └── RejectedError           another 4xx: the receiver refused the bundle (names the check)
"""

from __future__ import annotations

__all__ = [
    "BundleError",
    "BundleFormatError",
    "CheckFailed",
    "ConflictError",
    "DeliveryError",
    "ExportError",
    "IdentityError",
    "ManifestError",
    "OutboxError",
    "RejectedError",
    "SealError",
    "SyncError",
    "TlsError",
    "TransientError",
]


class SyncError(Exception):
    """Base of every error sync raises."""


class IdentityError(SyncError):
    """The station's key pair cannot be created, read or trusted."""


class TlsError(SyncError):
    """A TLS certificate, key or CA file cannot be used; the message names the file."""


class BundleError(SyncError):
    """A bundle cannot be built or read."""


class ExportError(BundleError):
    """A session cannot be exported: unknown, or not completed."""


class BundleFormatError(BundleError):
    """The bytes are not a well-formed bundle; the message names the member or field at fault."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


class ManifestError(BundleFormatError):
    """manifest.json is not a well-formed manifest, or manifest.sig is not 64 bytes."""


class CheckFailed(BundleError):
    """A verification check failed."""

    def __init__(self, check: str, message: str) -> None:
        super().__init__(f"{check} check failed: {message}")
        self.check = check
        self.detail = message


class SealError(BundleError):
    """An age-encrypted bundle, recipient or identity cannot be used; the message says which and why."""


class OutboxError(SyncError):
    """The outbox cannot record or find a session's bundle."""


class DeliveryError(SyncError):
    """An upload did not end with a receipt naming the bundle's hash."""


class TransientError(DeliveryError):
    """The endpoint was unreachable, timed out or answered 5xx; the upload is retried later."""


class ConflictError(DeliveryError):
    """The receiver already holds a different bundle under this session id (409)."""


class RejectedError(DeliveryError):
    """The receiver refused the bundle with a 4xx other than 409."""

    def __init__(self, status: int, check: str, message: str) -> None:
        super().__init__(f"HTTP {status}: {check}: {message}")
        self.status = status
        self.check = check
