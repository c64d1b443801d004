"""Erasure propagated to a real receiver over the sync path (SQLite and PostgreSQL backends): the signed
request is queued with the tombstone, delivered (also after the receiver was down), idempotent, answered with a
signed receipt the station stores and verifies; the receiver's data of that session is gone, the other sessions
stay, and a later upload of the session is refused."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.client import Backoff, SyncClient
from sync.erasure_outbox import RECEIPT_KEY_SETTING, requests_of
from sync.erasure_protocol import ERASURES_PATH, ErasureReceipt
from sync.heartbeat import SIGNATURE_HEADER
from sync.outbox import item
from sync.protocol import BUNDLE_MEDIA_TYPE, BUNDLES_PATH
from sync.receiver.signing import signer_for
from sync.receiver.storage import LiveRow
from sync.worker import SyncWorker
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import Receiver, session_ids

# the sync tests' fixtures: a station with three completed sessions, and a real receiver on both backends
backend, station = sync_fixtures.backend, sync_fixtures.station
receiver, receiver_factory = sync_fixtures.receiver, sync_fixtures.receiver_factory

FAST = Backoff(base_s=0.02, cap_s=0.2)
SLOW = Backoff(base_s=600.0, cap_s=900.0)


def cli(station: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    """Run a station command with --json; its exit status and parsed output."""
    status = main(["--data-dir", str(station), *argv, "--json"])
    out, err = capsys.readouterr()
    assert not err.strip() or status == 0, err
    return status, json.loads(out) if out.strip() else None


def sync_pass(station: Path, url: str, backoff: Backoff = FAST, force: bool = True) -> Any:
    with Store.in_dir(station) as store, SyncClient(url, backoff=backoff, seed=11) as client:
        return client.run_pass(store, force=force)


def receipts(station: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    status, rows = cli(station, capsys, "privacy", "receipts")
    assert status == 0
    return {row["session_id"]: row for row in rows}


def delivered_bundle(station: Path, session_id: str) -> bytes:
    with Store.in_dir(station) as store:
        entry = item(store, session_id)
        assert entry is not None and entry.state == "delivered"
        return (station / entry.bundle_path).read_bytes()


def wait_for(condition: Callable[[], bool], what: str, limit_s: float = 60.0) -> None:
    """Poll until condition holds; the limit only stops a hung test, it measures nothing."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def test_an_erasure_reaches_the_receiver_and_comes_back_with_a_verified_receipt(
        station: Path, receiver: Receiver, capsys: pytest.CaptureFixture[str]) -> None:
    ids = session_ids(station)
    assert sync_pass(station, receiver.url).delivered == 3
    gone, kept = ids[0], ids[1:]
    bundle = delivered_bundle(station, gone)
    events_before = len(receiver.storage.events(gone))
    assert events_before > 0
    key = receiver.storage.sessions()[0].public_key
    receiver.storage.put_live(LiveRow(key, receiver.storage.sessions()[0].station_id, 1, "2026-01-01T00:00:00",
                                      json.dumps({"session_id": gone, "state": "game"})))

    status, outcome = cli(station, capsys, "privacy", "erase", "--session", gone, "--reason", "withdrawn 2026-7")
    assert status == 0 and len(outcome["receiver_requests"]) == 1
    assert receipts(station, capsys)[gone]["status"] == "queued"
    status, tombstone_rows = cli(station, capsys, "privacy", "tombstones")
    assert [row["receiver"] for row in tombstone_rows] == ["queued"]

    status, result = cli(station, capsys, "sync", "run", "--endpoint", receiver.url)
    assert status == 0 and result["pass"]["erasures_verified"] == 1, result

    row = receipts(station, capsys)[gone]
    assert row["status"] == "receipt verified" and row["request_id"] == outcome["receiver_requests"][0]
    receipt = ErasureReceipt.model_validate(row["receipt"])
    receiver_key = signer_for(receiver.storage).public_raw
    assert receipt.signature_ok(receiver_key) and receipt.receiver_key == receiver_key.hex()
    assert receipt.removed == {"bundles": 1, "events": events_before, "results": 1, "heartbeats": 1}
    assert receipt.requested_by == "station" and receipt.reason == "withdrawn 2026-7"
    with Store.in_dir(station) as store:
        pinned = store.conn.execute("SELECT value FROM station_settings WHERE key = ?",
                                    (RECEIPT_KEY_SETTING,)).fetchone()
    assert pinned == (receiver_key.hex(),)

    # the receiver's data of that session is gone; the other sessions stay whole
    assert receiver.get(f"/api/v1/sessions/{gone}").status_code == 404
    assert receiver.storage.get(gone) is None and receiver.storage.events(gone) == []
    assert receiver.storage.live() == []
    assert sorted(r["session_id"] for r in receiver.get("/api/v1/sessions").json()) == sorted(kept)
    assert all(receiver.storage.events(sid) for sid in kept)
    [record] = receiver.storage.erasures()
    assert record["session_id"] == gone and record["request_id"] == receipt.request_id
    assert json.loads(record["removed"]) == receipt.removed and "P-0000" not in json.dumps(record)

    # a later upload of the erased session is refused, and not stored again
    again = httpx.post(receiver.url + BUNDLES_PATH, content=bundle, headers={"Content-Type": BUNDLE_MEDIA_TYPE},
                       timeout=10)
    assert again.status_code == 410 and again.json()["check"] == "erased" and gone in again.json()["detail"]
    assert receiver.storage.get(gone) is None


def test_the_receiver_down_first_then_up_the_request_is_retried_and_delivered(
        station: Path, receiver_factory: Any, capsys: pytest.CaptureFixture[str]) -> None:
    receiver = receiver_factory(enroll=[station], start=False)
    gone = session_ids(station)[0]
    assert cli(station, capsys, "privacy", "erase", "--session", gone, "--reason", "withdrawn")[0] == 0

    report = sync_pass(station, receiver.url, backoff=SLOW)
    assert report.unreachable and report.erasures_retry == 1 and report.delivered == 0
    row = receipts(station, capsys)[gone]
    assert row["status"] == "queued" and row["attempts"] == 1 and "ConnectError" in row["last_error"]
    receiver.server.start()
    assert sync_pass(station, receiver.url, backoff=SLOW, force=False).erasures_sent == 0  # backing off
    assert receipts(station, capsys)[gone]["status"] == "queued"

    with Store.in_dir(station) as store:  # the worker retries on its own once the backoff is over
        store.conn.execute("UPDATE erasure_requests SET next_attempt_utc = '2000-01-01'")
        worker = SyncWorker(store.path, receiver.url, backoff=FAST, seed=3, idle_s=0.2).start()
    try:
        wait_for(lambda: receipts(station, capsys)[gone]["status"] == "receipt verified", "the receipt")
    finally:
        worker.stop()
    row = receipts(station, capsys)[gone]
    assert row["attempts"] == 2 and row["last_error"] is None
    assert ErasureReceipt.model_validate(row["receipt"]).removed["bundles"] == 0  # it never reached the receiver
    # the session can never reach it now: an upload from a copy is refused
    assert [r["session_id"] for r in receiver.storage.erasures()] == [gone]


def test_the_same_request_twice_gets_the_same_receipt_and_erases_once(
        station: Path, receiver: Receiver, capsys: pytest.CaptureFixture[str]) -> None:
    sync_pass(station, receiver.url)
    gone = session_ids(station)[1]
    cli(station, capsys, "privacy", "erase", "--session", gone, "--reason", "withdrawn")
    with Store.in_dir(station) as store:
        [queued] = requests_of(store.conn, gone)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: queued.signature}
    first = httpx.post(receiver.url + ERASURES_PATH, content=queued.body.encode(), headers=headers, timeout=10)
    second = httpx.post(receiver.url + ERASURES_PATH, content=queued.body.encode(), headers=headers, timeout=10)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.content == second.content and first.json()["removed"]["bundles"] == 1  # byte for byte
    assert len(receiver.storage.erasures()) == 1

    sync_pass(station, receiver.url)  # the station's own delivery of the same request: the same receipt again
    row = receipts(station, capsys)[gone]
    assert row["status"] == "receipt verified" and row["receipt"] == first.json()
    assert len(receiver.storage.erasures()) == 1
    assert len(receiver.get("/api/v1/sessions").json()) == 2


def test_a_participant_withdrawal_erases_each_session_at_the_receiver(
        station: Path, receiver: Receiver, capsys: pytest.CaptureFixture[str]) -> None:
    sync_pass(station, receiver.url)
    ids = session_ids(station)
    status, outcome = cli(station, capsys, "privacy", "withdraw", "P-0002")
    assert status == 0 and len(outcome["receiver_requests"]) == 1
    assert sync_pass(station, receiver.url).erasures_verified == 1
    assert sorted(r["session_id"] for r in receiver.get("/api/v1/sessions").json()) == sorted(ids[:2])
    assert receipts(station, capsys)[ids[2]]["receipt"]["reason"] == "consent withdrawn"


def test_a_receipt_signed_by_another_key_than_the_pinned_one_is_not_taken(
        station: Path, receiver: Receiver, capsys: pytest.CaptureFixture[str]) -> None:
    sync_pass(station, receiver.url)
    with Store.in_dir(station) as store:
        store.conn.execute("INSERT INTO station_settings (key, value) VALUES (?, ?)", (RECEIPT_KEY_SETTING, "ab" * 32))
    gone = session_ids(station)[0]
    cli(station, capsys, "privacy", "erase", "--session", gone, "--reason", "withdrawn")
    report = sync_pass(station, receiver.url, backoff=SLOW)
    assert report.erasures_retry == 1 and "pinned" in report.errors[0]
    row = receipts(station, capsys)[gone]
    assert row["status"] == "queued" and "pinned" in row["last_error"]

    real = signer_for(receiver.storage)  # the officer compares fingerprints and pins the receiver's real key
    status, shown = cli(station, capsys, "privacy", "receiver-key", real.public_raw.hex(), "--as", "dpo")
    assert status == 0 and shown["fingerprint"] == real.fingerprint
    assert sync_pass(station, receiver.url).erasures_verified == 1
    assert receipts(station, capsys)[gone]["status"] == "receipt verified"
    status, audit = cli(station, capsys, "privacy", "audit", "--action", "receiver_key.pin")
    assert [row["detail"]["key"] for row in audit] == [real.public_raw.hex()]


def test_a_request_refused_by_the_receiver_is_rejected_until_queued_again(
        station: Path, receiver_factory: Any, capsys: pytest.CaptureFixture[str]) -> None:
    receiver = receiver_factory(enroll=[])  # the station is not enrolled yet
    gone = session_ids(station)[0]
    cli(station, capsys, "privacy", "erase", "--session", gone, "--reason", "withdrawn")
    report = sync_pass(station, receiver.url)
    assert report.erasures_rejected == 1 and "HTTP 403: station" in report.errors[0]
    row = receipts(station, capsys)[gone]
    assert row["status"] == "rejected" and "not enrolled" in row["last_error"]
    assert sync_pass(station, receiver.url).erasures_sent == 0  # stays rejected
    with Store.in_dir(station) as store:
        receiver.storage.enroll(bytes.fromhex(json.loads(requests_of(store.conn)[0].body)["station_key"]), "late")
    status, result = cli(station, capsys, "sync", "run", "--endpoint", receiver.url, "--retry-rejected")
    assert status == 0 and result["pass"]["erasures_verified"] == 1
    assert receipts(station, capsys)[gone]["status"] == "receipt verified"


def test_the_same_request_sent_concurrently_is_carried_out_once(
        station: Path, receiver: Receiver, capsys: pytest.CaptureFixture[str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    sync_pass(station, receiver.url)
    gone = session_ids(station)[0]
    cli(station, capsys, "privacy", "erase", "--session", gone, "--reason", "withdrawn")
    with Store.in_dir(station) as store:
        [queued] = requests_of(store.conn, gone)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: queued.signature}

    def send(_: int) -> httpx.Response:
        return httpx.post(receiver.url + ERASURES_PATH, content=queued.body.encode(), headers=headers, timeout=30)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(send, range(4)))
    assert sorted(answer.status_code for answer in answers) == [200, 200, 200, 201]
    assert len({answer.content for answer in answers}) == 1
    assert len(receiver.storage.erasures()) == 1 and receiver.storage.get(gone) is None
