"""The single-station lock: one running station per data directory, and which process holds it (no Qt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from i18n import _s

if sys.platform == "win32":  # pragma: no cover - Windows: no advisory lock, one station assumed
    fcntl = None
else:
    import fcntl

__all__ = ["LOCK_NAME", "StationLock", "StationLockedError", "holder_pid"]

LOCK_NAME = "station.lock"


class StationLockedError(RuntimeError):
    """Another station process already runs on this data directory."""


class StationLock:
    """An exclusive advisory lock on data_dir/station.lock holding this process's pid."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise StationLockedError naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the process lifetime
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                raise StationLockedError(_s("another station (pid {pid}) is running on {folder}").format(
                    pid=holder_pid(self.path.parent), folder=self.path.parent)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Give the lock up."""
        if self._file is not None:
            if fcntl is not None:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def holder_pid(data_dir: Path) -> int | None:
    """The pid of the station process running on data_dir, or None when no station holds the lock."""
    path = Path(data_dir) / LOCK_NAME
    if not path.exists() or fcntl is None:
        return None
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text = handle.read().strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return None
