"""Which station a signing key may speak for: shared by bundle uploads (ingest.py) and heartbeats (live.py)."""

from __future__ import annotations

from sync.identity import fingerprint_of
from sync.receiver.storage import BundleStorage

__all__ = ["station_problem"]


def station_problem(storage: BundleStorage, key: bytes, claimed: str, what: str = "manifest") -> str | None:
    """Why the key may not sign for station id `claimed` (not enrolled; bound to another id; the id belongs to
    another enrolled key), or None when it may. `what` names what made the claim (the manifest, the heartbeat)."""
    row = storage.enrolled(key)
    if row is None:
        return (f"station {claimed} is not enrolled here (key fingerprint {fingerprint_of(key)}); enrol it with "
                "`hiremate receiver enroll`")
    if row["station_id"] is not None and row["station_id"] != claimed:
        return (f"key {fingerprint_of(key)} is enrolled for station {row['station_id']}, but the {what} names "
                f"station {claimed}")
    others = [other for other in storage.keys_of_station(claimed) if other != key.hex()]
    if row["station_id"] is None and others:
        return (f"station id {claimed} belongs to another enrolled key (fingerprint "
                f"{fingerprint_of(bytes.fromhex(others[0]))}); if that station was given a new key, enrol this key "
                "for its station id")
    return None
