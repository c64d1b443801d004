"""Stored sessions scored again with the current scoring version, for norm tables, derived roles and the audit.

Uses only `BundleStorage.sessions()`, `get()` and `events()`, so it works on every storage backend.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from scoring import ScoringError, score_session
from scoring.norms import NormSession
from sync.receiver.storage import BundleStorage, StoredBundle

__all__ = ["UnknownStoredSession", "receiver_scored"]


class UnknownStoredSession(LookupError):
    """A session id the receiver does not hold."""


def _one(storage: BundleStorage, item: StoredBundle) -> NormSession:
    session = json.loads(item.manifest)["session"]
    try:
        profile = score_session(storage.events(item.session_id, item.public_key))
    except ScoringError as exc:
        return NormSession(item.session_id, session.get("battery"), session.get("status", ""), None, str(exc))
    return NormSession(item.session_id, session.get("battery"), session.get("status", ""), profile)


def receiver_scored(storage: BundleStorage, ids: Sequence[str], every: bool = False) -> list[NormSession]:
    """The named stored sessions (every one with `every`), scored again from their events."""
    if every:
        items = storage.sessions()
    else:
        items = []
        for sid in ids:
            found = storage.get(sid)
            if found is None:
                raise UnknownStoredSession(f"the receiver holds no session {sid!r}")
            items.append(found)
    return [_one(storage, item) for item in items]
