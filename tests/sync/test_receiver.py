"""The reference receiver on a real uvicorn server: accepted, duplicate, conflict and refusals naming the check."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle, bundle_sha256
from sync.identity import key_paths, load_identity
from tests.sync.conftest import Receiver, session_ids
from tests.sync.sessions import init_station
from tests.sync.tamper import members_of, rebuild, resign


def _bundle(station: Path, index: int = 0) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, session_ids(station)[index], load_identity(station))


def _post(receiver: Receiver, data: bytes) -> httpx.Response:
    return httpx.post(receiver.url + "/api/v1/bundles", content=data, timeout=10,
                      headers={"Content-Type": "application/zip"})


def test_upload_then_duplicate_then_conflict(station: Path, receiver: Receiver) -> None:
    data = _bundle(station)
    first = _post(receiver, data)
    assert first.status_code == 201
    receipt = first.json()
    assert receipt["bundle_sha256"] == bundle_sha256(data) and receipt["status"] == "created"
    assert receipt["rescore"] == "match"
    again = _post(receiver, data)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert again.json()["received_utc"] == receipt["received_utc"]
    members = members_of(data)
    different = resign(data, load_identity(station),
                       results_json=members["results.json"].replace(b'"strengths":[]', b'"strengths":["y"]'))
    conflict = _post(receiver, different)
    assert conflict.status_code == 409
    assert conflict.json()["check"] == "conflict" and conflict.json()["stored_sha256"] == bundle_sha256(data)
    assert receiver.get(f"/api/v1/sessions/{session_ids(station)[0]}/bundle").content == data
    assert len(receiver.get("/api/v1/sessions").json()) == 1


@pytest.mark.parametrize("case", ["tampered_member", "tampered_manifest", "wrong_key", "unknown_station",
                                  "not_a_zip"])
def test_refusals_name_the_failed_check_and_store_nothing(
    case: str, station: Path, receiver: Receiver, tmp_path: Path
) -> None:
    data = _bundle(station)
    members = members_of(data)
    other = tmp_path / "other"
    init_station(other)
    stranger = load_identity(other)
    bundles = {
        "tampered_member": (rebuild(data, results_json=members["results.json"] + b" "), 422, "members"),
        "tampered_manifest": (rebuild(data, manifest_json=members["manifest.json"].replace(b"P-0000", b"P-7")),
                              422, "signature"),
        "wrong_key": (rebuild(data, manifest_sig=stranger.sign(members["manifest.json"])), 422, "signature"),
        "unknown_station": (resign(data, stranger, edit=lambda m: m["station"].update(
            id=stranger.station_id, public_key=stranger.public_hex)), 403, "station"),
        "not_a_zip": (b"PK\x03\x04 nonsense", 400, "structure"),
    }
    body, status, check = bundles[case]
    response = _post(receiver, body)
    assert response.status_code == status
    assert response.json()["check"] == check and response.json()["detail"]
    assert receiver.get("/api/v1/sessions").json() == []


def test_session_detail_events_health_and_openapi(station: Path, receiver: Receiver) -> None:
    data = _bundle(station)
    assert _post(receiver, data).status_code == 201
    sid = session_ids(station)[0]
    detail = receiver.get(f"/api/v1/sessions/{sid}").json()
    with Store.in_dir(station) as store:
        row = store.session(sid)
        events = store.events(sid)
    assert detail["participant"] == row.participant and detail["event_count"] == row.event_count
    assert detail["chain_head"] == row.chain_head and detail["rescore"] == "match"
    assert detail["traits"] == json.loads(members_of(data)["results.json"])["traits"]
    assert "metrics" in detail
    lines = receiver.get(f"/api/v1/sessions/{sid}/events").text.splitlines()
    assert lines == [e.to_json() for e in events]
    assert receiver.get("/api/v1/sessions/nope").status_code == 404
    assert receiver.get("/healthz").json() == {"status": "ok"}
    paths = receiver.get("/openapi.json").json()["paths"]
    assert {"/api/v1/bundles", "/api/v1/sessions", "/api/v1/sessions/{session_id}",
            "/api/v1/sessions/{session_id}/events", "/healthz"} <= set(paths)


def test_results_that_do_not_rescore_are_stored_and_flagged(station: Path, receiver: Receiver) -> None:
    data = _bundle(station)
    members = members_of(data)
    odd = resign(data, load_identity(station),
                 results_json=members["results.json"].replace(b'"strengths":[]', b'"strengths":["z"]'))
    response = _post(receiver, odd)
    assert response.status_code == 201 and response.json()["rescore"] == "mismatch"
    listed = receiver.get("/api/v1/sessions").json()
    assert [row["rescore"] for row in listed] == ["mismatch"]


def test_serve_enroll_cli_trusts_a_station(station: Path, tmp_path: Path, receiver_factory: object,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli-receiver.sqlite3"
    assert main(["receiver", "enroll", str(key_paths(station)[1]), "--db", str(db), "--label", "desk"]) == 0
    assert main(["receiver", "stations", "--db", str(db), "--json"]) == 0
    out = capsys.readouterr().out
    listed = json.loads(out[out.index("["):])
    assert [row["public_key"] for row in listed] == [load_identity(station).public_hex]
    assert main(["receiver", "enroll", "not-a-key", "--db", str(db)]) == 2


def test_a_played_bart_session_arrives_with_its_metrics_and_traits(
    tmp_path: Path, receiver_factory: object
) -> None:
    from eventlog import EventLog
    from tests.scoring.helpers import StreamBuilder
    from tests.scoring.logged import write_session
    from tests.scoring.simulate import play_bart

    directory = tmp_path / "bart-station"
    init_station(directory)
    builder = StreamBuilder("bart-session")
    play_bart(builder, 8, seed=11, balloons=30)
    with EventLog.in_dir(directory) as log:
        sid = write_session(log, builder.close(), participant="P-BART")
    receiver = receiver_factory(enroll=[directory])  # type: ignore[operator]
    with Store.in_dir(directory) as store:
        data = build_bundle(store, sid, load_identity(directory))
    assert _post(receiver, data).json()["rescore"] == "match"
    detail = receiver.get(f"/api/v1/sessions/{sid}").json()
    results = json.loads(members_of(data)["results.json"])
    assert detail["metrics"]["bart"] == next(g["metrics"] for g in results["games"] if g["game"] == "bart")
    assert detail["metrics"]["bart"] and detail["traits"] == results["traits"] and detail["traits"]
