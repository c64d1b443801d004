"""Writing simulated sessions into a real station log (for storage, CLI and benchmark runs)."""

from __future__ import annotations

from collections.abc import Sequence

from eventlog import EventLog, EventRecord
from games.spec import load_event_kinds


def write_session(log: EventLog, records: Sequence[EventRecord], participant: str = "P-0001") -> str:
    """Record a built stream's events (between its opened and closed) into a new session; return its id."""
    load_event_kinds()
    session = log.open_session(purpose="assessment", participant=participant)
    for rec in records[1:-1]:
        log.record(session.session_id, rec.kind, rec.t_ns, rec.payload, game=rec.game, trial=rec.trial)
    log.close_session(session.session_id, records[-1].t_ns)
    return session.session_id
