"""The Qt application shell of the station (placeholder window until the station screens land)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

__all__ = ["run_station"]


def run_station(data_dir: Path, kiosk: bool = False) -> int:
    """Open the station window on the store in data_dir and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("HireMate Station")
    label = QLabel(f"HireMate Station\n{data_dir}")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    if kiosk:
        window.showFullScreen()
    else:
        window.resize(1024, 700)
        window.show()
    return app.exec()
