"""Sync fixtures: an initialised station with completed sessions, and a real uvicorn receiver on loopback.

Every receiver fixture runs each test twice, once per storage backend: SQLite (a file in the test's folder) and
PostgreSQL (a new database on a real server started once per test session, see tests/pgserver.py).
"""

from __future__ import annotations

import json
import ssl
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventlog import Store, verify_store
from sync.bundle import bundle_sha256
from sync.identity import load_identity
from sync.outbox import item
from sync.receiver import ServerThread, create_app
from sync.receiver.auth import create_token
from sync.receiver.live_feed import DashboardOptions
from sync.receiver.storage import BundleStorage
from sync.sealing import is_sealed
from sync.trust import client_verify
from tests.sync.faults import FailingPosts
from tests.sync.live_station import SimulatedStation
from tests.sync.sessions import init_station, make_sessions

BACKENDS = ("sqlite", "postgres")


@dataclass
class Receiver:
    """A running receiver: its URL, storage, fault middleware, server thread and a valid read token."""

    server: ServerThread
    storage: BundleStorage
    faults: FailingPosts
    token: str
    verify: ssl.SSLContext | bool = True

    @property
    def url(self) -> str:
        """Base URL."""
        return self.server.url

    @property
    def db(self) -> str:
        """What `--db` takes for this receiver's database: its SQLite file, or its PostgreSQL URL."""
        return str(getattr(self.storage, "url", None) or getattr(self.storage, "path", ""))

    @property
    def beside_db(self) -> Path:
        """A path in the receiver's home folder, where its files live beside the database (the age identity): the
        SQLite file itself, or where it would be for PostgreSQL."""
        assert self.storage.home is not None
        return self.storage.home / "receiver.sqlite3"

    def get(self, path: str, token: str | None = "") -> httpx.Response:
        """GET from the receiver with its read token (another token if given, none if None)."""
        token = self.token if token == "" else token
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return httpx.get(self.url + path, timeout=10, headers=headers, verify=self.verify)


@pytest.fixture
def station(tmp_path: Path) -> Path:
    """An initialised station data dir (real `hiremate init`) with three completed assessment sessions."""
    directory = tmp_path / "station"
    init_station(directory)
    make_sessions(directory, 3)
    return directory


def session_ids(station: Path) -> list[str]:
    """The station's completed assessment sessions."""
    with Store.in_dir(station) as store:
        return [row.id for row in store.sessions("completed") if row.purpose != "practice"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The receiver storage backend a test runs on: every receiver test here runs on both (elsewhere, SQLite)."""
    return str(request.param)


@pytest.fixture
def receiver_factory(storage_factory: object) -> Iterator[object]:
    """make(enroll=[data_dir...], port=None, start=True, tls=None) -> Receiver; tls=(cert, key) serves HTTPS
    (the Receiver then trusts the cert for its own reads); every receiver is stopped afterwards."""
    made: list[Receiver] = []

    def make(enroll: list[Path] = (), port: int | None = None, start: bool = True,  # type: ignore[assignment]
             tls: tuple[Path, Path] | None = None) -> Receiver:
        storage: BundleStorage = storage_factory(f"receiver{len(made)}")  # type: ignore[operator]
        for data_dir in enroll:
            storage.enroll(load_identity(data_dir).public_raw, "test")
        token, _ = create_token(storage, "tests")
        faults = FailingPosts(create_app(storage))
        server = ServerThread(faults, port=port, tls=(str(tls[0]), str(tls[1])) if tls else None)
        verify = client_verify(tls[0].read_text()) if tls else True
        receiver = Receiver(server, storage, faults, token, verify)
        made.append(receiver)
        if start:
            receiver.server.start()
        return receiver

    yield make
    for receiver in made:
        receiver.server.stop()


@pytest.fixture
def receiver(receiver_factory: object, station: Path) -> Receiver:
    """A running receiver with the station enrolled."""
    return receiver_factory(enroll=[station])  # type: ignore[operator]


def assert_synced(station: Path, receiver: Receiver, ids: list[str]) -> None:
    """Each session is on the receiver exactly once, byte-identical to the outbox file, and still on the station."""
    listed = Counter(row["session_id"] for row in receiver.get("/api/v1/sessions").json())
    assert sorted(listed) == sorted(ids)
    assert set(listed.values()) == {1}
    with Store.in_dir(station) as store:
        assert verify_store(store).ok
        for sid in ids:
            queued = item(store, sid)
            assert queued is not None and queued.state == "delivered", queued
            local = (station / queued.bundle_path).read_bytes()
            stored = receiver.get(f"/api/v1/sessions/{sid}/bundle").content
            receipt = json.loads(queued.receipt or "{}")
            if is_sealed(local):  # the receiver keeps the signed bundle it decrypted from the upload
                assert receipt["upload_sha256"] == bundle_sha256(local) == queued.bundle_sha256
                assert bundle_sha256(stored) == receipt["bundle_sha256"]
            else:
                assert stored == local
            row = store.session(sid)
            assert row is not None and store.event_count(sid) == row.event_count


@pytest.fixture
def room(storage_factory: Callable[..., Any], tmp_path: Path) -> Iterator[tuple[str, str, list[SimulatedStation]]]:
    """A receiver (its dashboard calls a station silent after 4 s) and two stations sending heartbeats."""
    storage = storage_factory()
    stations = [SimulatedStation(tmp_path / name, name) for name in ("desk-1", "desk-2")]
    for station in stations:
        storage.enroll(station.identity.public_raw, station.identity.name)
    token, _ = create_token(storage, "dashboard")
    server = ServerThread(create_app(storage, dashboard=DashboardOptions(poll_s=0.25, stale_after_s=4.0))).start()
    for station in stations:
        station.connect(server.url, heartbeat_s=1.0)
    try:
        yield server.url, token, stations
    finally:
        for station in stations:
            station.close()
        server.stop()


def seat_two_candidates(stations: list[SimulatedStation]) -> None:
    """The dashboard tests' opening: desk-1's candidate plays the first game, desk-2's is at the consent screen."""
    desk1, desk2 = stations
    desk1.admit("P-7K3Q")
    desk1.consent()
    desk1.start_game("bart", 0, 10)
    desk2.admit("P-2MNB")
