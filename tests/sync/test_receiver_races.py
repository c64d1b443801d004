"""Several receiver processes on one database, raced for real: two `hiremate receiver serve` processes (and one
with --workers 2) share a PostgreSQL database (and, as the embedded default allows, a SQLite file).

Copies of one bundle posted at the same instant to both processes: exactly one 201, the rest 200, stored once.
A different bundle under the same session id: 409. Heartbeats of one station sent in a scramble to both
processes: the stored one never goes back in time, and the newest wins.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventlog import Store
from sync.bundle import build_bundle
from sync.heartbeat import HEARTBEATS_PATH, SIGNATURE_HEADER, Heartbeat, signed_message
from sync.identity import StationIdentity, load_identity
from sync.receiver.auth import create_token
from sync.receiver.backends import open_storage
from sync.receiver.server import free_port
from tests.pgserver import PgServer
from tests.sync.conftest import session_ids
from tests.sync.tamper import members_of, resign

pytestmark = pytest.mark.slow
COPIES = 8


class Served:
    """Receiver processes serving one database: their URLs, the database and a read token."""

    def __init__(self, target: str, home: Path, token: str) -> None:
        self.target, self.home, self.token = target, home, token
        self.processes: list[subprocess.Popen[str]] = []
        self.urls: list[str] = []

    def start(self, workers: int = 1) -> str:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli", "--data-dir", str(self.home), "receiver", "serve", "--db", self.target,
             "--port", str(port), "--workers", str(workers)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.processes.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120  # only stops a hung test: worker processes import the app first
        while time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[0]
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    self.urls.append(url)
                    return url
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"receiver on {url} did not start")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


@pytest.fixture
def database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database for several processes: a PostgreSQL URL, or a SQLite file."""
    if backend == "sqlite":
        yield str(tmp_path / "shared" / "receiver.sqlite3")
        return
    pg: PgServer = request.getfixturevalue("pg_server")
    url = pg.create_database()
    yield url
    pg.drop_database(url)


@pytest.fixture
def served(database: str, station: Path, tmp_path: Path) -> Iterator[Served]:
    """Two receiver processes on the database, the station enrolled."""
    storage = open_storage(database, home=tmp_path / "home" / "receiver")
    storage.enroll(load_identity(station).public_raw, "desk")
    token, _ = create_token(storage, "races")
    storage.close()
    both = Served(database, tmp_path / "home", token)
    try:
        both.start()
        both.start()
        yield both
    finally:
        both.stop()


def _together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call at the same instant (a barrier in as many threads)."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _post(url: str, data: bytes) -> int:
    return httpx.post(url + "/api/v1/bundles", content=data, timeout=60,
                      headers={"Content-Type": "application/zip"}).status_code


def _bundle(station: Path, sid: str) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, sid, load_identity(station))


def test_copies_of_a_bundle_racing_in_two_processes_are_stored_once(served: Served, station: Path) -> None:
    for sid in session_ids(station):
        data = _bundle(station, sid)
        statuses = _together([lambda url=served.urls[n % 2], body=data: _post(url, body) for n in range(COPIES)])
        assert sorted(statuses) == [200] * (COPIES - 1) + [201], statuses
    listed = httpx.get(served.urls[1] + "/api/v1/sessions", headers={"Authorization": f"Bearer {served.token}"},
                       timeout=30).json()
    assert sorted(row["session_id"] for row in listed) == sorted(session_ids(station))
    for sid in session_ids(station):
        events = httpx.get(f"{served.urls[0]}/api/v1/sessions/{sid}/events", timeout=30,
                           headers={"Authorization": f"Bearer {served.token}"}).content
        assert events == members_of(_bundle(station, sid))["events.jsonl"]


def test_a_conflicting_bundle_racing_the_original_gets_409(served: Served, station: Path) -> None:
    identity = load_identity(station)
    for sid in session_ids(station):
        data = _bundle(station, sid)
        results = members_of(data)["results.json"]
        other = resign(data, identity, results_json=results.replace(b'"strengths":[]', b'"strengths":["x"]'))
        assert other != data
        statuses = _together([lambda url=served.urls[n % 2], body=(data, other)[n % 2]: _post(url, body)
                              for n in range(COPIES)])
        created = [n for n, status in enumerate(statuses) if status == 201]
        assert len(created) == 1, statuses
        winner = created[0] % 2  # copies of the winning bundle are duplicates, of the other conflicts
        assert [status for n, status in enumerate(statuses) if n % 2 != winner] == [409] * (COPIES // 2), statuses
        assert sorted(s for n, s in enumerate(statuses) if n % 2 == winner) == [200] * (COPIES // 2 - 1) + [201]
        assert _post(served.urls[0], (data, other)[1 - winner]) == 409


def _heartbeat(identity: StationIdentity, seq: int) -> tuple[bytes, str]:
    beat = Heartbeat(station_id=identity.station_id, station_key=identity.public_hex, station_name="desk", seq=seq,
                     sent_utc="2030-01-01T00:00:00Z", state="game", focus_losses=seq)
    body = beat.model_dump_json().encode()
    return body, identity.sign(signed_message(body)).hex()


def test_heartbeats_reaching_two_processes_never_go_back_in_time(served: Served, station: Path,
                                                                 database: str, tmp_path: Path) -> None:
    identity = load_identity(station)
    seqs = list(range(1, 201))
    random.Random(7).shuffle(seqs)  # arrive in a scramble, as from a station over a flaky network
    signed = {seq: _heartbeat(identity, seq) for seq in seqs}
    watcher = open_storage(database, home=tmp_path / "watch")
    seen: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.extend(watcher.live_versions().values())

    def send(seq: int) -> tuple[int, int, int]:
        body, signature = signed[seq]
        answer = httpx.post(served.urls[seq % 2] + HEARTBEATS_PATH, content=body, timeout=60,
                            headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature})
        return seq, answer.status_code, answer.json()["stored_seq"]

    thread = threading.Thread(target=watch)
    thread.start()
    try:
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(send, seqs))
    finally:
        done.set()
        thread.join()
    assert seen == sorted(seen), "the stored heartbeat went back in time"
    for seq, status, stored in answers:
        assert (status == 200 and stored == seq) or (status == 409 and stored > seq), (seq, status, stored)
    assert 200 in {status for _, status, _ in answers} and max(seen) == 200
    (row,) = watcher.live()
    assert row.seq == 200 and Heartbeat.model_validate_json(row.body).focus_losses == 200
    watcher.close()


def test_workers_share_one_port_and_one_database(database: str, station: Path, tmp_path: Path) -> None:
    storage = open_storage(database, home=tmp_path / "home" / "receiver")
    storage.enroll(load_identity(station).public_raw, "desk")
    token, _ = create_token(storage, "workers")
    storage.close()
    served = Served(database, tmp_path / "home", token)
    try:
        url = served.start(workers=2)
        sid = session_ids(station)[0]
        statuses = _together([lambda: _post(url, _bundle(station, sid)) for _ in range(COPIES)])
        assert sorted(statuses) == [200] * (COPIES - 1) + [201]
        body, signature = _heartbeat(load_identity(station), 5)
        answer = httpx.post(url + HEARTBEATS_PATH, content=body, timeout=30,
                            headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature})
        assert answer.status_code == 200 and answer.json()["stored_seq"] == 5
        listed = httpx.get(url + "/api/v1/sessions", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert [row["session_id"] for row in listed.json()] == [sid]
    finally:
        served.stop()
