"""Take the accessibility screenshots of issue 17: 200 % type in high contrast on a 1024x768 screen.

Run under Xvfb with a 1024x768 screen:

    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python docs/screenshots/a11y_station_shots.py

The station opens at 1024x768 with the proctor's setting 200 % and high contrast (saved as the station setting
before it starts); a candidate types a code (welcome, shot), reads the consent (shot), starts a go/no-go game
(shot while the go circle shows, and while the no-go square shows: the game keeps its own type and colours), and
the proctor opens the panel, at 200 % too (shots of its Sessions and Station details tabs).
"""

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
from kiosk.services.stationdb import StationDb
from kiosk.ui.app import open_station
from kiosk.ui.appearance import Appearance, current

OUT = Path(__file__).resolve().parent
PIN = "246813"
BATTERY = """
[battery]
title = "Screenshots"
minutes = 2
seed_policy = "fixed"
seed = 5
practice = false

[[games]]
game = "go_nogo"
params = { trials = 20 }
"""


def wait_for(test: Callable[[], bool], ms: int = 20_000) -> None:
    """Process events until test() holds."""
    waited = 0
    while not test():
        QTest.qWait(10)
        waited += 10
        if waited > ms:
            raise TimeoutError("screen did not appear")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    data_dir = tmp / "station"
    battery = tmp / "screenshots.toml"
    battery.write_text(BATTERY, encoding="utf-8")
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.station_info()
        db.set_pin(PIN, PIN)
        db.set_setting("appearance", Appearance(2.0, True).setting())
        code = db.issue_codes(1, str(battery), datetime.now(UTC) + timedelta(days=2))[0].code
    window, log, lock = open_station(data_dir)
    window.resize(1024, 768)
    window.show()
    window.activateWindow()  # the focus ring shows only in the active window
    s = window.screens
    shot = lambda name: window.grab().save(str(OUT / f"a11y_{name}.png"))  # noqa: E731
    wait_for(lambda: s.code.start_button.isEnabled() and current().scale == 2.0)
    QTest.keyClicks(s.code.code_input, code)
    QTest.qWait(300)
    shot("1_welcome_200_high_contrast")
    QTest.keyClick(s.code.code_input, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.consent)
    wait_for(lambda: window.gate.ready)
    s.consent.agree_button.setFocus()
    QTest.qWait(300)
    shot("2_consent_200_high_contrast")
    QTest.keyClick(s.consent.agree_button, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.instructions)
    wait_for(lambda: window.gate.ready)
    s.instructions.begin_button.setFocus()
    QTest.qWait(300)
    shot("3_instructions_200_high_contrast")
    QTest.keyClick(s.instructions.begin_button, Qt.Key.Key_Return)
    wait_for(lambda: window.candidate.view is not None)
    view = window.candidate.view
    for stimulus in ("go", "nogo"):
        wait_for(lambda st=stimulus: view.canvas.mode == "stimulus" and view.canvas.stimulus == st, 60_000)
        shot(f"4_go_nogo_{stimulus}_200_high_contrast")
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_P, chord)
    wait_for(lambda: window.stack.currentWidget() is s.pin)
    QTest.keyClicks(s.pin.pin_input, PIN)
    QTest.keyClick(s.pin.pin_input, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.panel)
    QTest.qWait(300)
    shot("5_panel_200_high_contrast")
    s.panel.tabs.setCurrentIndex(s.panel.tabs.count() - 1)
    QTest.qWait(300)
    shot("6_panel_station_200_high_contrast")
    window.exit_allowed = True
    window.close()
    app.processEvents()
    log.close()
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
