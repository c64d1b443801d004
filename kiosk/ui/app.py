"""The Qt application shell of the station: one locked data directory, one event log, one station window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from eventlog import EventLog
from kiosk.services.station_lock import StationLock, StationLockedError
from kiosk.services.station_log import prepare_station
from kiosk.services.version import APP_VERSION
from kiosk.ui.first_paint import watch_first_paint
from kiosk.ui.kiosk_keeper import start_screen
from kiosk.ui.station import StationWindow

__all__ = ["open_station", "run_station"]


def open_station(data_dir: Path, kiosk: bool = False, lock: StationLock | None = None,
                 **options: Any) -> tuple[StationWindow, EventLog, StationLock]:
    """Lock data_dir (unless the caller holds its lock already), make it private, check the station key, open its
    event log (signing checkpoints with the key) and build (not show) the station window. DataDirError, StoreError
    or IdentityError say what stops it."""
    if lock is None:
        lock = StationLock(data_dir)
        lock.acquire()
    try:
        start = prepare_station(data_dir)
        for line in start.changes:
            print(f"hiremate: {line}", file=sys.stderr)
        log = EventLog.in_dir(data_dir, app_version=APP_VERSION, signer=start.identity)
    except Exception:
        lock.release()
        raise
    window = StationWindow(log, data_dir, kiosk=kiosk, **options)
    return window, log, lock


def run_station(data_dir: Path, kiosk: bool = False) -> int:
    """Open the station window on the store in data_dir and run the event loop until the proctor exits."""
    app = QApplication.instance() or QApplication(sys.argv)
    try:
        window, log, lock = open_station(Path(data_dir), kiosk=kiosk)
    except StationLockedError as exc:
        print(f"hiremate run: {exc}", file=sys.stderr)
        return 4
    watch_first_paint(window)  # start-up benchmark and smoke runs only (an environment variable turns it on)
    try:
        if kiosk:
            window.show_kiosk()  # fullscreen on the screen it starts on, with or without a window manager
        else:
            available = start_screen().availableGeometry()
            window.resize(min(1280, available.width()), min(800, available.height()))
            window.show()
        return app.exec()
    finally:
        window.shutdown()
        log.close()
        lock.release()
