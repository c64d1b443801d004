"""The sync client against a real receiver: delivery, idempotency and every fault scenario of the issue."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.client import Backoff, Progress, SyncClient
from sync.identity import load_identity
from sync.outbox import enqueue_completed, item, items, read_item_bytes
from sync.worker import SyncWorker
from tests.sync.conftest import Receiver, assert_synced, session_ids
from tests.sync.faults import FlakyProxy
from tests.sync.sessions import make_sessions
from tests.sync.tamper import resign

FAST = Backoff(base_s=0.02, cap_s=0.2)


def _pass(station: Path, url: str, **kwargs: object) -> object:
    with Store.in_dir(station) as store, SyncClient(url, backoff=FAST, seed=7) as client:
        return client.run_pass(store, force=True, **kwargs)  # type: ignore[arg-type]


def _wait_for(condition: Callable[[], bool], what: str, limit_s: float = 60.0) -> None:
    """Poll until condition holds; the limit only stops a hung test, it measures nothing."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def _states(station: Path) -> dict[str, str]:
    with Store.in_dir(station) as store:
        return {row.session_id: row.state for row in items(store)}


def test_one_pass_delivers_every_completed_session(station: Path, receiver: Receiver) -> None:
    seen: list[Progress] = []
    report = _pass(station, receiver.url, progress=seen.append)
    ids = session_ids(station)
    assert report.delivered == 3 and report.enqueued == 3
    assert [(p.index, p.state) for p in seen] == [(1, "sending"), (1, "delivered"), (2, "sending"),
                                                   (2, "delivered"), (3, "sending"), (3, "delivered")]
    assert_synced(station, receiver, ids)
    with Store.in_dir(station) as store:
        receipts = [json.loads(item(store, sid).receipt) for sid in ids]
    assert [r["status"] for r in receipts] == ["created"] * 3
    assert _pass(station, receiver.url).attempted == 0


def test_same_bundle_again_is_a_duplicate(station: Path, receiver: Receiver) -> None:
    with Store.in_dir(station) as store:
        enqueue_completed(store)
        entry = items(store)[0]
        data = read_item_bytes(store, entry)
    with SyncClient(receiver.url) as client:
        assert client.upload(data, entry.bundle_sha256).status == "created"
        assert client.upload(data, entry.bundle_sha256).status == "duplicate"
    _pass(station, receiver.url)
    assert_synced(station, receiver, session_ids(station))


def test_different_bundle_under_same_session_is_a_conflict_shown_in_status(
    station: Path, receiver: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.in_dir(station) as store:
        enqueue_completed(store)
        first = items(store)[0]
        data = read_item_bytes(store, first)
    rival = resign(data, load_identity(station),
                   edit=lambda m: m["session"].update(closed_utc="2001-01-01T00:00:00+00:00"))
    assert httpx.post(receiver.url + "/api/v1/bundles", content=rival, timeout=10,
                      headers={"Content-Type": "application/zip"}).status_code == 201
    report = _pass(station, receiver.url)
    assert report.conflict == 1 and report.delivered == 2
    capsys.readouterr()
    assert main(["--data-dir", str(station), "sync", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["counts"]["conflict"] == 1
    row = next(r for r in status["items"] if r["session_id"] == first.session_id)
    assert row["state"] == "conflict" and "different bundle" in row["last_error"]
    assert receiver.get(f"/api/v1/sessions/{first.session_id}/bundle").content == rival


def test_unknown_station_is_rejected_until_enrolled(station: Path, receiver_factory: object) -> None:
    receiver = receiver_factory(enroll=[])  # type: ignore[operator]
    report = _pass(station, receiver.url)
    assert report.rejected == 3
    with Store.in_dir(station) as store:
        assert all("station" in (row.last_error or "") for row in items(store))
    receiver.storage.enroll(load_identity(station).public_raw, "late")
    assert main(["--data-dir", str(station), "sync", "run", "--endpoint", receiver.url, "--retry-rejected"]) == 0
    assert_synced(station, receiver, session_ids(station))


def test_server_down_at_first_then_up_worker_retries(station: Path, receiver_factory: object) -> None:
    receiver = receiver_factory(enroll=[station], start=False)  # type: ignore[operator]
    with Store.in_dir(station) as store:
        enqueue_completed(store)
    worker = SyncWorker(Store.in_dir(station).path, receiver.url, backoff=FAST, seed=3, idle_s=0.2).start()
    try:
        def attempts() -> int:
            with Store.in_dir(station) as store:
                return sum(row.attempts for row in items(store))

        _wait_for(lambda: attempts() >= 2, "failed attempts while the server is down")
        assert set(_states(station).values()) == {"pending"}
        receiver.server.start()
        _wait_for(lambda: set(_states(station).values()) == {"delivered"}, "delivery after the server came up")
    finally:
        worker.stop()
    assert worker.failure is None and not worker.running
    assert_synced(station, receiver, session_ids(station))


@pytest.mark.parametrize("plan", ["cut_request", "lose_response"])
def test_connection_dropped_mid_upload(plan: str, station: Path, receiver: Receiver) -> None:
    proxy = FlakyProxy(receiver.server.port)
    proxy.plans.append(plan)
    try:
        first = _pass(station, proxy.url)
        assert first.retry == 1 and first.delivered == 2
        second = _pass(station, proxy.url)
        assert second.delivered == 1
    finally:
        proxy.close()
    assert proxy.used[0] == plan
    assert_synced(station, receiver, session_ids(station))
    with Store.in_dir(station) as store:
        retried = next(row for row in items(store) if row.attempts == 2)
    assert json.loads(retried.receipt)["status"] == ("duplicate" if plan == "lose_response" else "created")


def test_500_responses_are_retried(station: Path, receiver: Receiver) -> None:
    receiver.faults.fail = 2
    first = _pass(station, receiver.url)
    assert (first.retry, first.delivered) == (2, 1)
    with Store.in_dir(station) as store:
        assert sorted(row.last_error or "" for row in items(store))[-2:] == ["HTTP 500 from the receiver"] * 2
    assert _pass(station, receiver.url).delivered == 2
    assert receiver.faults.failed == 2
    assert_synced(station, receiver, session_ids(station))


class Crash(Exception):
    """Stands for the station process dying mid-pass."""


def test_client_restarted_with_half_sent_outbox(station: Path, receiver: Receiver) -> None:
    make_sessions(station, 2)
    proxy = FlakyProxy(receiver.server.port)
    proxy.plans.append("lose_response")

    def crash_after_first(step: Progress) -> None:
        if step.index == 2 and step.state == "sending":
            raise Crash

    try:
        with pytest.raises(Crash):
            _pass(station, proxy.url, progress=crash_after_first)
    finally:
        proxy.close()
    assert len(receiver.get("/api/v1/sessions").json()) == 1
    assert list(_states(station).values()) == ["pending"] * 5
    with Store.in_dir(station) as store:
        worker = SyncWorker(store.path, receiver.url, backoff=FAST, seed=5, idle_s=0.2).start()
    try:
        _wait_for(lambda: set(_states(station).values()) == {"delivered"}, "delivery after the restart")
    finally:
        worker.stop()
    assert_synced(station, receiver, session_ids(station))
    with Store.in_dir(station) as store:
        statuses = sorted(json.loads(row.receipt)["status"] for row in items(store))
    assert statuses == ["created"] * 4 + ["duplicate"]


def test_receipt_must_name_the_bundle_hash(station: Path) -> None:
    def wrong_receipt(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json={"session_id": "x", "bundle_sha256": "0" * 64, "status": "created",
                                         "received_utc": "now", "rescore": "match"})

    with Store.in_dir(station) as store, SyncClient("http://receiver.test", transport=httpx.MockTransport(
            wrong_receipt), backoff=FAST, seed=1) as client:
        report = client.run_pass(store, force=True)
        assert report.delivered == 0 and report.retry == 3
        assert all(row.state == "pending" and "receipt names bundle 000000000000" in row.last_error
                   for row in items(store))


def test_timeouts_are_bounded_and_backoff_is_seedable_growing_and_capped() -> None:
    import random

    with SyncClient("http://receiver.test") as client:
        timeout = client.http.timeout
        assert None not in (timeout.connect, timeout.read, timeout.write, timeout.pool)
    policy = Backoff(base_s=1.0, cap_s=8.0)
    first = [policy.delay(n, random.Random(42)) for n in range(1, 8)]
    assert first == [policy.delay(n, random.Random(42)) for n in range(1, 8)]
    rng = random.Random(1)
    for attempts in range(1, 8):
        ceiling = min(8.0, 2.0 ** (attempts - 1))
        assert ceiling / 2 <= policy.delay(attempts, rng) <= ceiling


def test_sync_cli_pass_and_status(station: Path, receiver: Receiver, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(station), "sync", "run", "--endpoint", receiver.url]) == 0
    captured = capsys.readouterr()
    assert "3 delivered" in captured.out and "3/3" in captured.err
    assert main(["--data-dir", str(station), "sync", "status"]) == 0
    assert "0 pending, 3 delivered" in capsys.readouterr().out
    assert_synced(station, receiver, session_ids(station))


def test_sync_cli_unreachable_endpoint_keeps_bundles_queued(station: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sync.receiver import free_port

    assert main(["--data-dir", str(station), "sync", "run", "--endpoint", f"http://127.0.0.1:{free_port()}"]) == 1
    assert "unreachable" in capsys.readouterr().err
    assert set(_states(station).values()) == {"pending"}
