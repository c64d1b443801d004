"""Take the recruiter view's screenshots in docs/screenshots/ (offscreen, or under Xvfb: see docs/STATION.md).

A station with three completed sessions (one candidate with a name on the station), the recruiter PIN typed,
two candidates shortlisted with S and a role chosen (recruiter_view.png), then one report opened with Enter
(recruiter_view_report.png). Run from the repository root: `.venv/bin/python docs/screenshots/recruiter_shots.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import Store
from kiosk.services.pin import hash_pin
from kiosk.services.station_log import open_station_log
from kiosk.services.stationdb import StationDb
from kiosk.ui.ops import DbOps
from kiosk.ui.recruiter.pin_store import HASH_KEY
from kiosk.ui.recruiter.window import RecruiterWindow
from tests.datasets.conftest import add_full_sessions
from tests.kiosk.conftest import prepare

OUT = Path(__file__).resolve().parent
PIN = "97531086"


def wait_for(test: Callable[[], bool], ms: int = 30_000) -> None:
    """Process events until test() holds."""
    waited = 0
    while not test():
        QTest.qWait(20)
        waited += 20
        if waited > ms:
            raise TimeoutError("the recruiter view did not get there")


def station(data: Path) -> None:
    """Three completed sessions of every game; the station holds the name of one candidate."""
    prepare(data)
    add_full_sessions(data, ["P-3f9a21c7", "P-8b04de55", "P-c61f0a93"])
    with Store.in_dir(data) as store:
        store.conn.execute("INSERT INTO people (participant, name, email, created_utc) VALUES (?, ?, NULL, ?)",
                           ("P-8b04de55", "Dana Whitfield", "2026-12-01T09:00:00+00:00"))
        StationDb(store).set_setting(HASH_KEY, hash_pin(PIN))


def main() -> None:
    """Write recruiter_view.png and recruiter_view_report.png next to this script."""
    data = Path(tempfile.mkdtemp()) / "station"
    station(data)
    app = QApplication.instance() or QApplication([])
    log = open_station_log(data, window_ms=5.0)
    ops = DbOps(log, print)
    view = RecruiterWindow(ops)
    view.resize(1280, 800)
    view.start()
    wait_for(lambda: view.pin_page.pin_input.isEnabled())
    QTest.keyClicks(view.pin_page.pin_input, PIN)
    QTest.keyClick(view.pin_page.pin_input, Qt.Key.Key_Return)
    wait_for(lambda: len(view.list_page.candidates) == 3)
    page = view.list_page
    QTest.keyClick(page.search, Qt.Key.Key_Tab)
    for key in (Qt.Key.Key_S, Qt.Key.Key_Down, Qt.Key.Key_S):
        QTest.keyClick(page.table, key)
    page.role_combo.setCurrentIndex(1)
    QTest.qWait(100)
    view.grab().save(str(OUT / "recruiter_view.png"))
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    wait_for(lambda: view.page() is view.report_page)
    QTest.qWait(100)
    view.grab().save(str(OUT / "recruiter_view_report.png"))
    view.close()
    ops.shutdown()
    log.close()
    app.quit()


if __name__ == "__main__":
    main()
