"""Writing bundle files atomically (temp file, fsync, rename) so a crash never leaves half a bundle; owner-only
(0600) whatever the umask, since a bundle holds a candidate's whole session."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path (mode 0600) via a temporary sibling, fsync and rename; a failure (a full disk) leaves
    no temporary file behind and the old file, if any, as it was."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
