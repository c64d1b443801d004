"""Sync: signed session bundles, the offline-first upload client and the reference receiver.

Submodules load on first use (PEP 562 `__getattr__`), so `import sync.errors` or `sync.outbox` does not pull
in httpx, the bundle code and the verifier: the station's first paint waits for none of them.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES: dict[str, str] = {
    "Backoff": "sync.client",
    "build_bundle": "sync.bundle",
    "Bundle": "sync.bundle",
    "bundle_sha256": "sync.bundle",
    "BundleError": "sync.errors",
    "BundleFormatError": "sync.errors",
    "BundleReport": "sync.verify",
    "CheckFailed": "sync.errors",
    "CheckResult": "sync.verify",
    "ConflictError": "sync.errors",
    "DeliveryError": "sync.errors",
    "enqueue": "sync.outbox",
    "export_sessions": "sync.export",
    "ExportError": "sync.errors",
    "fingerprint": "sync.identity",
    "IdentityError": "sync.errors",
    "items": "sync.outbox",
    "load_identity": "sync.identity",
    "OutboxError": "sync.errors",
    "OutboxItem": "sync.outbox",
    "PassReport": "sync.client",
    "Progress": "sync.client",
    "read_bundle": "sync.bundle",
    "RejectedError": "sync.errors",
    "StationIdentity": "sync.identity",
    "summary": "sync.outbox",
    "SyncClient": "sync.client",
    "SyncError": "sync.errors",
    "SyncWorker": "sync.worker",
    "TransientError": "sync.errors",
    "verify_bundle": "sync.verify",
}

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


def __getattr__(name: str) -> Any:
    """Import the submodule that defines `name` when it is first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sync' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
