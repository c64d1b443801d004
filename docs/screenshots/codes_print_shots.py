"""Take the code-printing screenshots in docs/screenshots/ (run under Xvfb: see docs/STATION.md).

The proctor panel after issuing codes (Print… and Save PDF… enabled), then the first page of the PDF that
Save PDF… wrote, as a list and as slips, drawn by kiosk.ui.codes_print.page_image.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from eventlog import Store
from kiosk.services.stationdb import StationDb
from kiosk.ui.app import open_station
from kiosk.ui.codes_print import CodeSheet, Layout, page_image

OUT = Path(__file__).resolve().parent
PIN = "2468"


def wait_for(test: Callable[[], bool], ms: int = 20_000) -> None:
    """Process events until test() holds."""
    waited = 0
    while not test():
        QTest.qWait(20)
        waited += 20
        if waited > ms:
            raise TimeoutError("the station did not get there")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    data_dir = Path(tempfile.mkdtemp()) / "station"
    with Store.in_dir(data_dir) as store:
        store.ensure_station("Lab 3 front desk")
        StationDb(store).set_pin(PIN, PIN)
    window, log, lock = open_station(data_dir)
    window.resize(1280, 800)
    window.show()
    s = window.screens
    wait_for(lambda: s.code.start_button.isEnabled())
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_P, chord)
    wait_for(lambda: window.stack.currentWidget() is s.pin)
    QTest.keyClicks(s.pin.pin_input, PIN)
    QTest.keyClick(s.pin.pin_input, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.panel)
    panel = s.panel
    panel.count_spin.setValue(8)
    panel.prefix_input.setText("LAB3")
    QTest.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    wait_for(panel.pdf_button.isEnabled)
    pdf = data_dir / "exports" / "codes.pdf"
    QFileDialog.getSaveFileName = lambda *args: (str(pdf), "")  # type: ignore[method-assign]  # a script
    QTest.mouseClick(panel.pdf_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: panel.last_output is not None)
    QTest.qWait(100)
    window.grab().save(str(OUT / "codes_1_panel_issued.png"))
    print(panel.status.text())
    codes = tuple(panel._issued)
    for name, layout in (("codes_2_pdf_list", Layout.LIST), ("codes_3_pdf_slips", Layout.SLIPS)):
        page_image(CodeSheet("Lab 3 front desk", codes, layout), dpi=90).save(str(OUT / f"{name}.png"))
    window.exit_allowed = True
    window.close()
    app.processEvents()
    log.close()
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
