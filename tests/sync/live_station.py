"""A simulated station for the live dashboard's tests and the load benchmark: a real station database written
through the real EventLog (a candidate admitted, consent, games, trials, focus losses, calls for the proctor),
and the real SyncWorker sending its heartbeats (kiosk.services.live_status derives them from the database)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field

from eventlog import EventLog, Payload, Store, register_kind, registered_kinds
from kiosk.services import station_kinds  # noqa: F401  (registers the station.* kinds)
from kiosk.services.live_status import StationLiveStatus
from kiosk.services.stationdb import StationDb
from sync.identity import load_identity
from sync.worker import SyncWorker
from tests.sync.sessions import init_station

__all__ = ["SimulatedStation"]


@register_kind("livetest.game_started")
class LiveGameStarted(Payload):
    """A test game begins: how many trials it will show (as every game's game_started says)."""

    trials: int = Field(ge=1)


@register_kind("livetest.trial")
class LiveTrial(Payload):
    """One trial of the test game."""

    answer: int


@register_kind("livetest.game_ended")
class LiveGameEnded(Payload):
    """The test game is over."""


if "station.proctor_called" not in registered_kinds():  # the station's own model lands with the button

    @register_kind("station.proctor_called")
    class ProctorCalled(Payload):
        """The candidate pressed "Call the proctor" on a screen."""

        screen: str


class SimulatedStation:
    """One station: `hiremate init`, a candidate's events recorded as the station records them, a SyncWorker."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        init_station(directory, name=name)
        self.identity = load_identity(directory)
        self.log = EventLog.in_dir(directory, window_ms=2.0, signer=self.identity)  # as the station signs
        self.session_id: str | None = None
        self.t_ns = 0
        self.worker: SyncWorker | None = None

    def connect(self, endpoint: str, heartbeat_s: float = 5.0) -> SyncWorker:
        """Start the station's sync worker (uploads and heartbeats) for a receiver."""
        self.worker = SyncWorker(self.directory / "station.sqlite3", endpoint, catch_up=False, idle_s=5.0,
                                 heartbeat=StationLiveStatus(), heartbeat_s=heartbeat_s).start()
        return self.worker

    def disconnect(self) -> None:
        """Stop the sync worker (the station goes silent)."""
        if self.worker is not None:
            self.worker.stop(10)
            self.worker = None

    def _record(self, kind: str, payload: dict[str, object], game: str | None = None,
                trial: int | None = None) -> None:
        assert self.session_id is not None
        self.t_ns += 500_000_000
        self.log.record(self.session_id, kind, self.t_ns, payload, game=game, trial=trial)
        self.log.flush()

    def admit(self, participant: str, battery: str = "test_fast") -> str:
        """A candidate's code was accepted: the session opens (and this process owns it)."""
        session = self.log.open_session(purpose="assessment", participant=participant, battery=battery)
        self.session_id, self.t_ns = session.session_id, 0
        with Store.in_dir(self.directory) as store:
            StationDb(store).start_progress(session.session_id, battery, None, os.getpid())
        self.log.flush()
        return session.session_id

    def consent(self) -> None:
        """The candidate accepted the consent text."""
        self._record("station.consent", {"accepted": True, "text_sha256": "0" * 64})

    def start_game(self, name: str, index: int, trials: int) -> None:
        """The battery's game at `index` starts."""
        self._record("station.game_will_start", {"game": name, "index": index})
        self._record("livetest.game_started", {"trials": trials}, game=name)

    def trial(self, name: str, trial: int) -> None:
        """The candidate answers trial `trial` (0-based) of a game."""
        self._record("livetest.trial", {"answer": trial % 3}, game=name, trial=trial)

    def end_game(self, name: str) -> None:
        """The game is over."""
        self._record("livetest.game_ended", {}, game=name)

    def focus_lost(self) -> None:
        """Another window took the keyboard."""
        self._record("station.focus_lost", {})

    def call_proctor(self, screen: str = "game") -> None:
        """The candidate pressed "Call the proctor"."""
        self._record("station.proctor_called", {"screen": screen})

    def close(self) -> None:
        """Stop the worker and the log."""
        self.disconnect()
        self.log.close()
