"""Station heartbeats on a real receiver: signed by the enrolled key, replay-safe, no names, derived from the
station database on the worker's own thread, and nothing but one connection attempt per backoff when offline."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventlog import Store
from sync.heartbeat import HEARTBEATS_PATH, SIGNATURE_HEADER, Heartbeat, signed_message
from sync.heartbeat_sender import HeartbeatSender
from sync.identity import StationIdentity
from tests.sync.conftest import Receiver
from tests.sync.live_station import SimulatedStation


@pytest.fixture
def desk(tmp_path: Path) -> Any:
    station = SimulatedStation(tmp_path / "desk", "desk-7")
    yield station
    station.close()


def _beat(identity: StationIdentity, seq: int, **fields: Any) -> bytes:
    beat = Heartbeat(station_id=identity.station_id, station_key=identity.public_hex, station_name="desk-7",
                     seq=seq, sent_utc="2030-01-01T00:00:00Z", state="idle", **fields)
    return beat.model_dump_json().encode()


def _send(receiver: Receiver, body: bytes, signature: str | None, media: str = "application/json") -> httpx.Response:
    headers = {"Content-Type": media, **({SIGNATURE_HEADER: signature} if signature is not None else {})}
    return httpx.post(receiver.url + HEARTBEATS_PATH, content=body, headers=headers, timeout=10)


def _live(receiver: Receiver) -> list[dict[str, Any]]:
    return [json.loads(row.body) for row in receiver.storage.live()]


def _until(check: Any, what: str, limit_s: float = 20.0) -> None:
    deadline = time.monotonic() + limit_s  # only stops a hung test
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_signed_heartbeat_is_kept_and_a_replay_never_moves_the_station_back(
    desk: SimulatedStation, receiver_factory: Any
) -> None:
    receiver: Receiver = receiver_factory(enroll=[desk.directory])
    identity = desk.identity
    new, old = _beat(identity, 20, focus_losses=2), _beat(identity, 10, focus_losses=1)
    sign = identity.sign
    assert _send(receiver, new, sign(signed_message(new)).hex()).json() == {"status": "stored", "seq": 20,
                                                                            "stored_seq": 20}
    replay = _send(receiver, old, sign(signed_message(old)).hex())
    assert replay.status_code == 409 and replay.json() == {"status": "stale", "seq": 10, "stored_seq": 20}
    again = _send(receiver, new, sign(signed_message(new)).hex())
    assert again.status_code == 409
    assert [beat["focus_losses"] for beat in _live(receiver)] == [2]


def test_heartbeats_are_refused_unless_signed_by_the_enrolled_key(desk: SimulatedStation, tmp_path: Path,
                                                                  receiver_factory: Any) -> None:
    receiver: Receiver = receiver_factory(enroll=[desk.directory])
    body = _beat(desk.identity, 5)
    cases = {
        "no signature": (body, None, 422, "signature"),
        "a signature of other bytes": (body, desk.identity.sign(b"x").hex(), 422, "signature"),
        "the manifest-style signature (no context)": (body, desk.identity.sign(body).hex(), 422, "signature"),
        "an altered body": (body.replace(b'"idle"', b'"game"'), desk.identity.sign(signed_message(body)).hex(),
                            422, "signature"),
        "not a heartbeat": (b'{"seq": 1}', "00", 422, "heartbeat"),
        "a name where none belongs": (body.replace(b'"state"', b'"name":"Ann","state"'), "00", 422, "heartbeat"),
    }
    for name, (data, signature, status, check) in cases.items():
        answer = _send(receiver, data, signature)
        assert (answer.status_code, answer.json()["check"]) == (status, check), name
    assert _send(receiver, body, "00", media="text/plain").status_code == 415
    assert _send(receiver, b"{" + b" " * 70_000 + b"}", "00").status_code == 413
    stranger = SimulatedStation(tmp_path / "stranger", "stranger")
    try:
        alien = _beat(stranger.identity, 5)
        answer = _send(receiver, alien, stranger.identity.sign(signed_message(alien)).hex())
        assert answer.status_code == 403 and "not enrolled" in answer.json()["detail"]
    finally:
        stranger.close()
    assert _live(receiver) == []


def test_the_worker_derives_heartbeats_from_the_station_database(desk: SimulatedStation,
                                                                 receiver_factory: Any) -> None:
    receiver: Receiver = receiver_factory(enroll=[desk.directory])
    with Store.in_dir(desk.directory) as store:  # personal data the proctor entered stays on the station
        store.conn.execute("INSERT INTO people (participant, name, email, created_utc) VALUES (?, ?, ?, ?)",
                           ("P-7K3Q", "Ann Example", "ann@example.org", "2030-01-01"))
    readers: set[str] = set()
    worker = desk.connect(receiver.url, heartbeat_s=1.0)
    assert worker.heartbeats is not None
    source = worker.heartbeats.source
    read = source.read
    source.read = lambda store: (readers.add(threading.current_thread().name), read(store))[1]  # type: ignore
    _until(lambda: [b["state"] for b in _live(receiver)] == ["idle"], "an idle station reports")
    desk.admit("P-7K3Q")
    desk.consent()
    desk.start_game("bart", 0, 30)
    desk.trial("bart", 0)
    desk.trial("bart", 1)
    desk.focus_lost()
    desk.call_proctor("game")
    _until(lambda: _live(receiver)[0]["proctor_calls"] == 1, "the call for the proctor arrives")
    beat = _live(receiver)[0]
    assert beat["state"] == "game" and beat["participant"] == "P-7K3Q" and beat["station_name"] == "desk-7"
    assert beat["game"] == {"name": "bart", "title": "Balloon game", "number": 1, "of": 3, "trial": 2, "trials": 30,
                            "practice": False}
    assert beat["alerts"] == ["proctor_called", "focus_lost"] and beat["focus_losses"] == 1
    assert beat["remaining_s"] is not None and beat["free_disk_bytes"] > 0
    assert [step["kind"] for step in beat["timeline"]] == [
        "session.opened", "station.consent", "station.game_will_start", "station.focus_lost", "station.proctor_called"]
    desk.end_game("bart")
    _until(lambda: _live(receiver)[0]["state"] == "instructions", "the next game's instructions")
    assert _live(receiver)[0]["game"]["number"] == 2
    text = json.dumps(_live(receiver))
    assert "Ann" not in text and "example.org" not in text
    assert readers == {"hiremate-heartbeat"}  # never the caller's (the GUI's) thread


def test_an_offline_station_reads_nothing_and_backs_off(desk: SimulatedStation) -> None:
    attempts: list[float] = []
    reads: list[float] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        attempts.append(time.monotonic())
        raise httpx.ConnectError("connection refused", request=request)

    class Source:
        def read(self, store: Store) -> dict[str, Any]:
            reads.append(time.monotonic())
            return {"state": "idle", "station_name": "desk-7"}

    sender = HeartbeatSender(desk.directory / "station.sqlite3", "http://receiver.invalid", Source(),
                             transport=httpx.MockTransport(refuse))
    with Store.in_dir(desk.directory) as store:
        waits = [sender._beat(store, desk.identity, force=True) for _ in range(6)]
    assert len(attempts) == len(reads) == 6  # one read and one attempt per beat, and a beat only after each wait
    assert all(wait >= 1.0 for wait in waits) and waits[-1] > waits[0]  # 2 s doubling (with jitter) up to 60 s
    assert max(waits) <= 60.0 and sender.sent == 0
