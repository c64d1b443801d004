"""The receiver's recipient is fetched and saved with the endpoint (issue 11, item 12, the station's side): in the
panel (on the DB worker) and with `sync set-endpoint`; set by hand with `sync set-recipient`; shown in
`sync status` and the panel. Against a real receiver on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.cli import main
from kiosk.services.stationdb import StationDb
from sync.outbox import enqueue_completed, items, read_item_bytes
from sync.receiver import free_port
from sync.sealing import is_sealed
from tests.kiosk.conftest import MakeStation, click
from tests.kiosk.ui.test_sync_panel import WAIT_MS, open_panel, type_endpoint
from tests.sync.conftest import Receiver
from tests.sync.sessions import init_station, make_sessions


def published(receiver: Receiver) -> str:
    """The recipient the receiver publishes (GET /api/v1/recipient, open to all)."""
    return str(httpx.get(receiver.url + "/api/v1/recipient", timeout=10).json()["recipient"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_set_endpoint_fetches_and_saves_the_recipient_and_reseals_the_outbox(
    tmp_path: Path, receiver_factory: object, capsys: pytest.CaptureFixture[str]
) -> None:
    station = tmp_path / "station"
    init_station(station)
    make_sessions(station, 2)
    capsys.readouterr()
    with Store.in_dir(station) as store:
        enqueue_completed(store)  # plain bundles: no recipient yet
        assert not any(is_sealed(read_item_bytes(store, entry)) for entry in items(store))
    receiver: Receiver = receiver_factory(enroll=[station])  # type: ignore[operator]
    status, out, err = run(capsys, "--data-dir", str(station), "sync", "set-endpoint", receiver.url)
    assert status == 0 and err == ""
    assert out.splitlines() == [f"sync endpoint saved: {receiver.url}",
                                f"receiver recipient saved: {published(receiver)} (bundles are encrypted for it)"]
    with Store.in_dir(station) as store:
        assert StationDb(store).recipient() == published(receiver)
        assert all(is_sealed(read_item_bytes(store, entry)) for entry in items(store))
    status, out, _ = run(capsys, "--data-dir", str(station), "sync", "status", "--json")
    assert json.loads(out)["recipient"] == published(receiver)
    status, out, _ = run(capsys, "--data-dir", str(station), "sync", "status")
    assert f"encrypted for: {published(receiver)}" in out


def test_an_unreachable_receiver_keeps_the_saved_recipient_and_says_so(data_dir: Path, capsys) -> None:
    init_station(data_dir)
    capsys.readouterr()
    dead = f"http://127.0.0.1:{free_port()}"
    status, out, err = run(capsys, "--data-dir", str(data_dir), "sync", "set-endpoint", dead)
    assert status == 0 and out == f"sync endpoint saved: {dead}\n"
    assert err.startswith("warning: the receiver's recipient could not be fetched") and err.count("\n") == 1
    assert "sync set-recipient" in err


def test_set_recipient_by_hand_for_an_offline_station(data_dir: Path, receiver_factory, capsys) -> None:
    init_station(data_dir)
    capsys.readouterr()
    receiver: Receiver = receiver_factory()  # type: ignore[operator]
    recipient = published(receiver)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "sync", "set-recipient", recipient.upper())
    assert status == 0 and out == f"receiver recipient saved: {recipient} (exports and the outbox are encrypted " \
                                   "for it)\n"
    status, _, err = run(capsys, "--data-dir", str(data_dir), "sync", "set-recipient", "age1notarecipient")
    assert status == 2 and "is not an age X25519 recipient" in err and err.count("\n") == 1
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).recipient() == recipient  # the bad one changed nothing
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "sync", "set-recipient", "")
    assert status == 0 and "cleared" in out


def test_saving_the_url_in_the_panel_fetches_the_recipient_and_shows_it(
    qtbot: QtBot, make_station: MakeStation, receiver_factory: object, data_dir: Path
) -> None:
    window = make_station()
    receiver: Receiver = receiver_factory(enroll=[data_dir])  # type: ignore[operator]
    section = window.panel.outbox
    assert "not encrypted" in section.recipient_label.text()
    open_panel(qtbot, window)
    type_endpoint(window, receiver.url)
    qtbot.waitUntil(lambda: published(receiver) in section.recipient_label.text(), timeout=WAIT_MS)
    assert f"Bundles are encrypted for the receiver's key {published(receiver)}" in window.panel.status.text()
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).recipient() == published(receiver)
    click(window.panel.back_button)
