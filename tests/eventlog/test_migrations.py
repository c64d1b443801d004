"""Schema migrations: recorded, idempotent, and a database made by an older schema opens intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventlog import SchemaTooNewError, Store, StoreError, verify_store
from eventlog.canonical import GENESIS_HASH, canonical_json
from eventlog.migrations import MIGRATIONS, applied_migrations, migrate
from eventlog.store import connect
from eventlog.writer import CloseOp, EventOp, OpenOp, StopOp, Writer


def test_every_registered_migration_is_recorded_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        assert applied_migrations(store.conn) == [m.number for m in MIGRATIONS]
    with Store(tmp_path / "s.sqlite3") as again:
        assert again.applied == []


def _write_session_on_schema(path: Path, upto: int) -> list[tuple]:
    """Make a database with migrations up to `upto` and write a closed session through the real writer."""
    conn = connect(path)
    migrate(conn, upto=upto)
    writer = Writer(conn, 0.0)
    row = {"id": "old", "purpose": "practice", "participant": "P", "battery": None, "status": "open",
           "anchor_wall_utc": "2026-01-01T00:00:00+00:00", "anchor_wall_ns": 0, "time_zone": "UTC",
           "app_version": "0.0.1", "platform": "test"}
    writer.queue.put(OpenOp(row, "old", GENESIS_HASH))
    for seq in range(3):
        payload = canonical_json({"n": seq, "label": ""})
        writer.queue.put(EventOp("old", seq, seq * 10, "test.tick", None, None, payload))
    writer.queue.put(CloseOp("old", "completed", "2026-01-01T00:01:00+00:00", 3))
    stop = StopOp()
    writer.queue.put(stop)
    stop.done.wait()
    assert writer.failure is None
    rows = conn.execute("SELECT * FROM events ORDER BY seq").fetchall()
    conn.close()
    return rows


def test_database_from_the_previous_schema_opens_with_its_events_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    previous = MIGRATIONS[-2].number
    rows_before = _write_session_on_schema(path, previous)
    assert applied_migrations(sqlite3.connect(path)) == [m.number for m in MIGRATIONS if m.number <= previous]
    with Store(path) as store:
        assert store.applied == [m.number for m in MIGRATIONS if m.number > previous]
        assert store.conn.execute("SELECT * FROM events ORDER BY seq").fetchall() == rows_before
        row = store.session("old")
        assert row is not None and row.status == "completed" and row.event_count == 3
        assert verify_store(store).ok


def test_database_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _migrations VALUES (9999, 'future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError, match="9999"):
        Store(path)


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a HireMate station database"):
        Store(path)
    assert path.read_bytes() == b"this is not sqlite" * 100
