"""The receiver's storage keeps a bundle with all its events or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventlog import EventRecord
from sync.receiver import SqliteStorage
from sync.receiver.storage import StoredBundle


def _bundle(session_id: str) -> StoredBundle:
    return StoredBundle(session_id, "ab" * 32, "station", "cd" * 32, "{}", b"{}", "1", "{}", "2030-01-01", b"zip")


def _event(session_id: str, seq: int) -> EventRecord:
    return EventRecord(session_id, seq, seq * 10, "test.tick", None, None, {"n": seq}, "0" * 64, f"{seq:064x}")


def test_a_bundle_whose_events_fail_to_store_leaves_nothing(tmp_path: Path) -> None:
    storage = SqliteStorage(tmp_path / "receiver.sqlite3")
    try:
        with pytest.raises(sqlite3.IntegrityError):  # seq 1 twice: the events insert fails after the bundle row
            storage.add(_bundle("s-1"), [_event("s-1", 0), _event("s-1", 1), _event("s-1", 1)])
        assert storage.get("s-1") is None and storage.events("s-1") == []
        assert storage.add(_bundle("s-1"), [_event("s-1", 0), _event("s-1", 1)])[0] == "created"
        assert [e.seq for e in storage.events("s-1")] == [0, 1]
    finally:
        storage.close()
