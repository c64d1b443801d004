"""Take the station screenshots in docs/screenshots/ (run under Xvfb: see docs/STATION.md)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import Store
from kiosk.services.codes import display_code
from kiosk.services.stationdb import StationDb
from kiosk.ui.app import open_station
from kiosk.ui.simulate import SimulatedCandidate, make_player
from kiosk.ui.station import StationWindow
from sync.identity import load_identity
from sync.receiver import ServerThread, SqliteStorage, create_app

OUT = Path(__file__).resolve().parent
PIN = "2468"


def wait_for(test: Callable[[], bool], ms: int = 20_000) -> None:
    """Process events until test() holds."""
    waited = 0
    while not test():
        QTest.qWait(20)
        waited += 20
        if waited > ms:
            raise TimeoutError("screen did not appear")


def play(window: StationWindow, code: str) -> None:
    """A scripted candidate takes the test_fast battery with this code; wait until Done was pressed."""
    candidate = SimulatedCandidate(window, code, speed=20.0)
    done: list[object] = []
    candidate.finished.connect(done.append)
    candidate.start()
    wait_for(lambda: bool(done), 120_000)
    candidate.stop()
    window.stack.currentChanged.disconnect(candidate._page_changed)
    window.game_view_did_start.disconnect(candidate._game_started)
    window.session_did_close.disconnect(candidate._closed)


def sync_history(window: StationWindow, receiver: ServerThread, codes: list[str]) -> None:
    """Two sessions delivered to a running receiver; the receiver goes away; a third waits with its error."""
    counts = window.panel.outbox.counts
    for code in codes[:2]:
        play(window, code)
    wait_for(lambda: counts["delivered"].text() == "2")
    receiver.stop()
    play(window, codes[2])
    wait_for(lambda: "last error" in window.panel.outbox.current.text())


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    data_dir = Path(tempfile.mkdtemp()) / "station"
    storage = SqliteStorage(data_dir.parent / "receiver.sqlite3")
    receiver = ServerThread(create_app(storage)).start()
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.station_info()
        db.set_pin(PIN, PIN)
        db.set_sync_endpoint(receiver.url)
        expires = datetime.now(UTC) + timedelta(hours=2)
        code = db.issue_codes(1, "default", expires)[0].code
        fast = [c.code for c in db.issue_codes(3, "test_fast", expires)]
    storage.enroll(load_identity(data_dir).public_raw, "screenshots")
    window, log, lock = open_station(data_dir)
    window.resize(1280, 800)
    window.show()
    sync_history(window, receiver, fast)
    storage.close()
    s = window.screens
    shot = lambda name: window.grab().save(str(OUT / f"station_{name}.png"))  # noqa: E731
    wait_for(lambda: s.code.start_button.isEnabled())
    QTest.keyClicks(s.code.code_input, display_code(code)[:9])
    shot("1_code_entry")
    QTest.keyClicks(s.code.code_input, display_code(code)[9:])
    QTest.keyClick(s.code.code_input, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.consent)
    QTest.qWait(100)
    shot("2_consent")
    QTest.mouseClick(s.consent.agree_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: window.stack.currentWidget() is s.instructions)
    QTest.qWait(100)
    shot("3_instructions")
    window.game_view_did_start.connect(lambda view, game, practice: make_player(game, 3.0).attach(view))
    QTest.mouseClick(s.instructions.begin_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: window.stack.currentWidget() is s.game)
    QTest.qWait(2500)
    shot("4_game_bart")
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_P, chord)
    wait_for(lambda: window.stack.currentWidget() is s.pin)
    QTest.keyClicks(s.pin.pin_input, "11")
    shot("6_proctor_pin")
    QTest.keyClicks(s.pin.pin_input, "11")
    QTest.keyClick(s.pin.pin_input, Qt.Key.Key_Return)
    wait_for(lambda: s.pin.error.isVisible())
    QTest.keyClicks(s.pin.pin_input, PIN)
    QTest.keyClick(s.pin.pin_input, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.panel)
    s.panel.count_spin.setValue(3)
    QTest.mouseClick(s.panel.issue_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: bool(s.panel.issued_text.toPlainText()))
    shot("7_proctor_panel")
    s.complete.set_saved(True)
    window.stack.setCurrentWidget(s.complete)
    QTest.qWait(100)
    shot("5_completion")
    s.pause.show_reason("No input for 300 seconds.")
    window.stack.setCurrentWidget(s.pause)
    QTest.qWait(100)
    shot("8_paused")
    window.exit_allowed = True
    window.close()
    app.processEvents()
    log.close()
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
