"""What a station's heartbeat says, derived from its database alone: every state a proctor needs to tell apart."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventlog import Store
from kiosk.services.live_status import StationLiveStatus
from sync.heartbeat import Heartbeat
from tests.sync.live_station import SimulatedStation


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[SimulatedStation]:
    station = SimulatedStation(tmp_path / "desk", "desk-3")
    yield station
    station.close()


def _read(desk: SimulatedStation, status: StationLiveStatus) -> dict[str, Any]:
    with Store.in_dir(desk.directory) as store:
        fields = status.read(store)
    Heartbeat(**fields, station_id="s", station_key="0" * 64, seq=1, sent_utc="now")  # always a valid heartbeat
    return fields


def test_a_candidate_moves_through_consent_instructions_game_and_finished(desk: SimulatedStation) -> None:
    status = StationLiveStatus()
    assert _read(desk, status)["state"] == "idle"
    desk.admit("P-1")
    assert _read(desk, status)["state"] == "consent"
    desk.consent()
    fields = _read(desk, status)
    assert fields["state"] == "instructions" and fields["game"]["number"] == 1 and fields["game"]["trial"] is None
    desk.start_game("bart", 0, 4)
    for trial in range(3):
        desk.trial("bart", trial)
    fields = _read(desk, status)
    assert fields["state"] == "game" and (fields["game"]["trial"], fields["game"]["trials"]) == (3, 4)
    assert fields["remaining_s"] is not None and fields["elapsed_s"] >= 0
    desk.end_game("bart")
    assert _read(desk, status)["game"]["number"] == 2
    assert desk.session_id is not None
    desk.log.close_session(desk.session_id, desk.t_ns + 1, reason="completed")
    desk.log.flush()
    fields = _read(desk, status)
    assert fields["state"] == "finished" and fields["remaining_s"] == 0.0
    assert fields["timeline"][-1]["text"] == "Session closed (completed)"


def test_focus_idle_pause_and_calls_are_counted_and_alerted(desk: SimulatedStation) -> None:
    status = StationLiveStatus()
    desk.admit("P-2")
    desk.consent()
    desk.start_game("bart", 0, 10)
    desk.focus_lost()
    desk._record("station.focus_gained", {"away_ns": 3_000_000_000})
    desk._record("station.idle_detected", {"idle_ms": 30_000})
    fields = _read(desk, status)
    assert fields["alerts"] == ["idle"] and fields["focus_losses"] == 1 and fields["idle_spells"] == 1
    desk._record("station.paused", {"reason": "idle"})
    fields = _read(desk, status)
    assert fields["state"] == "paused" and fields["alerts"] == ["paused"]
    desk._record("station.game_resumed", {"suspended_ns": 1})
    desk.call_proctor("game")
    fields = _read(desk, status)
    assert fields["state"] == "game" and fields["alerts"] == ["proctor_called"] and fields["proctor_calls"] == 1
    desk._record("station.game_suspended", {"reason": "proctor"})  # the proctor came and opened the panel
    assert _read(desk, status)["alerts"] == []


def test_a_session_left_open_by_a_process_that_is_gone_is_interrupted(desk: SimulatedStation) -> None:
    desk.admit("P-3")
    desk.consent()
    desk.start_game("bart", 0, 10)
    desk.trial("bart", 6)
    fields = _read(desk, StationLiveStatus(pid=os.getpid() + 1))  # the station restarted: another process
    assert fields["state"] == "interrupted" and fields["alerts"][0] == "interrupted"
    assert fields["game"]["trial"] == 7 and fields["participant"] == "P-3"


def test_a_practice_round_shows_as_practice(desk: SimulatedStation) -> None:
    status = StationLiveStatus()
    desk.admit("P-4")
    desk.consent()
    practice = desk.log.open_session(purpose="practice", participant="P-4", battery="test_fast")
    desk.log.record(practice.session_id, "livetest.game_started", 1, {"trials": 2}, game="bart")
    desk.log.record(practice.session_id, "livetest.trial", 2, {"answer": 1}, game="bart", trial=0)
    desk.log.flush()
    fields = _read(desk, status)
    assert fields["state"] == "practice"
    assert fields["game"] == {"name": "bart", "title": "Balloon game", "number": 1, "of": 3, "trial": 1,
                              "trials": 2, "practice": True}
