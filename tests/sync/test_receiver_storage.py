"""The receiver's storage, on SQLite and on PostgreSQL: a bundle with all its events or nothing, stored once;
heartbeats never go back; dashboard logins; migrations recorded in the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import psycopg
import pytest

from eventlog import EventRecord
from sync.receiver.pg_schema import MIGRATIONS
from sync.receiver.schema import MIGRATION_NAMES, SCHEMA_VERSION
from sync.receiver.storage import BundleStorage, LiveRow, StoredBundle

MakeStorage = Callable[..., BundleStorage]


def _bundle(session_id: str, sha: str = "ab" * 32) -> StoredBundle:
    return StoredBundle(session_id, sha, "station", "cd" * 32, "{}", b"{}", "1", "{}", "2030-01-01", b"zip")


def _event(session_id: str, seq: int) -> EventRecord:
    return EventRecord(session_id, seq, seq * 10, "test.tick", None, None, {"n": seq}, "0" * 64, f"{seq:064x}")


def test_a_bundle_whose_events_fail_to_store_leaves_nothing(storage_factory: MakeStorage) -> None:
    storage = storage_factory()
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):  # seq 1 twice: fails after the bundle row
        storage.add(_bundle("s-1"), [_event("s-1", 0), _event("s-1", 1), _event("s-1", 1)])
    assert storage.get("s-1") is None and storage.events("s-1") == []
    assert storage.add(_bundle("s-1"), [_event("s-1", 0), _event("s-1", 1)])[0] == "created"
    assert [e.seq for e in storage.events("s-1")] == [0, 1]
    outcome, stored = storage.add(_bundle("s-1", sha="ef" * 32), [_event("s-1", 0)])
    assert outcome == "exists" and stored.bundle_sha256 == "ab" * 32 and stored.bundle == b"zip"
    assert storage.bundle_keys() == [("cd" * 32, "s-1")]


def test_a_heartbeat_is_kept_only_if_newer_than_the_stored_one(storage_factory: MakeStorage) -> None:
    storage = storage_factory()
    key = "ee" * 32
    assert storage.put_live(LiveRow(key, "desk", 5, "t5", '{"n":5}')) == (True, 5)
    assert storage.put_live(LiveRow(key, "desk", 4, "t4", '{"n":4}')) == (False, 5)
    assert storage.put_live(LiveRow(key, "desk", 5, "t5b", '{"n":"again"}')) == (False, 5)
    assert [(row.seq, row.body) for row in storage.live()] == [(5, '{"n":5}')]
    assert storage.put_live(LiveRow(key, "desk", 9, "t9", '{"n":9}')) == (True, 9)
    assert storage.put_live(LiveRow("ff" * 32, "desk-2", 1, "t1", "{}")) == (True, 1)
    assert storage.live_versions() == {key: 9, "ff" * 32: 1}
    assert [row.body for row in storage.live(key)] == ['{"n":9}']


def test_dashboard_logins_follow_their_token(storage_factory: MakeStorage) -> None:
    storage = storage_factory()
    token = storage.add_token("aa" * 32, "dashboard")
    storage.add_login("11" * 32, token["id"], "2030-01-01T00:00:00", "2999-01-01T00:00:00")
    storage.add_login("22" * 32, token["id"], "2000-01-01T00:00:00", "2000-01-02T00:00:00")
    login = storage.login("11" * 32)
    assert login is not None and login["token_id"] == token["id"] and login["revoked_utc"] is None
    storage.revoke_token(token["id"])
    login = storage.login("11" * 32)
    assert login is not None and login["revoked_utc"]
    storage.drop_login("11" * 32)  # also forgets the expired one
    assert storage.login("11" * 32) is None and storage.login("22" * 32) is None
    assert storage.login("33" * 32) is None


def test_migrations_are_recorded_in_the_database(storage_factory: MakeStorage, backend: str) -> None:
    storage = storage_factory()
    assert storage.migrated_from == 0
    url = getattr(storage, "url", None)
    if url is None:
        with sqlite3.connect(storage.path) as conn:
            rows = conn.execute("SELECT version, name, applied_utc FROM schema_migrations ORDER BY version").fetchall()
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [row[:2] for row in rows] == sorted(MIGRATION_NAMES.items())
    else:
        with psycopg.connect(url) as conn:
            rows = conn.execute("SELECT version, name, applied_utc FROM schema_migrations ORDER BY version").fetchall()
        assert [row[0] for row in rows] == sorted(MIGRATIONS) and max(MIGRATIONS) == SCHEMA_VERSION
    assert all(row[2] for row in rows), rows  # a new database applied every version now
    storage.close()
    from sync.receiver.backends import open_storage

    again = open_storage(url or storage.path)
    assert again.migrated_from == SCHEMA_VERSION
    again.close()
