"""The station's sync worker and the proctor panel's sync section, against a real receiver on loopback."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.cli import main
from kiosk.services.stationdb import StationDb
from kiosk.ui.simulate import SimulatedCandidate
from kiosk.ui.station import StationWindow
from sync.client import Progress
from sync.identity import load_identity
from sync.outbox import enqueue_completed, items, read_item_bytes
from sync.receiver import free_port
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, panel_tab, prepare
from tests.sync.conftest import Receiver, assert_synced
from tests.sync.sessions import make_sessions
from tests.sync.tamper import resign

WAIT_MS = 60_000  # only stops a hung test; nothing is timed


def open_panel(qtbot: QtBot, window: StationWindow) -> None:
    """The proctor chord, the PIN, and wait for the panel."""
    chord(window)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=WAIT_MS)
    panel_tab(window, "Sync")


def type_endpoint(window: StationWindow, text: str) -> None:
    """Replace the receiver URL field's text with real key presses and click Save."""
    field = window.panel.outbox.endpoint_input
    click(field)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Delete)
    QTest.keyClicks(field, text)
    click(window.panel.outbox.save_button)


def count(window: StationWindow, state: str) -> int:
    """The count the panel shows for one outbox state."""
    return int(window.panel.outbox.counts[state].text())


def saved_endpoint(data_dir: Path) -> str | None:
    with Store.in_dir(data_dir) as store:
        return StationDb(store).sync_endpoint()


def test_endpoint_set_in_panel_then_a_completed_session_is_delivered(
    qtbot: QtBot, make_station: MakeStation, receiver_factory: object, data_dir: Path
) -> None:
    window = make_station()
    receiver: Receiver = receiver_factory(enroll=[data_dir])  # type: ignore[operator]
    section = window.panel.outbox
    assert window.sync.worker is None and not section.sync_now_button.isEnabled()
    open_panel(qtbot, window)
    type_endpoint(window, "ftp://receiver.example")
    assert section.endpoint_error.isVisible()  # checked on the GUI thread: no round trip needed
    assert "must start with http:// or https://" in section.endpoint_error.text()
    assert window.sync.worker is None and saved_endpoint(data_dir) is None
    type_endpoint(window, receiver.url + "/")
    qtbot.waitUntil(lambda: window.sync.worker is not None, timeout=WAIT_MS)
    assert not section.endpoint_error.isVisible() and section.sync_now_button.isEnabled()
    assert receiver.url in section.state_label.text() and saved_endpoint(data_dir) == receiver.url
    click(window.panel.back_button)

    steps: list[tuple[str, bool]] = []
    window.sync.progress.connect(  # direct: records the thread the panel was updated on
        lambda step: steps.append((step.state, threading.current_thread() is threading.main_thread())),
        Qt.ConnectionType.DirectConnection)
    candidate = SimulatedCandidate(window, issue(data_dir)[0], speed=25.0)
    with qtbot.waitSignal(candidate.finished, timeout=WAIT_MS) as done:
        candidate.start()
    session_id = done.args[0].session_id
    open_panel(qtbot, window)
    qtbot.waitUntil(lambda: count(window, "delivered") == 1, timeout=WAIT_MS)
    assert (count(window, "pending"), count(window, "conflict"), count(window, "rejected")) == (0, 0, 0)
    assert section.current.text() == "Nothing waiting to upload." and not section.problems.isVisible()
    assert ("sending", True) in steps and ("delivered", True) in steps
    assert all(on_gui for _, on_gui in steps), "progress must reach the panel on the GUI thread"
    assert_synced(data_dir, receiver, [session_id])


def test_server_absent_shows_pending_with_retry_and_error_then_sync_now_delivers(
    qtbot: QtBot, make_station: MakeStation, receiver_factory: object, data_dir: Path
) -> None:
    prepare(data_dir)
    ids = make_sessions(data_dir, 1)
    receiver: Receiver = receiver_factory(enroll=[data_dir], start=False)  # type: ignore[operator]
    assert main(["--data-dir", str(data_dir), "sync", "--set-endpoint", receiver.url]) == 0
    window = make_station()
    assert window.sync.worker is not None  # started from the saved endpoint
    open_panel(qtbot, window)
    section = window.panel.outbox
    assert section.endpoint_input.text() == receiver.url
    qtbot.waitUntil(lambda: "last error" in section.current.text(), timeout=WAIT_MS)
    text = section.current.text()
    assert ids[0] in text and "next retry" in text and "UTC" in text and "ConnectError" in text
    assert count(window, "pending") == 1 and count(window, "delivered") == 0
    receiver.server.start()
    click(section.sync_now_button)
    qtbot.waitUntil(lambda: count(window, "delivered") == 1, timeout=WAIT_MS)
    assert count(window, "pending") == 0
    assert_synced(data_dir, receiver, ids)


def test_conflict_is_listed_for_the_proctor_after_changing_the_endpoint(
    qtbot: QtBot, make_station: MakeStation, receiver_factory: object, data_dir: Path
) -> None:
    prepare(data_dir)
    make_sessions(data_dir, 2)
    receiver: Receiver = receiver_factory(enroll=[data_dir])  # type: ignore[operator]
    with Store.in_dir(data_dir) as store:
        enqueue_completed(store)
        first = items(store)[0]
        data = read_item_bytes(store, first)
    rival = resign(data, load_identity(data_dir),
                   edit=lambda m: m["session"].update(closed_utc="2001-01-01T00:00:00+00:00"))
    assert httpx.post(receiver.url + "/api/v1/bundles", content=rival, timeout=10,
                      headers={"Content-Type": "application/zip"}).status_code == 201
    assert main(["--data-dir", str(data_dir), "sync", "--set-endpoint", f"http://127.0.0.1:{free_port()}"]) == 0
    window = make_station()
    old_worker = window.sync.worker
    assert old_worker is not None
    open_panel(qtbot, window)
    type_endpoint(window, receiver.url)
    qtbot.waitUntil(lambda: window.sync.worker is not old_worker and not old_worker.running, timeout=WAIT_MS)
    section = window.panel.outbox
    qtbot.waitUntil(lambda: count(window, "conflict") == 1 and count(window, "delivered") == 1, timeout=WAIT_MS)
    assert section.problems.isVisible() and section.problems_note.text().startswith("Needs a person: 1 bundle")
    [(session, state, why)] = section.problem_rows()
    assert (session, state) == (first.session_id, "conflict") and "different bundle" in why
    assert receiver.get(f"/api/v1/sessions/{first.session_id}/bundle").content == rival  # the server's stays
    with Store.in_dir(data_dir) as store:
        assert {row.session_id: row.state for row in items(store)}[first.session_id] == "conflict"


def test_a_step_sent_from_another_thread_is_shown_on_the_gui_thread(qtbot: QtBot, make_station: MakeStation) -> None:
    window = make_station()
    section = window.panel.outbox
    relayed: list[bool] = []
    window.sync.progress.connect(lambda _: relayed.append(threading.current_thread() is threading.main_thread()),
                                 Qt.ConnectionType.DirectConnection)
    sender = threading.Thread(target=window.sync._from_worker.emit,
                              args=(Progress("sess-1", 2, 3, "sending", "1234 bytes"),))
    sender.start()
    sender.join()
    qtbot.waitUntil(lambda: bool(relayed), timeout=WAIT_MS)
    assert relayed == [True]
    assert section.current.text() == "Uploading session sess-1 (2 of 3, 1234 bytes)…"


def test_station_uploads_over_https_trusting_the_saved_receiver_certificate(
    qtbot: QtBot, make_station: MakeStation, receiver_factory: object, data_dir: Path, tmp_path: Path
) -> None:
    prepare(data_dir)
    ids = make_sessions(data_dir, 2)
    assert main(["serve", "make-cert", "--host", "127.0.0.1", "-o", str(tmp_path / "tls")]) == 0
    pair = (tmp_path / "tls" / "receiver.cert.pem", tmp_path / "tls" / "receiver.key.pem")
    receiver: Receiver = receiver_factory(enroll=[data_dir], tls=pair)  # type: ignore[operator]
    assert main(["--data-dir", str(data_dir), "sync", "--set-endpoint", receiver.url]) == 0
    assert main(["--data-dir", str(data_dir), "sync", "--set-ca-file", str(pair[0])]) == 0
    window = make_station()
    assert window.sync.worker is not None and window.sync.ca_pem == pair[0].read_text()
    open_panel(qtbot, window)
    click(window.panel.outbox.sync_now_button)
    qtbot.waitUntil(lambda: count(window, "delivered") == 2, timeout=WAIT_MS)
    assert_synced(data_dir, receiver, ids)
