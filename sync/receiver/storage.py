"""Receiver storage behind a small interface; the default is one embedded SQLite file."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventlog import EventRecord
from eventlog.canonical import canonical_json

__all__ = ["BundleStorage", "SqliteStorage", "StoredBundle"]


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


class BundleStorage(Protocol):
    """What the receiver needs from a database."""

    def enroll(self, public_key: bytes, label: str) -> bool:
        """Trust a station key; False if it was already enrolled."""
        ...

    def stations(self) -> list[dict[str, Any]]:
        """Every enrolled key."""
        ...

    def is_enrolled(self, public_key: bytes) -> bool:
        """Whether a station key is trusted."""
        ...

    def stored_sha256(self, session_id: str) -> str | None:
        """The hash of the bundle stored under a session id, if any."""
        ...

    def add(self, item: StoredBundle, records: Sequence[EventRecord]) -> tuple[str, StoredBundle]:
        """Store atomically unless the session id is taken: ("created", item) or ("exists", the stored one)."""
        ...

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        ...

    def get(self, session_id: str) -> StoredBundle | None:
        """One stored bundle."""
        ...

    def session_ids(self) -> list[str]:
        """Every stored session id, oldest first (without loading the bundles)."""
        ...

    def events(self, session_id: str) -> list[EventRecord]:
        """The parsed events of one stored session."""
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


SCHEMA = """
CREATE TABLE IF NOT EXISTS stations (
    public_key TEXT PRIMARY KEY, label TEXT NOT NULL, enrolled_utc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bundles (
    session_id TEXT PRIMARY KEY, bundle_sha256 TEXT NOT NULL, station_id TEXT NOT NULL, public_key TEXT NOT NULL,
    manifest TEXT NOT NULL, results BLOB NOT NULL, scoring_version TEXT NOT NULL, rescore TEXT NOT NULL,
    received_utc TEXT NOT NULL, bundle BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    session_id TEXT NOT NULL REFERENCES bundles(session_id), seq INTEGER NOT NULL, t_ns INTEGER NOT NULL,
    kind TEXT NOT NULL, game TEXT, trial INTEGER, payload TEXT NOT NULL, prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL, PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS read_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sha256 TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    created_utc TEXT NOT NULL, revoked_utc TEXT
);
"""
FIELDS = tuple(StoredBundle.__dataclass_fields__)
TOKEN_FIELDS = ("id", "sha256", "label", "created_utc", "revoked_utc")
EVENT_FIELDS = ("session_id", "seq", "t_ns", "kind", "game", "trial", "payload", "prev_hash", "hash")


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
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def enroll(self, public_key: bytes, label: str) -> bool:
        """Trust a station key; False if it was already enrolled."""
        from sync.outbox import utc_now

        with self._lock, self._conn:
            cursor = self._conn.execute("INSERT OR IGNORE INTO stations VALUES (?, ?, ?)",
                                        (public_key.hex(), label, utc_now()))
        return cursor.rowcount == 1

    def stations(self) -> list[dict[str, Any]]:
        """Every enrolled key."""
        with self._lock:
            rows = self._conn.execute("SELECT public_key, label, enrolled_utc FROM stations ORDER BY enrolled_utc")
            return [{"public_key": r[0], "label": r[1], "enrolled_utc": r[2]} for r in rows]

    def is_enrolled(self, public_key: bytes) -> bool:
        """Whether a station key is trusted."""
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM stations WHERE public_key = ?", (public_key.hex(),)).fetchone()
        return row is not None

    def stored_sha256(self, session_id: str) -> str | None:
        """The hash of the bundle stored under a session id, if any."""
        with self._lock:
            row = self._conn.execute("SELECT bundle_sha256 FROM bundles WHERE session_id = ?",
                                     (session_id,)).fetchone()
        return row[0] if row else None

    def add(self, item: StoredBundle, records: Sequence[EventRecord]) -> tuple[str, StoredBundle]:
        """Store atomically unless the session id is taken: ("created", item) or ("exists", the stored one)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                existing = self._get(item.session_id)
                if existing is not None:
                    self._conn.execute("ROLLBACK")
                    return "exists", existing
                self._conn.execute(f"INSERT INTO bundles ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})",
                                   [getattr(item, name) for name in FIELDS])
                self._conn.executemany(
                    f"INSERT INTO events VALUES ({', '.join('?' * len(EVENT_FIELDS))})",
                    [(r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, canonical_json(r.payload),
                      r.prev_hash, r.hash) for r in records],
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return "created", item

    def _get(self, session_id: str) -> StoredBundle | None:
        row = self._conn.execute(f"SELECT {', '.join(FIELDS)} FROM bundles WHERE session_id = ?",
                                 (session_id,)).fetchone()
        return StoredBundle(*row) if row else None

    def get(self, session_id: str) -> StoredBundle | None:
        """One stored bundle."""
        with self._lock:
            return self._get(session_id)

    def session_ids(self) -> list[str]:
        """Every stored session id, oldest first (without loading the bundles)."""
        with self._lock:
            return [row[0] for row in self._conn.execute("SELECT session_id FROM bundles ORDER BY received_utc, rowid")]

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        with self._lock:
            rows = self._conn.execute(f"SELECT {', '.join(FIELDS)} FROM bundles ORDER BY received_utc, rowid")
            return [StoredBundle(*row) for row in rows]

    def events(self, session_id: str) -> list[EventRecord]:
        """The parsed events of one stored session."""
        with self._lock:
            cursor = self._conn.execute(f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE session_id = ? "
                                        "ORDER BY seq", (session_id,))
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
