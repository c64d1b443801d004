"""Schema migrations: recorded, idempotent, and a database made by an older schema opens intact."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlog import SchemaTooNewError, Store, StoreError, migrations, verify_store
from eventlog.canonical import GENESIS_HASH, canonical_json, utc_text
from eventlog.migrations import MIGRATIONS, Migration, applied_migrations, migrate
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
    meta = {"purpose": "practice", "participant": "P", "battery": None, "anchor_wall_utc": utc_text(0),
            "time_zone": "UTC", "app_version": "0.0.1", "platform": "test"}
    writer.queue.put(OpenOp({"id": "old", "status": "open", "anchor_wall_ns": 0, **meta}, "old", GENESIS_HASH))
    writer.queue.put(EventOp("old", 0, 0, "session.opened", None, None, canonical_json(meta)))
    writer.queue.put(EventOp("old", 1, 10, "test.tick", None, None, canonical_json({"n": 1, "label": ""})))
    closed = canonical_json({"reason": "completed", "event_count": 3})
    writer.queue.put(EventOp("old", 2, 20, "session.closed", None, None, closed))
    writer.queue.put(CloseOp("old", "completed", "2026-01-01T00:01:00+00:00", 3))
    stop = StopOp()
    writer.queue.put(stop)
    stop.done.wait()
    assert writer.failure is None  # the writer owns its connection and closed it on stop
    with sqlite3.connect(path) as check:
        return check.execute("SELECT * FROM events ORDER BY seq").fetchall()


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


def _schema(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


def _recorded(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT number, name, applied_at FROM _migrations ORDER BY number").fetchall()
    finally:
        conn.close()


def _two_tables(second: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra_first (x INTEGER)")
        conn.execute(second)

    return apply


BROKEN = "CREATE TABLE extra_second (x INTEGER"  # the closing parenthesis is missing: a syntax error
FIXED = "CREATE TABLE extra_second (x INTEGER)"


def test_a_failing_migration_leaves_the_schema_and_the_migration_table_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    schema, recorded = _schema(path), _recorded(path)
    number = MIGRATIONS[-1].number + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, Migration(number, "two tables", _two_tables(BROKEN))])
    with pytest.raises(StoreError, match="cannot migrate"):
        Store(path)
    assert _schema(path) == schema  # extra_first was rolled back with the failing statement
    assert _recorded(path) == recorded
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, Migration(number, "two tables", _two_tables(FIXED))])
    with Store(path) as store:  # the next start, with the migration fixed, applies it whole
        assert store.applied == [number]
        names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"extra_first", "extra_second"} <= names
    assert [row[0] for row in _recorded(path)] == [*(row[0] for row in recorded), number]


def test_a_failing_first_migration_leaves_no_file_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fresh.sqlite3"
    monkeypatch.setattr(migrations, "MIGRATIONS", [Migration(1, "two tables", _two_tables(BROKEN))])
    with pytest.raises(StoreError, match=r"cannot create the station database .*: incomplete input"):
        Store(path)
    assert list(tmp_path.iterdir()) == []  # a new database is built aside and linked in only once complete
