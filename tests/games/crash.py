"""Crash a recorded game session at any event and resume it with the real view: the helpers the resume tests share.

A crash is simulated the way tests/eventlog builds interrupted sessions: the first `kill_at` events of a
recorded session are appended to a fresh station log under the same session id, the log is closed with
the session still open (the station died), and a second EventLog resumes it with `resume_session`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pytestqt.qtbot import QtBot

from eventlog import EventLog, EventRecord, Store, verify_store
from eventlog.recorder import SessionRecorder
from games.spec import game_spec, load_object
from kiosk.services.station_log import open_station_log
from scoring.model import Profile
from sync.export import export_sessions
from sync.identity import load_identity
from sync.stored_results import score_and_store
from sync.verify import verify_bundle

PlayerFactory = Callable[[], Any]
PARTICIPANT = "P-crash"


@dataclass
class Resumed:
    """A crashed session after its resume: every event, the score, the game's summary."""

    events: list[EventRecord]
    profile: Profile
    summary: dict[str, Any]
    kill_at: int


def make_view(game: str, log: EventLog, session: Any, params: BaseModel, seed: int) -> Any:
    """The game's real view recording into an open session, shown (onsets are stamped after a paint)."""
    view = load_object(game_spec(game).view)(SessionRecorder(log, session, game), params, seed)
    view.resize(1024, 720)
    view.show()
    return view


def record_session(qtbot: QtBot, data_dir: Path, game: str, params: BaseModel, seed: int,
                   player: PlayerFactory) -> list[EventRecord]:
    """Play one whole assessment session of a game with its scripted player; return its closed event stream."""
    log = open_station_log(data_dir, window_ms=2.0)
    try:
        session = log.open_session("assessment", PARTICIPANT)
        view = make_view(game, log, session, params, seed)
        scripted = player()  # held here: a player only the view's connections refer to may be collected
        scripted.attach(view)
        with qtbot.waitSignal(view.game_did_finish, timeout=60_000):
            view.start()
        view.close()
        view.deleteLater()
        log.close_session(session.session_id, session.now_ns())
        return log.store.events(session.session_id)
    finally:
        log.close()


def crash_at(data_dir: Path, recorded: list[EventRecord], kill_at: int) -> str:
    """A fresh station log holding the first `kill_at` events of a recorded session, left open (interrupted)."""
    sid = recorded[0].session_id
    log = open_station_log(data_dir, window_ms=2.0)
    try:
        log.store.ensure_station("crash-test")
        log.open_session("assessment", PARTICIPANT, session_id=sid)
        log.append_records(recorded[1:kill_at])
        log.flush(timeout=10)
    finally:
        log.close()  # the session stays open in the database, as after a crash
    with Store.in_dir(data_dir) as store:
        row = store.session(sid)
        assert row is not None and row.status == "open" and store.event_count(sid) == kill_at
    return sid


def resume_and_finish(qtbot: QtBot, data_dir: Path, sid: str, game: str, params: BaseModel, seed: int,
                      player: PlayerFactory, kill_at: int) -> Resumed:
    """Resume the interrupted session with the real view and a scripted player; close, score, export, verify."""
    log = open_station_log(data_dir, window_ms=2.0)
    try:
        session = log.resume_session(sid, game=game)
        log.flush(timeout=10)
        view = make_view(game, log, session, params, seed)
        scripted = player()
        scripted.attach(view)
        with qtbot.waitSignal(view.game_did_finish, timeout=60_000) as finished:
            view.resume_from(log.store.events(sid))
        view.close()
        view.deleteLater()
        log.close_session(sid, session.now_ns())
        profile = score_and_store(log.store, sid)
        check_exports_and_verifies(log.store, sid, data_dir)
        return Resumed(log.store.events(sid), profile, finished.args[0], kill_at)
    finally:
        log.close()


def check_exports_and_verifies(store: Store, sid: str, data_dir: Path) -> None:
    """The session's chain verifies, its bundle exports, and the exported bundle passes every check."""
    identity = load_identity(data_dir)
    report = verify_store(store, [identity.public_raw])  # the checkpoints signed before and after the crash too
    assert report.ok, (report.broken[:1], report.problems[:1])
    (path,) = export_sessions(store, [sid], data_dir / "export", identity)
    bundle = verify_bundle(path.read_bytes(), trusted=[identity.public_raw])
    assert bundle.ok, [check for check in bundle.checks if check.status != "pass"]
