"""The Qt application shell of the station: one locked data directory, one event log, one station window.

`hiremate run` paints the window (its code-entry screen, busy) before anything else: the data directory's checks,
the event log, the other pages and the DB worker's first reads all start right after the first frame
(kiosk.ui.first_paint.after_first_paint; benchmarks/bench_startup.py measures it). Only Qt and the window's own
light modules load before that paint.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from i18n import station_language
from kiosk.services.station_lock import StationLock, StationLockedError
from kiosk.ui.first_paint import after_first_paint, watch_first_paint
from kiosk.ui.kiosk_keeper import start_screen
from kiosk.ui.qtapp import install_qt_translations, widgets_app
from kiosk.ui.station import StationWindow

if TYPE_CHECKING:
    from eventlog import EventLog

__all__ = ["open_station", "run_station"]


def open_log(data_dir: Path) -> EventLog:
    """Make data_dir private, check the station key and open the event log signing checkpoints with the key.
    DataDirError, StoreError or IdentityError say what stops it."""
    from eventlog import EventLog
    from kiosk.services.station_log import prepare_station
    from kiosk.services.version import APP_VERSION

    start = prepare_station(data_dir)
    for line in start.changes:
        print(f"hiremate: {line}", file=sys.stderr)
    return EventLog.in_dir(data_dir, app_version=APP_VERSION, signer=start.identity)


def open_station(data_dir: Path, kiosk: bool = False, lock: StationLock | None = None,
                 **options: Any) -> tuple[StationWindow, EventLog, StationLock]:
    """Lock data_dir (unless the caller holds its lock already), make it private, check the station key, open its
    event log (signing checkpoints with the key) and build (not show) the station window. DataDirError, StoreError
    or IdentityError say what stops it."""
    if lock is None:
        lock = StationLock(data_dir)
        lock.acquire()
    try:
        log = open_log(data_dir)
    except Exception:
        lock.release()
        raise
    window = StationWindow(log, data_dir, kiosk=kiosk, **options)
    return window, log, lock


class _Opening:
    """The station's event log, opened after the window's first paint; a failure ends the event loop and is raised
    by run_station as if it had happened before the window showed."""

    def __init__(self, window: StationWindow, data_dir: Path) -> None:
        self.window, self.data_dir = window, data_dir
        self.log: EventLog | None = None
        self.error: Exception | None = None

    def open(self) -> None:
        try:
            self.log = open_log(self.data_dir)
        except Exception as exc:
            self.error = exc
            self.window.exit_allowed = True
            self.window.close()
            widgets_app(sys.argv).exit(1)
            return
        self.window.attach(self.log)


def run_station(data_dir: Path, kiosk: bool = False) -> int:
    """Open the station window on the store in data_dir and run the event loop until the proctor exits."""
    app = widgets_app(sys.argv)
    install_qt_translations(app, station_language())  # Qt's own strings (context menus, dialog buttons) too
    data_dir = Path(data_dir)
    lock = StationLock(data_dir)
    try:
        lock.acquire()
    except StationLockedError as exc:
        print(f"hiremate run: {exc}", file=sys.stderr)
        return 4
    window = StationWindow(None, data_dir, kiosk=kiosk)
    opening = _Opening(window, data_dir)
    after_first_paint(window, opening.open)
    watch_first_paint(window)  # start-up benchmark and smoke runs only (an environment variable turns it on)
    try:
        if kiosk:
            window.show_kiosk()  # fullscreen on the screen it starts on, with or without a window manager
        else:
            available = start_screen().availableGeometry()
            window.resize(min(1280, available.width()), min(800, available.height()))
            window.show()
        status = app.exec()
    finally:
        window.shutdown()
        if opening.log is not None:
            opening.log.close()
        lock.release()
    if opening.error is not None:
        raise opening.error
    return status
