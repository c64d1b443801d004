"""Opening the station's event log the one way the station does: the data directory made private, the station's
identity checked (a missing or changed key is refused, sync.key_history), and the log handed the station key so
its writer thread signs checkpoints of every session's chain head (eventlog.checkpoints).

The key is handed to the log as a signer rather than signed here because the writer thread is the one place that
knows a head at the moment it becomes durable: the checkpoint is written in the same transaction as the events it
covers, never from the GUI thread, and the log itself still imports nothing of ours (docs/EVENTLOG.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventlog import EventLog, Store
from eventlog.log import UNVERSIONED
from kiosk.services.private_dir import secure_data_dir
from kiosk.services.retention import purge_expired
from sync.identity import StationIdentity
from sync.key_history import ensure_identity

__all__ = ["StationStart", "open_station_log", "prepare_station"]


@dataclass(frozen=True)
class StationStart:
    """What preparing the data directory found and did: the identity, and one line per change made."""

    identity: StationIdentity
    changes: list[str] = field(default_factory=list)


def prepare_station(data_dir: Path, name: str = "station") -> StationStart:
    """Make the data directory private, create the database and station row if missing, check (or, on a new
    station, make) the station key. DataDirError, StoreError or IdentityError say what stops the station."""
    directory = Path(data_dir)
    changes = [f"made private: {line}" for line in secure_data_dir(directory)]
    with Store.in_dir(directory) as store:
        store.ensure_station(name)
        identity, made = ensure_identity(store, directory)
        purged = purge_expired(store, actor="station start", signer=identity, record_empty=False)
    changes += [f"privacy purge: {line}" for line in purged.lines()]
    return StationStart(identity, [*changes, *([made] if made else [])])


def open_station_log(data_dir: Path, window_ms: float = 20.0, app_version: str = UNVERSIONED) -> EventLog:
    """The station's EventLog, signing checkpoints with the station key (prepare_station first)."""
    start = prepare_station(data_dir)
    return EventLog.in_dir(data_dir, window_ms=window_ms, app_version=app_version, signer=start.identity)
