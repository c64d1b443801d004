"""Take the 1024x768 station screenshots of issue 10 (panel, resume screen, a resumed balloon game).

Run under Xvfb with a 1024x768 screen, naming the suffix of the files (before/after):

    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python docs/screenshots/edges_shots.py after

A scripted candidate plays a BART-first battery in a child `hiremate simulate`, which is SIGKILLed at balloon 4;
then the station opens at 1024x768, the proctor opens the panel (shot), resumes the session (the candidate's
resume screen, shot) and the candidate continues the game (shot).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import Store
from kiosk.services.stationdb import StationDb
from kiosk.ui.app import open_station

OUT = Path(__file__).resolve().parent
PIN = "246813"  # the PIN rule is now 6 to 12 digits
BATTERY = """
[battery]
title = "Screenshots"
minutes = 2
seed_policy = "fixed"
seed = 5
practice = false

[[games]]
game = "bart"
params = { balloons = 8, feedback_ms = 300 }

[[games]]
game = "choice_rt"
params = { trials = 4, choices = 2 }
"""


def wait_for(test: Callable[[], bool], ms: int = 20_000) -> None:
    """Process events until test() holds."""
    waited = 0
    while not test():
        QTest.qWait(20)
        waited += 20
        if waited > ms:
            raise TimeoutError("screen did not appear")


def _balloons_started(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute("SELECT count(*) FROM events WHERE kind = 'bart.balloon_started'").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def interrupted_session(data_dir: Path, battery: Path) -> None:
    """A child station plays BART until balloon 4 and is SIGKILLed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), "simulate",
                              "--battery", str(battery), "--speed", "2"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _balloons_started(data_dir / "station.sqlite3") < 4:
        if child.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the simulated session ended before balloon 4")
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(30)


def main(suffix: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    data_dir = tmp / "station"
    battery = tmp / "screenshots.toml"
    battery.write_text(BATTERY, encoding="utf-8")
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.station_info()
        db.set_pin(PIN, PIN)
        db.issue_codes(3, "default", datetime.now(UTC) + timedelta(days=2))
    interrupted_session(data_dir, battery)
    window, log, lock = open_station(data_dir)
    window.resize(1024, 768)
    window.show()
    s = window.screens
    shot = lambda name: window.grab().save(str(OUT / f"edges_{name}_{suffix}.png"))  # noqa: E731
    wait_for(lambda: s.code.start_button.isEnabled())
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_P, chord)
    wait_for(lambda: window.stack.currentWidget() is s.pin)
    QTest.keyClicks(s.pin.pin_input, PIN)
    QTest.keyClick(s.pin.pin_input, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.panel)
    if s.panel.table.rowCount() == 0:  # `hiremate simulate` marks its sessions: the proctor asks to see them
        QTest.mouseClick(s.panel.all_sessions_check, Qt.MouseButton.LeftButton)
        wait_for(lambda: s.panel.table.rowCount() > 0)
        s.panel.table.selectRow(0)
    QTest.qWait(300)
    shot("1_panel")
    QTest.mouseClick(s.panel.resume_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: window.stack.currentWidget() is s.instructions)
    QTest.qWait(300)
    shot("2_resume")
    wait_for(lambda: window.gate.ready)  # a page takes no keys for a moment after it is shown
    s.instructions.begin_button.setFocus()
    QTest.keyClick(s.instructions.begin_button, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.game)
    QTest.qWait(1500)
    shot("3_game")
    window.exit_allowed = True
    window.close()
    app.processEvents()
    log.close()
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "after"))
