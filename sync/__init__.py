"""Sync: signed session bundles, the offline-first upload client and the reference receiver."""

from sync.bundle import Bundle, build_bundle, bundle_sha256, read_bundle
from sync.client import Backoff, PassReport, Progress, SyncClient
from sync.errors import (
    BundleError,
    BundleFormatError,
    CheckFailed,
    ConflictError,
    DeliveryError,
    ExportError,
    IdentityError,
    OutboxError,
    RejectedError,
    SyncError,
    TransientError,
)
from sync.export import export_sessions
from sync.identity import StationIdentity, fingerprint, load_identity
from sync.outbox import OutboxItem, enqueue, items, summary
from sync.verify import BundleReport, CheckResult, verify_bundle
from sync.worker import SyncWorker

__all__ = [
    "Backoff",
    "Bundle",
    "BundleError",
    "BundleFormatError",
    "BundleReport",
    "CheckFailed",
    "CheckResult",
    "ConflictError",
    "DeliveryError",
    "ExportError",
    "IdentityError",
    "OutboxError",
    "OutboxItem",
    "PassReport",
    "Progress",
    "RejectedError",
    "StationIdentity",
    "SyncClient",
    "SyncError",
    "SyncWorker",
    "TransientError",
    "build_bundle",
    "bundle_sha256",
    "enqueue",
    "export_sessions",
    "fingerprint",
    "items",
    "load_identity",
    "read_bundle",
    "summary",
    "verify_bundle",
]
