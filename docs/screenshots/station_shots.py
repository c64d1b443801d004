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

from kiosk.app import open_station
from kiosk.codes import display_code
from kiosk.eventlog import Store
from kiosk.simulate import make_player
from kiosk.stationdb import StationDb

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


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    data_dir = Path(tempfile.mkdtemp()) / "station"
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.station_info()
        db.set_pin(PIN, PIN)
        code = db.issue_codes(1, "default", datetime.now(UTC) + timedelta(hours=2))[0].code
    window, log, lock = open_station(data_dir)
    window.resize(1280, 800)
    window.show()
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
