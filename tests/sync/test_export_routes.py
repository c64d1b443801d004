"""The receiver's researcher export: everything it holds, merged across stations, streamed behind a read token."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from sync.bundle import build_bundle
from sync.identity import load_identity
from sync.receiver.export_routes import export_receiver
from tests.datasets.conftest import add_full_sessions, read_table, run_export
from tests.sync.conftest import Receiver
from tests.sync.sessions import init_station


@pytest.fixture
def two_stations(tmp_path: Path) -> list[Path]:
    """Two stations with one session of every game each."""
    made = []
    for n in (1, 2):
        directory = tmp_path / f"station{n}"
        init_station(directory, name=f"station-{n}")
        add_full_sessions(directory, [f"P-0000000{n}"], seed=n)
        made.append(directory)
    return made


def _upload(receiver: Receiver, station: Path) -> None:
    with Store.in_dir(station) as store:
        ids = [row.id for row in store.sessions()]
        for sid in ids:
            data = build_bundle(store, sid, load_identity(station))
            response = httpx.post(receiver.url + "/api/v1/bundles", content=data, timeout=30,
                                  headers={"Content-Type": "application/zip"})
            assert response.status_code == 201, response.text


def _lines(path: Path) -> set[str]:
    return set(path.read_text(encoding="utf-8").splitlines()[1:])


def test_export_merges_every_station_and_equals_the_station_exports(
        two_stations: list[Path], receiver_factory: object, tmp_path: Path) -> None:
    receiver: Receiver = receiver_factory(enroll=two_stations)  # type: ignore[operator]
    for station in two_stations:
        _upload(receiver, station)
    response = receiver.get("/api/v1/export?format=csv")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    out = tmp_path / "from-receiver"
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(out)
    sessions = read_table(out / "sessions.csv")
    assert sorted(s["participant"] for s in sessions) == ["P-00000001", "P-00000002"]
    assert len({s["station_id"] for s in sessions}) == 2
    for n, station in enumerate(two_stations):
        run_export(station, tmp_path / f"local{n}", "csv")
    for table in ("sessions", "bart_balloons", "bart_pumps", "rt_trials", "decision_scenarios",
                  "decision_interactions"):
        local = _lines(tmp_path / "local0" / f"{table}.csv") | _lines(tmp_path / "local1" / f"{table}.csv")
        assert _lines(out / f"{table}.csv") == local, table


def test_export_needs_a_read_token_and_a_known_format(two_stations: list[Path], receiver_factory: object) -> None:
    receiver: Receiver = receiver_factory(enroll=two_stations[:1])  # type: ignore[operator]
    _upload(receiver, two_stations[0])
    assert receiver.get("/api/v1/export?format=csv", token=None).status_code == 401
    refused = receiver.get("/api/v1/export?format=xlsx")
    assert refused.status_code == 400 and refused.json()["check"] == "format"
    bids = receiver.get("/api/v1/export?format=bids")
    names = zipfile.ZipFile(io.BytesIO(bids.content)).namelist()
    assert "dataset_description.json" in names and "participants.tsv" in names


def test_export_receiver_writes_a_folder_for_the_receiver_cli(two_stations: list[Path], receiver_factory: object,
                                                             tmp_path: Path) -> None:
    receiver: Receiver = receiver_factory(enroll=two_stations)  # type: ignore[operator]
    for station in two_stations:
        _upload(receiver, station)
    summary = export_receiver(receiver.storage, "jsonl", tmp_path / "out")
    assert summary.sessions == 2 and summary.files == 2
    events = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    with Store.in_dir(two_stations[0]) as a, Store.in_dir(two_stations[1]) as b:
        expected = [r.to_json() for store in (a, b) for row in store.sessions() for r in store.iter_events(row.id)]
    assert sorted(events) == sorted(expected)


def test_receiver_export_command_writes_the_same_tables(two_stations: list[Path], receiver_factory: object,
                                                        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    receiver: Receiver = receiver_factory(enroll=two_stations)  # type: ignore[operator]
    for station in two_stations:
        _upload(receiver, station)
    receiver.server.stop()
    db = receiver.db
    assert main(["receiver", "export", "--db", db, "--format", "csv", "-o", str(tmp_path / "cli"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["sessions"] == 2 and summary["format"] == "csv"
    export_receiver(receiver.storage, "csv", tmp_path / "direct")
    for table in ("sessions", "rt_trials", "bart_pumps"):
        assert _lines(tmp_path / "cli" / f"{table}.csv") == _lines(tmp_path / "direct" / f"{table}.csv")
    assert main(["receiver", "export", "--db", db, "--format", "xlsx", "-o", str(tmp_path / "bad")]) == 2
    assert "xlsx" in capsys.readouterr().err
