"""The station's data directory is private: the folder and every folder in it 0700, every file 0600 (the database
and its WAL and shared-memory files, keys, outbox bundles, exports, code sheets), all owned by the user running
the station. Checked at every start (the station, every command that opens the data directory).

What it does: modes that let group or others read are *repaired* (those bits are removed), and each repair is
logged (logger `hiremate.security`, and one line on stderr from the command line); anything it cannot repair is
*refused* with DataDirError naming the file: an entry owned by another user, or a chmod the file system refuses.
Symbolic links inside are not followed (their targets are not the station's to change).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from i18n import _s

__all__ = ["DataDirError", "private_modes", "secure_data_dir"]

log = logging.getLogger("hiremate.security")
OTHERS = 0o077


class DataDirError(Exception):
    """The data directory cannot be made private; the message names the entry and why."""


def private_modes(data_dir: Path) -> list[tuple[Path, int]]:
    """Every entry under data_dir (itself included) that group or others may access, with its mode; nothing is
    changed (what `hiremate verify-log` reports)."""
    return [(path, mode) for path, mode, _ in _entries(Path(data_dir)) if mode & OTHERS]


def _entries(directory: Path) -> list[tuple[Path, int, int]]:
    """(path, permission bits, owner uid) of the directory and everything below it, links not followed."""
    if not directory.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(directory):
        for name in [root, *(os.path.join(root, d) for d in dirs), *(os.path.join(root, f) for f in files)]:
            try:
                info = os.lstat(name)
            except FileNotFoundError:  # removed meanwhile (a temporary file)
                continue
            if stat.S_ISLNK(info.st_mode):
                continue
            found.append((Path(name), stat.S_IMODE(info.st_mode), info.st_uid))
    return found


def secure_data_dir(data_dir: Path) -> list[str]:
    """Make the data directory private (see the module docstring); return one line per repair made. A missing
    directory is fine (it is created owner-only). DataDirError when an entry cannot be made private."""
    if os.name != "posix":
        return []
    me = os.geteuid()
    repaired = []
    for path, mode, owner in _entries(Path(data_dir)):
        if owner != me:
            raise DataDirError(_s("{path} belongs to user id {owner}, not to the user running the station ({me}); "
                                  "the station's data must be its own: `chown -R` the data directory").format(
                path=path, owner=owner, me=me))
        if not mode & OTHERS:
            continue
        try:
            os.chmod(path, mode & ~OTHERS)
        except OSError as exc:
            raise DataDirError(f"{path} is readable by others (mode {mode:o}) and cannot be made private: "
                               f"{exc.strerror or exc}") from None
        line = f"{path}: mode {mode:o} -> {mode & ~OTHERS:o}"
        log.info("data directory made private: %s", line)  # callers also say it on stderr, in one line
        repaired.append(line)
    return repaired
