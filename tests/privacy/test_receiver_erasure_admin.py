"""Erasure requested at the receiver (`hiremate receiver erase`, for data whose station is gone), the erasures
table being append-only and written in the erasure's own transaction, and requests the receiver must refuse;
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from eventlog import Store
from kiosk.cli import main
from sync.erasure_protocol import REQUEST_CONTEXT, ErasureReceipt, ErasureRequest, new_request
from sync.identity import load_identity
from sync.outbox import enqueue_completed, item, read_item_bytes
from sync.receiver import erasure, erasure_admin
from sync.receiver.erasure_routes import take_erasure
from sync.receiver.ingest import ingest
from sync.receiver.signing import signer_for
from sync.receiver.storage import BundleStorage
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import session_ids
from tests.sync.sessions import init_station, make_sessions

backend, station = sync_fixtures.backend, sync_fixtures.station  # both backends; a station with three sessions


@pytest.fixture
def stored(station: Path, storage_factory: Any) -> tuple[BundleStorage, list[str]]:
    """A receiver storage (home tmp_path/receiver, as `--data-dir tmp_path` finds it) holding the station's three
    sessions, ingested as an upload would be."""
    storage: BundleStorage = storage_factory("receiver")
    storage.enroll(load_identity(station).public_raw, "test")
    with Store.in_dir(station) as store:
        for sid in enqueue_completed(store):
            entry = item(store, sid)
            assert entry is not None and ingest(storage, read_item_bytes(store, entry)).status == 201
    return storage, session_ids(station)


def receiver_cli(storage: BundleStorage, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    db = str(getattr(storage, "url", None) or getattr(storage, "path", ""))
    assert storage.home is not None
    status = main(["--data-dir", str(storage.home.parent), "receiver", *argv, "--db", db, "--json"])
    out, err = capsys.readouterr()
    return status, json.loads(out) if out.strip() else None, err


def test_receiver_erase_of_a_session_prints_a_signed_receipt_and_keeps_the_rest(
        stored: tuple[BundleStorage, list[str]], station: Path, capsys: pytest.CaptureFixture[str]) -> None:
    storage, ids = stored
    events = len(storage.events(ids[0]))
    status, receipts, _ = receiver_cli(storage, capsys, "erase", "--session", ids[0], "--reason", "station gone")
    assert status == 0 and len(receipts) == 1
    receipt = ErasureReceipt.model_validate(receipts[0])
    assert receipt.signature_ok(signer_for(storage).public_raw)  # the key the serving receiver signs with
    assert receipt.removed == {"bundles": 1, "events": events, "results": 1, "heartbeats": 0}
    assert receipt.requested_by.startswith("receiver:") and receipt.reason == "station gone"
    assert storage.get(ids[0]) is None and storage.events(ids[0]) == []
    assert sorted(item.session_id for item in storage.sessions()) == sorted(ids[1:])
    status, rows, _ = receiver_cli(storage, capsys, "erasures")
    assert status == 0 and [row["session_id"] for row in rows] == [ids[0]]
    assert rows[0]["receipt"] == receipts[0] and rows[0]["removed"] == receipt.removed
    with Store.in_dir(station) as store:  # the station, back from the dead, uploads it again: refused
        entry = item(store, ids[0])
        assert entry is not None
        again = ingest(storage, read_item_bytes(store, entry))
    assert again.status == 410 and again.body["check"] == "erased" and storage.get(ids[0]) is None


def test_receiver_erase_of_a_participant_erases_each_of_their_sessions(
        stored: tuple[BundleStorage, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    storage, ids = stored
    status, receipts, _ = receiver_cli(storage, capsys, "erase", "--participant", "P-0001", "--reason", "request 9")
    assert status == 0 and [r["session_id"] for r in receipts] == [ids[1]]
    assert sorted(item.session_id for item in storage.sessions()) == sorted([ids[0], ids[2]])


def test_receiver_erase_of_what_it_does_not_hold_is_one_line_and_records_nothing(
        stored: tuple[BundleStorage, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    storage, _ = stored
    status, out, err = receiver_cli(storage, capsys, "erase", "--participant", "P-nobody", "--reason", "x")
    assert status == 1 and out is None and "holds no session of participant 'P-nobody'" in err
    assert len(err.strip().splitlines()) == 1
    status, _, err = receiver_cli(storage, capsys, "erase", "--session", "nope", "--reason", "x")
    assert status == 1 and "holds no session 'nope'" in err
    assert storage.erasures() == [] and len(storage.sessions()) == 3


def test_a_failure_inside_the_erasure_rolls_all_of_it_back(stored: tuple[BundleStorage, list[str]],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The access-log hook runs in the erasure's transaction: when it fails, nothing is erased or recorded."""
    storage, ids = stored
    seen: list[str] = []

    def failing_hook(sql: Any, receipt: ErasureReceipt) -> None:
        seen.append(receipt.session_id)
        raise RuntimeError("access log unavailable")

    monkeypatch.setattr(erasure, "ERASURE_HOOKS", [failing_hook])
    orders = erasure_admin.admin_orders(storage, "withdrawn", "receiver:test", participant="P-0002")
    with pytest.raises(RuntimeError):
        storage.erase(orders, signer_for(storage))
    assert seen == [ids[2]] and storage.erasures() == [] and storage.get(ids[2]) is not None
    assert storage.events(ids[2])


def test_the_erasures_table_refuses_update_and_delete(stored: tuple[BundleStorage, list[str]]) -> None:
    storage, ids = stored
    storage.erase(erasure_admin.admin_orders(storage, "why", "receiver:test", ids[0]), signer_for(storage))
    for statement in ("UPDATE erasures SET reason = 'edited'", "DELETE FROM erasures"):
        with pytest.raises(Exception, match="append-only"), storage._tx() as sql:  # type: ignore[attr-defined]
            sql.run(statement)
    assert [row["reason"] for row in storage.erasures()] == ["why"]


def _signed(identity: Any, request: ErasureRequest) -> tuple[bytes, str]:
    body = request.body()
    return body, identity.sign(REQUEST_CONTEXT + body).hex()


def test_requests_the_receiver_refuses(stored: tuple[BundleStorage, list[str]], station: Path,
                                       tmp_path: Path) -> None:
    storage, ids = stored
    signer = signer_for(storage)
    identity = load_identity(station)
    request = new_request(identity.station_id, identity.public_hex, ids[0], None, "withdrawn")
    body, signature = _signed(identity, request)
    assert take_erasure(storage, signer, body, "00" * 64)[0] == 422  # not the station key's signature
    assert take_erasure(storage, signer, body[:-1], signature)[1]["check"] == "erasure"  # not a request
    other = tmp_path / "other"
    init_station(other)
    make_sessions(other, 1)
    stranger = load_identity(other)  # not enrolled here
    forged = request.model_copy(update={"station_key": stranger.public_hex})
    status, answer = take_erasure(storage, signer, *_signed(stranger, forged))
    assert status == 403 and answer["check"] == "station"
    assert storage.get(ids[0]) is not None and storage.erasures() == []

    assert take_erasure(storage, signer, body, signature)[0] == 201
    reused = request.model_copy(update={"session_id": ids[1]})  # the same request id for another session
    status, answer = take_erasure(storage, signer, *_signed(identity, reused))
    assert status == 409 and answer["check"] == "conflict" and storage.get(ids[1]) is not None
    fresh = request.model_copy(update={"request_id": uuid.uuid4().hex, "session_id": ids[1]})
    assert take_erasure(storage, signer, *_signed(identity, fresh))[0] == 201
    assert [row["session_id"] for row in storage.erasures()] == [ids[0], ids[1]]


def test_a_reason_too_long_for_the_request_is_refused_before_anything_is_erased(
        station: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sid = session_ids(station)[0]
    status = main(["--data-dir", str(station), "privacy", "erase", "--session", sid, "--reason", "x" * 1001])
    err = capsys.readouterr().err
    assert status == 1 and "at most 1000 characters" in err and len(err.strip().splitlines()) == 1
    with Store.in_dir(station) as store:
        assert store.session(sid) is not None
        assert store.conn.execute("SELECT count(*) FROM erasure_requests").fetchone() == (0,)


def test_a_receipt_verifies_with_the_recipe_in_data_formats(stored: tuple[BundleStorage, list[str]],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """docs/DATA_FORMATS.md tells an officer how to check a receipt without the app: that recipe, as written."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    storage, ids = stored
    _, [receipt], _ = receiver_cli(storage, capsys, "erase", "--session", ids[0], "--reason", "Zoë's request")
    signature = bytes.fromhex(receipt.pop("signature"))
    message = b"hiremate-erasure-receipt-v1\n" + json.dumps(
        receipt, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(receipt["receiver_key"]))
    key.verify(signature, message)
    receipt["removed"]["events"] += 1  # an edited receipt no longer verifies
    edited = b"hiremate-erasure-receipt-v1\n" + json.dumps(
        receipt, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    with pytest.raises(InvalidSignature):
        key.verify(signature, edited)
