"""Sessions are keyed by (station key, session id): no station can squat another's session id, a key is bound to
one station id, and a receiver database made by the previous schema keeps all its data when opened."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from sync.bundle import build_bundle, read_bundle
from sync.identity import StationIdentity, load_identity
from sync.receiver import SqliteStorage, ingest
from sync.receiver.auth import match_token
from tests.sync.conftest import Receiver, session_ids
from tests.sync.hostile import events_member, rechain
from tests.sync.sessions import init_station, make_sessions
from tests.sync.tamper import members_of, resign

FIXTURE = Path(__file__).parent / "fixtures" / "receiver_v1.sql"


def _bundle(station: Path, index: int = 0) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, session_ids(station)[index], load_identity(station))


def _post(receiver: Receiver, data: bytes) -> httpx.Response:
    return httpx.post(receiver.url + "/api/v1/bundles", content=data, timeout=10,
                      headers={"Content-Type": "application/zip"})


def _squat(own: bytes, signer: StationIdentity, session_id: str, station_id: str | None = None) -> bytes:
    """The signer's own bundle re-labelled as session `session_id` (events rewritten and re-chained)."""
    lines = [json.loads(line) for line in members_of(own)["events.jsonl"].decode().splitlines()]
    for line in lines:
        line["session_id"] = session_id
    lines = rechain(lines)
    head = lines[-1]["hash"]

    def edit(manifest: dict) -> None:
        manifest["session"]["id"] = session_id
        manifest["events"]["chain_head"] = head
        manifest["station"]["id"] = station_id or signer.station_id

    return resign(own, signer, edit=edit, events_jsonl=events_member(lines))


@pytest.fixture
def rival(tmp_path: Path) -> Path:
    directory = tmp_path / "rival"
    init_station(directory, name="rival")
    make_sessions(directory, 1)
    return directory


def test_another_station_cannot_squat_a_session_id(station: Path, rival: Path, receiver_factory: object) -> None:
    receiver: Receiver = receiver_factory(enroll=[station, rival])  # type: ignore[operator]
    genuine = _bundle(station)
    sid = read_bundle(genuine).session_id
    squatter = load_identity(rival)
    first = _post(receiver, _squat(_bundle(rival), squatter, sid))
    assert first.status_code == 201, first.json()
    answer = _post(receiver, genuine)
    assert answer.status_code == 201 and answer.json()["status"] == "created", answer.json()
    listed = receiver.get("/api/v1/sessions").json()
    owner = load_identity(station)
    assert sorted((row["session_id"], row["station_key"]) for row in listed) == sorted(
        [(sid, owner.public_hex), (sid, squatter.public_hex)])
    ambiguous = receiver.get(f"/api/v1/sessions/{sid}")
    assert ambiguous.status_code == 409 and ambiguous.json()["check"] == "ambiguous"
    assert owner.station_id in ambiguous.json()["detail"]
    chosen = receiver.get(f"/api/v1/sessions/{sid}?station={owner.station_id}")
    assert chosen.status_code == 200 and chosen.json()["station_key"] == owner.public_hex
    by_key = receiver.get(f"/api/v1/sessions/{sid}/bundle?station={owner.public_hex}")
    assert by_key.content == genuine
    events = receiver.get(f"/api/v1/sessions/{sid}/events?station={squatter.station_id}").text
    assert events.encode() == members_of(_squat(_bundle(rival), squatter, sid))["events.jsonl"]
    assert _post(receiver, genuine).json()["status"] == "duplicate"


def test_a_key_signs_only_for_its_own_station_id(station: Path, rival: Path, receiver_factory: object) -> None:
    receiver: Receiver = receiver_factory(enroll=[station, rival])  # type: ignore[operator]
    owner, other = load_identity(station), load_identity(rival)
    assert _post(receiver, _bundle(station)).status_code == 201  # binds the station's key to its station id
    impostor = _post(receiver, _squat(_bundle(rival), other, "fresh-session", station_id=owner.station_id))
    assert impostor.status_code == 403 and impostor.json()["check"] == "station"
    assert f"station id {owner.station_id} belongs to another enrolled key" in impostor.json()["detail"]
    assert _post(receiver, _bundle(rival)).status_code == 201  # binds the rival's key to the rival's id
    renamed = _post(receiver, _squat(_bundle(rival), other, "fresh-session", station_id="someone-else"))
    assert renamed.status_code == 403
    assert f"is enrolled for station {other.station_id}, but the manifest names station someone-else" in \
        renamed.json()["detail"]
    bound = {row["public_key"]: row["station_id"] for row in receiver.storage.stations()}
    assert bound == {owner.public_hex: owner.station_id, other.public_hex: other.station_id}


def test_a_key_enrolled_with_its_station_id_is_bound_before_any_upload(storage_factory: object,
                                                                      station: Path) -> None:
    storage = storage_factory()  # type: ignore[operator]
    owner = load_identity(station)
    assert storage.enroll(owner.public_raw, "desk", station_id="the-real-id")
    outcome = ingest(storage, _bundle(station))
    assert outcome.status == 403 and "is enrolled for station the-real-id" in outcome.body["detail"]
    assert not storage.enroll(owner.public_raw, "desk", station_id=owner.station_id)  # re-enrol: rebinds
    assert ingest(storage, _bundle(station)).status == 201


def test_a_database_made_by_the_previous_schema_keeps_its_data(
    tmp_path: Path, station: Path, rival: Path
) -> None:
    from sync.receiver.schema import SCHEMA_VERSION

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(FIXTURE.read_text())
    with sqlite3.connect(path) as conn:
        before = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("bundles", "events", "stations", "read_tokens")}
        old_rows = conn.execute("SELECT session_id, bundle_sha256, bundle, manifest FROM bundles ORDER BY rowid")\
            .fetchall()
    assert before == {"bundles": 2, "events": 14, "stations": 1, "read_tokens": 2}
    storage = SqliteStorage(path)
    assert storage.migrated_from == 0
    assert [(item.session_id, item.bundle_sha256, item.bundle) for item in storage.sessions()] == \
        [row[:3] for row in old_rows]
    for sid, sha, data, manifest in old_rows:
        stored = storage.get(sid)
        assert stored is not None and stored.manifest == manifest
        assert "".join(rec.to_json() + "\n" for rec in storage.events(sid)).encode() == \
            members_of(data)["events.jsonl"]
        again = ingest(storage, data)
        assert again.status == 200 and again.body["status"] == "duplicate" and again.body["bundle_sha256"] == sha
    (station_row,) = storage.stations()
    assert station_row["station_id"] == json.loads(old_rows[0][3])["station"]["id"]  # bound from its bundles
    tokens = storage.tokens()
    assert [row["label"] for row in tokens] == ["dashboard", "old"] and tokens[1]["revoked_utc"]
    assert match_token("hmr_not-the-token", tokens) is None
    squatter = load_identity(rival)
    storage.enroll(squatter.public_raw, "rival")
    taken = old_rows[0][0]
    assert ingest(storage, _squat(_bundle(rival), squatter, taken)).status == 201
    assert len(storage.sessions()) == 3
    storage.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened = SqliteStorage(path)
    assert reopened.migrated_from == SCHEMA_VERSION and len(reopened.sessions()) == 3
    reopened.close()


def test_a_nul_in_a_stored_identifier_is_refused_on_every_backend(storage_factory: object, station: Path) -> None:
    storage = storage_factory()  # type: ignore[operator]
    owner = load_identity(station)
    storage.enroll(owner.public_raw, "desk")
    outcome = ingest(storage, _squat(_bundle(station), owner, "session\x00id"))  # PostgreSQL text cannot hold one
    assert outcome.status in (400, 422) and "NUL" in outcome.body["detail"], outcome
    assert storage.sessions() == []
    assert ingest(storage, _bundle(station)).status == 201
