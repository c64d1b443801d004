"""A real station data dir holding simulated candidates (written through the EventLog, scored and stored)."""

from __future__ import annotations

from pathlib import Path

from eventlog import EventLog, Store
from games.spec import load_event_kinds
from kiosk.services import station_kinds  # noqa: F401  (registers station.consent)
from sync.stored_results import score_and_store
from tests.reports.conftest import STYLES
from tests.reports.sessions import candidate, declined
from tests.sync.sessions import init_station

__all__ = ["record_session", "station_with_candidates"]


def _record(log: EventLog, participant: str, records: list, reason: str = "completed",  # type: ignore[type-arg]
            language: str | None = None) -> str:
    """Record a built stream's events (between its opened and closed) as a new default-battery session, in a
    language chosen on the access code when one is given (station.language before the first game)."""
    load_event_kinds()
    session = log.open_session(purpose="assessment", participant=participant, battery="default")
    if language is not None:
        log.record(session.session_id, "station.language", records[1].t_ns,
                   {"language": language, "source": "access_code"})
    for rec in records[1:-1]:
        log.record(session.session_id, rec.kind, rec.t_ns, rec.payload, game=rec.game, trial=rec.trial)
    log.close_session(session.session_id, records[-1].t_ns, reason)
    return session.session_id


def record_session(data_dir: Path, participant: str, records: list, language: str | None = None  # type: ignore[type-arg]
                   ) -> str:
    """One more completed session in an initialised station, optionally in a language; its id."""
    log = EventLog.in_dir(data_dir, window_ms=5.0)
    try:
        return _record(log, participant, records, language=language)
    finally:
        log.close()


def station_with_candidates(data_dir: Path, stored: bool = True) -> dict[str, str]:
    """`hiremate init`, then P-7K3Q, P-2MNB (twice: a re-test), P-5RTC and a declined P-9XW2; pseudonym -> last id."""
    init_station(data_dir)
    ids: dict[str, str] = {}
    log = EventLog.in_dir(data_dir, window_ms=5.0)
    try:
        for participant in ("P-7K3Q", "P-2MNB", "P-5RTC", "P-2MNB"):
            ids[participant] = _record(log, participant, candidate(participant=participant,
                                                                   **STYLES[participant]))  # type: ignore[arg-type]
        ids["P-9XW2"] = _record(log, "P-9XW2", declined(), "declined")
    finally:
        log.close()
    if stored:
        with Store.in_dir(data_dir) as store:
            for participant in ("P-7K3Q", "P-5RTC"):
                score_and_store(store, ids[participant])
    return ids
