"""Take docs/screenshots/i18n_ar_panel_200.png: the proctor panel of a station running in Arabic, at 200 % type on a
1024x768 screen, on its Access codes tab right after issuing three codes for Arabic-speaking candidates (run under
Xvfb: `xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python docs/screenshots/i18n_panel_shots.py`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from a11y_station_shots import wait_for  # docs/screenshots/, beside this script
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import Store
from i18n import set_candidate_language, set_station_language
from kiosk.services.stationdb import StationDb
from kiosk.ui.appearance import Appearance, current

OUT = Path(__file__).resolve().parent


def main() -> int:
    set_station_language("ar")  # as `hiremate run --language ar`
    set_candidate_language("ar")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from kiosk.ui.app import open_station
    from kiosk.ui.qtapp import install_qt_translations

    install_qt_translations(app, "ar")
    data_dir = Path(tempfile.mkdtemp()) / "station"
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.station_info()
        db.set_pin("246813", "246813")
        db.set_setting("appearance", Appearance(2.0, False).setting())
    window, log, lock = open_station(data_dir)
    window.resize(1024, 768)
    window.show()
    panel = window.panel
    wait_for(lambda: window.screens.code.start_button.isEnabled() and current().scale == 2.0)
    window.stack.setCurrentWidget(panel)
    panel.tabs.setCurrentIndex(1)
    panel.count_spin.setValue(3)
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("ar"))
    panel.issue_button.click()
    wait_for(lambda: panel.pdf_button.isEnabled() and panel.codes_table.rowCount() == 3)
    panel.tabs.setFocus()
    try:
        QTest.qWait(500)  # the last layout passes
        window.grab().save(str(OUT / "i18n_ar_panel_200.png"))
    finally:  # closing the window stops the station's workers
        window.exit_allowed = True
        window.close()
        log.close()
        lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
