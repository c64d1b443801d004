"""Receiver administration for the command line: enrol a station key (bound to its station id), show the age
recipient stations encrypt to. The CLI parses arguments and prints; these do the work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sync.identity import fingerprint_of, parse_public_key
from sync.receiver.backends import open_storage
from sync.receiver.recipient import receiver_identity

__all__ = ["enroll_station", "recipient_info"]


def enroll_station(db_path: Path | str, key: str, label: str | None = None,
                   station_id: str | None = None) -> dict[str, Any]:
    """Trust a station key (a station.pub.pem file or 64 hex digits), bound to station_id when given (a station
    that got a new key keeps its id); IdentityError naming the key when it cannot be read."""
    path = Path(key)
    raw = parse_public_key(path.read_bytes() if path.is_file() else key, where=key)
    storage = open_storage(db_path)
    try:
        new = storage.enroll(raw, label or fingerprint_of(raw), station_id)
        row = storage.enrolled(raw) or {}
    finally:
        storage.close()
    return {"public_key": raw.hex(), "fingerprint": fingerprint_of(raw), "new": new,
            "label": row.get("label"), "station_id": row.get("station_id")}


def recipient_info(db_path: Path | str) -> dict[str, Any]:
    """The receiver's age recipient and where its identity is kept (made on first use, mode 0600)."""
    identity = receiver_identity(db_path)
    return {"recipient": identity.recipient, "identity_file": str(identity.path) if identity.path else None}
