"""Sessions of the station scored again with the current scoring version, for norm tables and derived roles."""

from __future__ import annotations

from collections.abc import Sequence

from eventlog import Store
from kiosk.services.session_lookup import find_sessions
from scoring import ScoringError, score_session
from scoring.norms import NormSession

__all__ = ["scored_sessions"]


def scored_sessions(store: Store, texts: Sequence[str], every: bool = False) -> list[NormSession]:
    """The named sessions (ids, unique starts or pseudonyms; every assessment session with `every`), each
    scored again from its events (SessionLookupError names a text that matches no session)."""
    rows = [r for r in store.sessions() if r.purpose == "assessment"] if every else find_sessions(store, list(texts))
    out = []
    for row in rows:
        try:
            profile = score_session(store.events(row.id))
        except ScoringError as exc:
            out.append(NormSession(row.id, row.battery, row.status, None, str(exc)))
            continue
        out.append(NormSession(row.id, row.battery, row.status, profile))
    return out
