"""Every key the station has had, recorded in its database (the append-only `station_keys` table), and the only
two ways a key is made: on a new station (`hiremate init`, or the first station start) and on the proctor's
explicit request (`hiremate station new-identity --reason TEXT`), which keeps the old key files aside.

A key file that is missing, or that is not the key recorded last, is an error naming what happened; nothing
replaces it silently. A station from before the history existed has its present key recorded on its next init
or start ("recorded the key already in keys/").
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from eventlog import Store
from sync.errors import IdentityError
from sync.identity import (
    NEW_IDENTITY,
    KeyRecord,
    StationIdentity,
    create_keys,
    fingerprint_of,
    key_paths,
    load_identity,
    load_private_key,
    recorded_keys,
)

__all__ = ["ensure_identity", "init_identity_step", "new_identity", "record_key"]


def record_key(conn: sqlite3.Connection, public_raw: bytes, reason: str) -> KeyRecord:
    """Append a key to the history."""
    created = datetime.now(UTC).isoformat(timespec="seconds")
    cursor = conn.execute("INSERT INTO station_keys (public_key, created_utc, reason) VALUES (?, ?, ?)",
                          (public_raw.hex(), created, reason))
    return KeyRecord(int(cursor.lastrowid or 0), public_raw, created, reason)


def _sessions(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


def ensure_identity(store: Store, data_dir: Path | str) -> tuple[StationIdentity, str | None]:
    """The station's identity for a process that may write (init, the station's start): a new station gets its
    key pair, a station from before the history has its key recorded; a missing or changed key is refused.
    Returns the identity and a line saying what was done (None: nothing)."""
    directory = Path(data_dir)
    private_path, public_path = key_paths(directory)
    line = None
    if not recorded_keys(store.conn):
        if private_path.exists():
            public_raw = load_private_key(directory).public_key().public_bytes_raw()
            with store.atomic():
                if not recorded_keys(store.conn):
                    record_key(store.conn, public_raw, "recorded the key already in keys/")
            line = f"recorded the station key {private_path.name} (fingerprint {fingerprint_of(public_raw)})"
        elif _sessions(store):
            raise IdentityError(f"the station key {private_path} is missing and this station already holds "
                                f"sessions: restore keys/ from a backup, or make a new identity on purpose with "
                                f"`{NEW_IDENTITY}`")
        else:
            public_raw = create_keys(directory)
            with store.atomic():
                record_key(store.conn, public_raw, "new station")
            line = (f"created station key {private_path} (owner-only) and {public_path.name}; fingerprint "
                    f"{fingerprint_of(public_raw)}")
    return load_identity(directory), line


def new_identity(store: Store, data_dir: Path | str, reason: str) -> tuple[StationIdentity, Path | None]:
    """Make a new key pair on purpose and record it with the reason; the old key files (if any) move to
    keys/retired/<time>/. Returns the new identity and where the old files went."""
    reason = " ".join(reason.split())
    if not reason:
        raise IdentityError("a new identity needs a reason (--reason TEXT): it is recorded with the key")
    directory = Path(data_dir)
    private_path, public_path = key_paths(directory)
    retired = None
    present = [path for path in (private_path, public_path) if path.exists()]
    if present:
        (private_path.parent / "retired").mkdir(mode=0o700, exist_ok=True)
        retired = private_path.parent / "retired" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        retired.mkdir(mode=0o700)
        for path in present:
            path.rename(retired / path.name)
    public_raw = create_keys(directory)
    with store.atomic():
        record_key(store.conn, public_raw, reason)
    return load_identity(directory), retired


def init_identity_step(data_dir: Path, store: Store) -> str | None:
    """The `hiremate init` step: the station's key pair on a new station, its key recorded on an older one; a
    missing or changed key stops init with the error naming it."""
    return ensure_identity(store, data_dir)[1]
