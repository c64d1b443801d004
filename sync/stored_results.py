"""Storage adapter for scoring: score a stored session and keep its canonical result in the results table."""

from __future__ import annotations

from datetime import UTC, datetime

from eventlog import Store
from scoring import SCORING_VERSION, Profile, ScoringInputError, score_session

__all__ = ["first_stored_results", "score_and_store", "stored_results"]


def score_and_store(store: Store, session_id: str, version: str | None = None) -> Profile:
    """Score a session from its events and upsert the canonical JSON under (session, scoring version).

    Results are derived data: replacing a row never touches the events, and any row can be rebuilt
    from the events at any time. ScoringInputError when the session has no events.
    """
    records = store.events(session_id)
    if not records:
        raise ScoringInputError(None, "session_id", f"no events are stored for session {session_id!r}")
    profile = score_session(records, version)
    store.conn.execute(  # one statement: atomic on its own, and part of the caller's transaction if one is open
        "INSERT OR REPLACE INTO results (session_id, scoring_version, canonical_json, created_utc)"
        " VALUES (?, ?, ?, ?)",
        (session_id, profile.scoring_version, profile.canonical_json(), datetime.now(UTC).isoformat()),
    )
    return profile


def stored_results(store: Store, session_id: str, version: str | None = None) -> bytes | None:
    """The stored canonical JSON of a session under a scoring version (default: the current one), or None."""
    row = store.conn.execute(
        "SELECT canonical_json FROM results WHERE session_id = ? AND scoring_version = ?",
        (session_id, version or SCORING_VERSION),
    ).fetchone()
    return None if row is None else bytes(row[0])


def first_stored_results(store: Store, session_id: str, versions: tuple[str, ...]) -> tuple[str, bytes] | None:
    """The earliest stored (scoring version, canonical JSON) of a session among `versions`, or None."""
    marks = ", ".join("?" * len(versions))
    row = store.conn.execute(
        f"SELECT scoring_version, canonical_json FROM results WHERE session_id = ? AND scoring_version IN ({marks})"
        " ORDER BY created_utc, scoring_version LIMIT 1",
        (session_id, *versions),
    ).fetchone()
    return None if row is None else (str(row[0]), bytes(row[1]))

