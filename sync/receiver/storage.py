"""Receiver storage behind a small interface; the default is one embedded SQLite file (schema in schema.py).

Sessions are keyed by (station key, session id): a station can only ever fill or conflict with its own sessions.
Reading by session id alone is ambiguous when two stations sent the same id; get() then raises AmbiguousSession
and the caller names the station (its id or its key in hex).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventlog import EventRecord, atomic
from eventlog.canonical import canonical_json
from sync.receiver.schema import migrate

__all__ = ["AmbiguousSession", "BundleStorage", "SqliteStorage", "StoredBundle"]


@dataclass(frozen=True)
class StoredBundle:
    """What the receiver keeps of one accepted bundle (besides its events)."""

    session_id: str
    bundle_sha256: str
    station_id: str
    public_key: str
    manifest: str
    results: bytes
    scoring_version: str
    rescore: str
    received_utc: str
    bundle: bytes


class AmbiguousSession(Exception):
    """Several stations sent a session with this id; the reader must say which station."""

    def __init__(self, session_id: str, candidates: list[StoredBundle]) -> None:
        stations = ", ".join(f"{item.station_id} (key {item.public_key[:16]}…)" for item in candidates)
        super().__init__(f"session {session_id} was sent by {len(candidates)} stations: {stations}; add "
                         "?station=<station id or public key hex>")
        self.session_id = session_id
        self.candidates = candidates


class BundleStorage(Protocol):
    """What the receiver needs from a database."""

    def enroll(self, public_key: bytes, label: str, station_id: str | None = None) -> bool:
        """Trust a station key (bound to station_id if given); False if it was already enrolled."""
        ...

    def stations(self) -> list[dict[str, Any]]:
        """Every enrolled key: public_key, label, enrolled_utc, station_id (None until bound)."""
        ...

    def enrolled(self, public_key: bytes) -> dict[str, Any] | None:
        """The enrolment row of a station key, or None if it is not trusted."""
        ...

    def is_enrolled(self, public_key: bytes) -> bool:
        """Whether a station key is trusted."""
        ...

    def keys_of_station(self, station_id: str) -> list[str]:
        """The enrolled keys (hex) bound to a station id."""
        ...

    def stored_sha256(self, public_key: str, session_id: str) -> str | None:
        """The hash of the bundle a station key stored under a session id, if any."""
        ...

    def add(self, item: StoredBundle, records: Sequence[EventRecord]) -> tuple[str, StoredBundle]:
        """Store atomically unless the station key already stored this session id: ("created", item) or ("exists",
        the stored one); binds the key to item.station_id if it was not bound yet."""
        ...

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        ...

    def get(self, session_id: str, station: str | None = None) -> StoredBundle | None:
        """One stored bundle by session id (and station id or key hex); AmbiguousSession if several match."""
        ...

    def bundle_keys(self) -> list[tuple[str, str]]:
        """Every stored bundle's (station key hex, session id), oldest first (without loading the bundles)."""
        ...

    def events(self, session_id: str, station: str | None = None) -> list[EventRecord]:
        """The parsed events of one stored session (selected as get() does)."""
        ...

    def add_token(self, sha256: str, label: str) -> dict[str, Any]:
        """Store a new read token's SHA-256 (never the token) with a label; return its row."""
        ...

    def tokens(self) -> list[dict[str, Any]]:
        """Every read token's row (id, sha256, label, created_utc, revoked_utc), oldest first."""
        ...

    def revoke_token(self, token_id: int) -> dict[str, Any] | None:
        """Mark a token revoked (idempotent); its row, or None if there is no such id."""
        ...


FIELDS = tuple(StoredBundle.__dataclass_fields__)
TOKEN_FIELDS = ("id", "sha256", "label", "created_utc", "revoked_utc")
STATION_FIELDS = ("public_key", "label", "enrolled_utc", "station_id")
EVENT_FIELDS = ("session_id", "seq", "t_ns", "kind", "game", "trial", "payload", "prev_hash", "hash")
_SELECT = f"SELECT {', '.join(FIELDS)} FROM bundles"


class SqliteStorage:
    """BundleStorage on one SQLite file (":memory:" for a throwaway receiver), serialised by a lock."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self.migrated_from = migrate(self._conn)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def enroll(self, public_key: bytes, label: str, station_id: str | None = None) -> bool:
        """Trust a station key (bound to station_id if given); False if it was already enrolled."""
        from sync.outbox import utc_now

        with self._lock, atomic(self._conn):
            cursor = self._conn.execute("INSERT OR IGNORE INTO stations VALUES (?, ?, ?, ?)",
                                        (public_key.hex(), label, utc_now(), station_id))
            if cursor.rowcount == 0 and station_id is not None:
                self._conn.execute("UPDATE stations SET station_id = ? WHERE public_key = ?",
                                   (station_id, public_key.hex()))
        return cursor.rowcount == 1

    def stations(self) -> list[dict[str, Any]]:
        """Every enrolled key: public_key, label, enrolled_utc, station_id (None until bound)."""
        with self._lock:
            rows = self._conn.execute(f"SELECT {', '.join(STATION_FIELDS)} FROM stations ORDER BY enrolled_utc")
            return [dict(zip(STATION_FIELDS, row, strict=True)) for row in rows]

    def enrolled(self, public_key: bytes) -> dict[str, Any] | None:
        """The enrolment row of a station key, or None if it is not trusted."""
        with self._lock:
            row = self._conn.execute(f"SELECT {', '.join(STATION_FIELDS)} FROM stations WHERE public_key = ?",
                                     (public_key.hex(),)).fetchone()
        return dict(zip(STATION_FIELDS, row, strict=True)) if row else None

    def is_enrolled(self, public_key: bytes) -> bool:
        """Whether a station key is trusted."""
        return self.enrolled(public_key) is not None

    def keys_of_station(self, station_id: str) -> list[str]:
        """The enrolled keys (hex) bound to a station id."""
        with self._lock:
            rows = self._conn.execute("SELECT public_key FROM stations WHERE station_id = ? ORDER BY enrolled_utc",
                                      (station_id,))
            return [row[0] for row in rows]

    def stored_sha256(self, public_key: str, session_id: str) -> str | None:
        """The hash of the bundle a station key stored under a session id, if any."""
        with self._lock:
            row = self._conn.execute("SELECT bundle_sha256 FROM bundles WHERE public_key = ? AND session_id = ?",
                                     (public_key, session_id)).fetchone()
        return row[0] if row else None

    def add(self, item: StoredBundle, records: Sequence[EventRecord]) -> tuple[str, StoredBundle]:
        """Store atomically unless the station key already stored this session id: ("created", item) or ("exists",
        the stored one); binds the key to item.station_id if it was not bound yet."""
        with self._lock, atomic(self._conn):
            existing = self._find(item.public_key, item.session_id)
            if existing is not None:
                return "exists", existing
            cursor = self._conn.execute(
                f"INSERT INTO bundles ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})",
                [getattr(item, name) for name in FIELDS])
            bundle_id = cursor.lastrowid
            self._conn.executemany(
                f"INSERT INTO events (bundle_id, {', '.join(EVENT_FIELDS)}) VALUES "
                f"({', '.join('?' * (len(EVENT_FIELDS) + 1))})",
                [(bundle_id, r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, canonical_json(r.payload),
                  r.prev_hash, r.hash) for r in records],
            )
            self._conn.execute("UPDATE stations SET station_id = ? WHERE public_key = ? AND station_id IS NULL",
                               (item.station_id, item.public_key))
        return "created", item

    def _find(self, public_key: str, session_id: str) -> StoredBundle | None:
        row = self._conn.execute(f"{_SELECT} WHERE public_key = ? AND session_id = ?",
                                 (public_key, session_id)).fetchone()
        return StoredBundle(*row) if row else None

    def _select(self, session_id: str, station: str | None) -> tuple[int, StoredBundle] | None:
        rows = self._conn.execute(f"SELECT id, {', '.join(FIELDS)} FROM bundles WHERE session_id = ? ORDER BY id",
                                  (session_id,)).fetchall()
        found = [(row[0], StoredBundle(*row[1:])) for row in rows]
        if station is not None:
            found = [(i, item) for i, item in found if station in (item.station_id, item.public_key)]
        if len(found) > 1:
            raise AmbiguousSession(session_id, [item for _, item in found])
        return found[0] if found else None

    def get(self, session_id: str, station: str | None = None) -> StoredBundle | None:
        """One stored bundle by session id (and station id or key hex); AmbiguousSession if several match."""
        with self._lock:
            found = self._select(session_id, station)
        return found[1] if found else None

    def bundle_keys(self) -> list[tuple[str, str]]:
        """Every stored bundle's (station key hex, session id), oldest first (without loading the bundles)."""
        with self._lock:
            return [(row[0], row[1]) for row in self._conn.execute(
                "SELECT public_key, session_id FROM bundles ORDER BY received_utc, id")]

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        with self._lock:
            rows = self._conn.execute(f"{_SELECT} ORDER BY received_utc, id")
            return [StoredBundle(*row) for row in rows]

    def events(self, session_id: str, station: str | None = None) -> list[EventRecord]:
        """The parsed events of one stored session (selected as get() does)."""
        with self._lock:
            found = self._select(session_id, station)
            if found is None:
                return []
            cursor = self._conn.execute(f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE bundle_id = ? "
                                        "ORDER BY seq", (found[0],))
            return [EventRecord.from_row(dict(zip(EVENT_FIELDS, row, strict=True))) for row in cursor]

    def add_token(self, sha256: str, label: str) -> dict[str, Any]:
        """Store a new read token's SHA-256 (never the token) with a label; return its row."""
        from sync.outbox import utc_now

        with self._lock, self._conn:
            cursor = self._conn.execute("INSERT INTO read_tokens (sha256, label, created_utc) VALUES (?, ?, ?)",
                                        (sha256, label, utc_now()))
            return self._token(int(cursor.lastrowid or 0)) or {}

    def _token(self, token_id: int) -> dict[str, Any] | None:
        row = self._conn.execute(f"SELECT {', '.join(TOKEN_FIELDS)} FROM read_tokens WHERE id = ?",
                                 (token_id,)).fetchone()
        return dict(zip(TOKEN_FIELDS, row, strict=True)) if row else None

    def tokens(self) -> list[dict[str, Any]]:
        """Every read token's row (id, sha256, label, created_utc, revoked_utc), oldest first."""
        with self._lock:
            rows = self._conn.execute(f"SELECT {', '.join(TOKEN_FIELDS)} FROM read_tokens ORDER BY id")
            return [dict(zip(TOKEN_FIELDS, row, strict=True)) for row in rows]

    def revoke_token(self, token_id: int) -> dict[str, Any] | None:
        """Mark a token revoked (idempotent); its row, or None if there is no such id."""
        from sync.outbox import utc_now

        with self._lock, self._conn:
            self._conn.execute("UPDATE read_tokens SET revoked_utc = ? WHERE id = ? AND revoked_utc IS NULL",
                               (utc_now(), token_id))
            return self._token(token_id)
