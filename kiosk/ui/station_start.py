"""What the station reads on the DB worker when it starts (after its first paint): identity, limits, sessions, sync."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the window imports this module before its first paint: nothing heavy at import time
    from eventlog import EventLog
    from kiosk.services.stationdb import StationDb

__all__ = ["DEFAULT_IDLE_S", "DEFAULT_PAUSE_S", "read_startup"]

DEFAULT_IDLE_S = 60
DEFAULT_PAUSE_S = 300


def read_startup(db: StationDb, log: EventLog, data_dir: Path) -> dict[str, Any]:
    """The station row, PIN state, limits, sessions overview and sync state (runs on the DB worker)."""
    from kiosk.services import session_ops
    from kiosk.services.sync_status import sync_startup

    station = db.station_info()
    try:
        from sync.identity import fingerprint

        finger: str | None = fingerprint(data_dir)
    except Exception:  # no identity yet is not an error for the station itself
        finger = None
    with contextlib.suppress(OSError):  # where the panel's Save PDF… opens; a missing folder is no error here
        (data_dir / "exports").mkdir(parents=True, exist_ok=True)
    return {
        "pin_set": db.pin_is_set(), "station": station, "fingerprint": finger,
        "idle_s": int(db.setting("idle_seconds", str(DEFAULT_IDLE_S)) or DEFAULT_IDLE_S),
        "pause_s": int(db.setting("pause_seconds", str(DEFAULT_PAUSE_S)) or DEFAULT_PAUSE_S),
        "sessions": session_ops.overview(db, log, data_dir),
        "sync": sync_startup(db),
    }
