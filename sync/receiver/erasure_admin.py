"""Erasure orders for `hiremate receiver erase`: which stored sessions an erasure asked for at the receiver names."""

from __future__ import annotations

import json
import uuid

from sync.receiver.erasure import ErasureOrder
from sync.receiver.storage import BundleStorage

__all__ = ["admin_orders"]


def admin_orders(storage: BundleStorage, reason: str, requested_by: str, session_id: str | None = None,
                 station: str | None = None, participant: str | None = None) -> list[ErasureOrder]:
    """Orders for `hiremate receiver erase`: the stored session (of `station`, when several stations sent the id:
    AmbiguousSession otherwise), or every stored session of a pseudonym; LookupError when none is held."""
    if not reason.strip():
        raise ValueError("an erasure needs a reason (--reason TEXT), kept in the receipt")
    if session_id is not None:
        found = storage.get(session_id, station)
        items = [found] if found is not None else []
        missing = f"the receiver holds no session {session_id!r}" + (f" of station {station}" if station else "")
    else:
        items = [item for item in storage.sessions()
                 if json.loads(item.manifest)["session"].get("participant") == participant]
        missing = f"the receiver holds no session of participant {participant!r}"
    if not items:
        raise LookupError(missing)
    return [ErasureOrder(uuid.uuid4().hex, item.session_id, item.station_id, item.public_key, requested_by,
                         reason.strip()) for item in items]
