"""The receiver's storage logic, written once in the SQL that SQLite and PostgreSQL share.

A backend supplies `_tx()`: a transaction (a write lock on SQLite, READ COMMITTED on PostgreSQL) yielding a Sql
whose statements use `?` placeholders. Every write that must not race is one statement the database makes
atomic, so several receiver processes on one PostgreSQL database agree: `INSERT … ON CONFLICT DO NOTHING
RETURNING` stores a bundle once (the loser reads the winner's row), and `ON CONFLICT DO UPDATE … WHERE seq <
excluded.seq` keeps a station's newest heartbeat whichever process took it first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from eventlog import EventRecord
from eventlog.canonical import canonical_json
from eventlog.checkpoints import Signer
from sync.erasure_protocol import ErasureReceipt
from sync.receiver.access_log import AccessLogStore
from sync.receiver.erasure import ERASURE_FIELDS, ErasureOrder, erase_in, erased_in
from sync.receiver.retention import RetentionStore
from sync.receiver.sql import Sql
from sync.receiver.storage import AmbiguousSession, ErasedSession, LiveRow, StoredBundle

__all__ = ["EVENT_FIELDS", "FIELDS", "STATION_FIELDS", "TOKEN_FIELDS", "Sql", "SqlStorage"]

FIELDS = tuple(StoredBundle.__dataclass_fields__)
LIVE_FIELDS = tuple(LiveRow.__dataclass_fields__)
TOKEN_FIELDS = ("id", "sha256", "label", "created_utc", "revoked_utc")
STATION_FIELDS = ("public_key", "label", "enrolled_utc", "station_id")
EVENT_FIELDS = ("session_id", "seq", "t_ns", "kind", "game", "trial", "payload", "prev_hash", "hash")
LOGIN_FIELDS = ("sha256", "token_id", "created_utc", "expires_utc", "revoked_utc")
_SELECT = f"SELECT {', '.join(FIELDS)} FROM bundles"


def _now() -> str:
    from sync.outbox import utc_now

    return utc_now()


def _bundle(row: Sequence[Any]) -> StoredBundle:
    values = list(row)
    values[5], values[9] = bytes(values[5]), bytes(values[9])  # PostgreSQL may hand back memoryviews
    return StoredBundle(*values)


class SqlStorage(AccessLogStore, RetentionStore):
    """BundleStorage over a backend's transactions (see the module docstring); the access log and retention
    are in access_log.py and retention.py."""

    migrated_from = 0

    def _tx(self, write: bool = True) -> AbstractContextManager[Sql]:
        """A transaction (write=False: only reads, which SQLite need not serialise with writers)."""
        raise NotImplementedError

    # -- stations -----------------------------------------------------------------------------

    def enroll(self, public_key: bytes, label: str, station_id: str | None = None) -> bool:
        """Trust a station key (bound to station_id if given); False if it was already enrolled."""
        with self._tx() as sql:
            new = sql.all("INSERT INTO stations (public_key, label, enrolled_utc, station_id) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (public_key) DO NOTHING RETURNING public_key",
                          (public_key.hex(), label, _now(), station_id))
            if not new and station_id is not None:
                sql.run("UPDATE stations SET station_id = ? WHERE public_key = ?", (station_id, public_key.hex()))
        return bool(new)

    def stations(self) -> list[dict[str, Any]]:
        """Every enrolled key: public_key, label, enrolled_utc, station_id (None until bound)."""
        with self._tx(write=False) as sql:
            rows = sql.all(f"SELECT {', '.join(STATION_FIELDS)} FROM stations ORDER BY enrolled_utc, public_key")
        return [dict(zip(STATION_FIELDS, row, strict=True)) for row in rows]

    def enrolled(self, public_key: bytes) -> dict[str, Any] | None:
        """The enrolment row of a station key, or None if it is not trusted."""
        with self._tx(write=False) as sql:
            row = sql.one(f"SELECT {', '.join(STATION_FIELDS)} FROM stations WHERE public_key = ?",
                          (public_key.hex(),))
        return dict(zip(STATION_FIELDS, row, strict=True)) if row else None

    def is_enrolled(self, public_key: bytes) -> bool:
        """Whether a station key is trusted."""
        return self.enrolled(public_key) is not None

    def keys_of_station(self, station_id: str) -> list[str]:
        """The enrolled keys (hex) bound to a station id."""
        with self._tx(write=False) as sql:
            rows = sql.all("SELECT public_key FROM stations WHERE station_id = ? ORDER BY enrolled_utc",
                           (station_id,))
        return [row[0] for row in rows]

    # -- bundles ------------------------------------------------------------------------------

    def stored_sha256(self, public_key: str, session_id: str) -> str | None:
        """The hash of the bundle a station key stored under a session id, if any."""
        with self._tx(write=False) as sql:
            row = sql.one("SELECT bundle_sha256 FROM bundles WHERE public_key = ? AND session_id = ?",
                          (public_key, session_id))
        return row[0] if row else None

    def add(self, item: StoredBundle, records: Sequence[EventRecord]) -> tuple[str, StoredBundle]:
        """Store atomically unless the station key already stored this session id: ("created", item) or ("exists",
        the stored one); binds the key to item.station_id if it was not bound yet. ErasedSession if this station's
        session was erased here (checked in the same transaction, so an erasure and an upload never interleave)."""
        with self._tx() as sql:
            erased_by = erased_in(sql, item.station_id, item.session_id)
            if erased_by is not None:
                raise ErasedSession(item.session_id, item.station_id, erased_by)
            inserted = sql.all(
                f"INSERT INTO bundles ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))}) "
                "ON CONFLICT (public_key, session_id) DO NOTHING RETURNING id",
                [getattr(item, name) for name in FIELDS])
            if not inserted:  # stored before, or by another process a moment ago (its transaction has committed)
                existing = sql.one(f"{_SELECT} WHERE public_key = ? AND session_id = ?",
                                   (item.public_key, item.session_id))
                assert existing is not None
                return "exists", _bundle(existing)
            bundle_id = inserted[0][0]
            sql.many(
                f"INSERT INTO events (bundle_id, {', '.join(EVENT_FIELDS)}) VALUES "
                f"({', '.join('?' * (len(EVENT_FIELDS) + 1))})",
                [(bundle_id, r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, canonical_json(r.payload),
                  r.prev_hash, r.hash) for r in records],
            )
            sql.run("UPDATE stations SET station_id = ? WHERE public_key = ? AND station_id IS NULL",
                    (item.station_id, item.public_key))
        return "created", item

    def _select(self, sql: Sql, session_id: str, station: str | None) -> tuple[int, StoredBundle] | None:
        rows = sql.all(f"SELECT id, {', '.join(FIELDS)} FROM bundles WHERE session_id = ? ORDER BY id", (session_id,))
        found = [(int(row[0]), _bundle(row[1:])) for row in rows]
        if station is not None:
            found = [(i, item) for i, item in found if station in (item.station_id, item.public_key)]
        if len(found) > 1:
            raise AmbiguousSession(session_id, [item for _, item in found])
        return found[0] if found else None

    def get(self, session_id: str, station: str | None = None) -> StoredBundle | None:
        """One stored bundle by session id (and station id or key hex); AmbiguousSession if several match."""
        with self._tx(write=False) as sql:
            found = self._select(sql, session_id, station)
        return found[1] if found else None

    def bundle_keys(self) -> list[tuple[str, str]]:
        """Every stored bundle's (station key hex, session id), oldest first (without loading the bundles)."""
        with self._tx(write=False) as sql:
            rows = sql.all("SELECT public_key, session_id FROM bundles ORDER BY received_utc, id")
        return [(row[0], row[1]) for row in rows]

    def _all_bundles(self, sql: Sql) -> list[StoredBundle]:
        return [_bundle(row) for row in sql.all(f"{_SELECT} ORDER BY received_utc, id")]

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        with self._tx(write=False) as sql:
            return self._all_bundles(sql)

    def _bundle_events(self, sql: Sql, bundle_id: int) -> list[EventRecord]:
        rows = sql.all(f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE bundle_id = ? ORDER BY seq", (bundle_id,))
        return [EventRecord.from_row(dict(zip(EVENT_FIELDS, row, strict=True))) for row in rows]

    def events(self, session_id: str, station: str | None = None) -> list[EventRecord]:
        """The parsed events of one stored session (selected as get() does)."""
        with self._tx(write=False) as sql:
            found = self._select(sql, session_id, station)
            return [] if found is None else self._bundle_events(sql, found[0])

    # -- read tokens --------------------------------------------------------------------------

    def add_token(self, sha256: str, label: str) -> dict[str, Any]:
        """Store a new read token's SHA-256 (never the token) with a label; return its row."""
        with self._tx() as sql:
            row = sql.one(f"INSERT INTO read_tokens (sha256, label, created_utc) VALUES (?, ?, ?) "
                          f"RETURNING {', '.join(TOKEN_FIELDS)}", (sha256, label, _now()))
        assert row is not None
        return dict(zip(TOKEN_FIELDS, row, strict=True))

    def tokens(self) -> list[dict[str, Any]]:
        """Every read token's row (id, sha256, label, created_utc, revoked_utc), oldest first."""
        with self._tx(write=False) as sql:
            rows = sql.all(f"SELECT {', '.join(TOKEN_FIELDS)} FROM read_tokens ORDER BY id")
        return [dict(zip(TOKEN_FIELDS, row, strict=True)) for row in rows]

    def revoke_token(self, token_id: int) -> dict[str, Any] | None:
        """Mark a token revoked (idempotent); its row, or None if there is no such id."""
        with self._tx() as sql:
            sql.run("UPDATE read_tokens SET revoked_utc = ? WHERE id = ? AND revoked_utc IS NULL", (_now(), token_id))
            row = sql.one(f"SELECT {', '.join(TOKEN_FIELDS)} FROM read_tokens WHERE id = ?", (token_id,))
        return dict(zip(TOKEN_FIELDS, row, strict=True)) if row else None

    # -- live station state (heartbeats) ------------------------------------------------------

    def put_live(self, row: LiveRow) -> tuple[bool, int]:
        """Keep a station's heartbeat unless one with a counter as high is stored: (kept?, the stored counter)."""
        with self._tx() as sql:
            kept = sql.all(
                f"INSERT INTO station_live ({', '.join(LIVE_FIELDS)}) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (public_key) DO UPDATE SET station_id = excluded.station_id, seq = excluded.seq, "
                "received_utc = excluded.received_utc, body = excluded.body WHERE station_live.seq < excluded.seq "
                "RETURNING seq", [getattr(row, name) for name in LIVE_FIELDS])
            if kept:
                return True, int(kept[0][0])
            stored = sql.one("SELECT seq FROM station_live WHERE public_key = ?", (row.public_key,))
        assert stored is not None
        return False, int(stored[0])

    def live(self, public_key: str | None = None) -> list[LiveRow]:
        """Every station's latest heartbeat (or one station's), by station key."""
        where, params = (" WHERE public_key = ?", (public_key,)) if public_key else ("", ())
        with self._tx(write=False) as sql:
            rows = sql.all(f"SELECT {', '.join(LIVE_FIELDS)} FROM station_live{where} ORDER BY station_id, "
                           "public_key", params)
        return [LiveRow(row[0], row[1], int(row[2]), row[3], row[4]) for row in rows]

    def live_versions(self) -> dict[str, int]:
        """Each station key's latest heartbeat counter (cheap: what the dashboard polls)."""
        with self._tx(write=False) as sql:
            return {row[0]: int(row[1]) for row in sql.all("SELECT public_key, seq FROM station_live")}

    # -- dashboard logins ---------------------------------------------------------------------

    def add_login(self, sha256: str, token_id: int, created_utc: str, expires_utc: str) -> None:
        """Store a dashboard login (the SHA-256 of its cookie, never the cookie) made with a read token."""
        with self._tx() as sql:
            sql.run("INSERT INTO dashboard_logins (sha256, token_id, created_utc, expires_utc) VALUES (?, ?, ?, ?)",
                    (sha256, token_id, created_utc, expires_utc))

    def login(self, sha256: str) -> dict[str, Any] | None:
        """A dashboard login by its cookie's SHA-256, with its token's revoked_utc, or None."""
        with self._tx(write=False) as sql:
            row = sql.one("SELECT l.sha256, l.token_id, l.created_utc, l.expires_utc, t.revoked_utc FROM "
                          "dashboard_logins l JOIN read_tokens t ON t.id = l.token_id WHERE l.sha256 = ?", (sha256,))
        return dict(zip(LOGIN_FIELDS, row, strict=True)) if row else None

    def drop_login(self, sha256: str) -> None:
        """Forget a dashboard login (log out); also forgets every expired one."""
        with self._tx() as sql:
            sql.run("DELETE FROM dashboard_logins WHERE sha256 = ? OR expires_utc < ?", (sha256, _now()))

    # -- erasures -----------------------------------------------------------------------------

    def erase(self, orders: Sequence[ErasureOrder], signer: Signer) -> list[tuple[bool, ErasureReceipt]]:
        """Carry out erasure orders in one transaction: for each, whether it was new and its signed receipt."""
        with self._tx() as sql:
            return [erase_in(sql, order, signer) for order in orders]

    def erasures(self) -> list[dict[str, Any]]:
        """Every row of the append-only erasures table, oldest first."""
        with self._tx(write=False) as sql:
            rows = sql.all(f"SELECT {', '.join(ERASURE_FIELDS)} FROM erasures ORDER BY erased_utc, request_id")
        return [dict(zip(ERASURE_FIELDS, row, strict=True)) for row in rows]

    def erased(self, station_id: str, session_id: str) -> str | None:
        """The request id that erased this station's session here, or None."""
        with self._tx(write=False) as sql:
            return erased_in(sql, station_id, session_id)


def rows_of(cursor: Iterator[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """A cursor's rows as tuples."""
    return [tuple(row) for row in cursor]
