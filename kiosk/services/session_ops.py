"""What the station does to sessions on the DB worker thread (no Qt): admit by code, resume, finish, abandon.

Each function takes the worker's StationDb and the station's EventLog and returns a small frozen value
for the GUI thread. Opening and closing sessions, scoring on close and outbox enqueue all happen here.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventlog import EventLog, EventRecord, OpenSession
from i18n import _s
from kiosk.services import (
    station_kinds,  # noqa: F401  (registers the station.* kinds)
    texts,
)
from kiosk.services.accommodations import Accommodations, code_accommodations, recorded_accommodations
from kiosk.services.battery import Battery, BatteryError, resolve_battery
from kiosk.services.code_language import code_language, session_language
from kiosk.services.station_lock import holder_pid
from kiosk.services.stationdb import CodeRefused, SessionInfo, StationDb

__all__ = ["SCORED_PURPOSES", "Admission", "Closed", "abandon", "admit", "finish", "open_practice", "overview",
           "resume"]

SCORED_PURPOSES = ("assessment", "simulation")
"""Sessions of these purposes are scored and queued for sync when they complete (practice rounds are not)."""


@dataclass(frozen=True)
class Admission:
    """A candidate session now open in this process, with its battery and where to start."""

    session: OpenSession
    participant: str
    battery: Battery
    code: str | None
    game_index: int = 0
    trial: int | None = None
    instructions: dict[str, str] = field(default_factory=dict)  # game -> markdown, read here, not on the GUI
    events: tuple[EventRecord, ...] = ()  # a resumed session's recorded events (session.resumed included), for
    # the resumed game's view.resume_from(); read here, on the worker, never on the GUI thread
    accommodations: Accommodations = field(default_factory=Accommodations)  # granted on the code (ACCOMMODATIONS.md)
    language: str = "en"  # the language the candidate sees (the instructions above are in it)
    language_source: str = "station_default"  # who chose it (station.language's source); "resumed" when resumed


@dataclass(frozen=True)
class Closed:
    """A session closed on the worker: its chain head and what happened downstream."""

    session_id: str
    reason: str
    chain_head: str
    scored: str | None
    queued: bool
    problems: tuple[str, ...] = ()


def _instructions(battery: Battery, language: str) -> dict[str, str]:
    return {entry.game: texts.instructions(entry.game, language) for entry in battery.games}


def admit(db: StationDb, log: EventLog, code: str, purpose: str = "assessment",
          language: tuple[str, str] = ("en", "station_default")) -> Admission:
    """Spend a one-time code: check its battery loads, then in one transaction redeem it, track the session's
    progress and open the session (last: opening only queues the session for the log's writer).

    `purpose` is "assessment", or "simulation" for a scripted candidate (`hiremate simulate`): such sessions
    are scored and exported like any other, and the panel lists them only when asked to. `language` is the
    language shown so far and who chose it; the code's language (set by the proctor) replaces it unless the
    candidate chose one on the welcome screen.
    """
    found = db.find_code(code)  # the typed code's hash looked up (only hashes are stored)
    if found is None:
        raise CodeRefused("unknown")
    battery = resolve_battery(found.battery)
    chosen = code_language(db, found.ref)
    if chosen is not None and language[1] != "candidate":
        language = (chosen, "access_code")
    instructions = _instructions(battery, language[0])
    granted = code_accommodations(db, found.ref)
    session_id = str(uuid.uuid4())
    with db.atomic():  # the code is spent only if its progress row is stored and the session opens
        issued = db.redeem_found(found, session_id)
        db.start_progress(session_id, battery.ref, code, os.getpid())
        session = log.open_session(purpose, issued.participant, battery.ref, session_id=session_id)
    return Admission(session, issued.participant, battery, code, instructions=instructions, accommodations=granted,
                     language=language[0], language_source=language[1])


def resume(db: StationDb, log: EventLog, session_id: str) -> Admission:
    """Continue an interrupted session at its recorded game and trial: records session.resumed, waits until it is
    stored, and carries the session's events (for the resumed game's `resume_from`)."""
    progress = db.progress(session_id)
    row = db.store.session(session_id)
    if progress is None or row is None:
        raise BatteryError(_s("session {session}: no battery progress recorded; it cannot be resumed").format(
            session=session_id))
    battery = resolve_battery(progress.battery)
    session = log.resume_session(session_id, game=progress.game, trial=progress.trial)
    db.claim(session_id, os.getpid())
    log.flush()  # session.resumed is stored before the events are read (the view keeps what precedes it)
    events = tuple(db.store.events(session_id))
    language = session_language(events)
    return Admission(session, row.participant, battery, progress.code, progress.game_index, progress.trial,
                     _instructions(battery, language), events, recorded_accommodations(events), language, "resumed")


def open_practice(log: EventLog, participant: str, battery: str) -> OpenSession:
    """A separate practice session for a practice round (never scored, never exported)."""
    return log.open_session("practice", participant, battery)


def _score_and_queue(db: StationDb, session_id: str) -> tuple[str | None, bool, list[str]]:
    problems: list[str] = []
    scored: str | None = None
    queued = False
    try:
        from sync.stored_results import score_and_store

        result = score_and_store(db.store, session_id)
        scored = str(getattr(result, "scoring_version", result))
    except Exception as exc:  # scoring must never lose the session: note it, keep going
        problems.append(f"scoring: {type(exc).__name__}: {exc}")
    try:
        from sync.outbox import enqueue

        enqueue(db.store, session_id)
        queued = True
    except Exception as exc:
        problems.append(f"outbox: {type(exc).__name__}: {exc}")
    return scored, queued, problems


def finish(db: StationDb, log: EventLog, session_id: str, t_ns: int, reason: str) -> Closed:
    """Close a session (flushes: durable on return); completed assessment sessions are scored and queued."""
    head = log.close_session(session_id, t_ns, reason)
    row = db.store.session(session_id)
    if reason != "completed" or row is None or row.purpose not in SCORED_PURPOSES:
        return Closed(session_id, reason, head, None, False)
    scored, queued, problems = _score_and_queue(db, session_id)
    return Closed(session_id, reason, head, scored, queued, tuple(problems))


def abandon(db: StationDb, log: EventLog, session_id: str) -> Closed:
    """Close an interrupted session as abandoned (session.resumed then session.closed; nothing rewritten)."""
    state = log.resume_session(session_id)
    head = log.close_session(session_id, state.now_ns(), "abandoned")
    return Closed(session_id, "abandoned", head, None, False)


def overview(db: StationDb, log: EventLog | None, data_dir: Path) -> list[SessionInfo]:
    """Sessions with their status ('in progress' only when open in a live station process); completed sessions
    say whether they are scored and queued for sync (a failure there shows in the proctor's list)."""
    if log is not None:
        infos = db.overview(lambda sid, _pid: log.is_open(sid))
    else:
        holder = holder_pid(data_dir)
        infos = db.overview(lambda _sid, pid: holder is not None and pid == holder)
    return _with_results(db, infos)


def _with_results(db: StationDb, infos: list[SessionInfo]) -> list[SessionInfo]:
    from sync.outbox import items
    from sync.stored_results import stored_results

    queued = {entry.session_id for entry in items(db.store)}
    return [replace(info, scored=stored_results(db.store, info.session_id) is not None,
                    queued=info.session_id in queued)
            if info.status == "completed" and info.purpose in SCORED_PURPOSES else info for info in infos]
