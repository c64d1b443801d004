"""atomic(): one transaction per block of writes on an autocommit connection, savepoints when nested."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventlog import Store, TransactionError, atomic
from eventlog.store import connect


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A station-style connection (autocommit, WAL) with one small table."""
    connection = connect(tmp_path / "t.sqlite3")
    connection.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    yield connection
    connection.close()


def _rows(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT x FROM t ORDER BY x")]


def test_a_block_commits_all_its_writes_together(conn: sqlite3.Connection, tmp_path: Path) -> None:
    with atomic(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        other = sqlite3.connect(tmp_path / "t.sqlite3")
        assert other.execute("SELECT count(*) FROM t").fetchone()[0] == 0  # nothing visible before COMMIT
        conn.execute("INSERT INTO t VALUES (2)")
    assert other.execute("SELECT count(*) FROM t").fetchone()[0] == 2
    other.close()
    assert not conn.in_transaction


def test_a_failing_second_insert_leaves_nothing(conn: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError), atomic(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("INSERT INTO t VALUES (1)")
    assert _rows(conn) == []
    assert not conn.in_transaction


def test_any_exception_rolls_back_and_propagates(conn: sqlite3.Connection) -> None:
    with pytest.raises(KeyError), atomic(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        raise KeyError("not a database error")
    assert _rows(conn) == []


def test_a_nested_block_is_a_savepoint(conn: sqlite3.Connection) -> None:
    with atomic(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.IntegrityError), atomic(conn):
            conn.execute("INSERT INTO t VALUES (2)")
            conn.execute("INSERT INTO t VALUES (1)")
        assert conn.in_transaction  # the inner failure undid only the inner writes
        conn.execute("INSERT INTO t VALUES (3)")
    assert _rows(conn) == [1, 3]


def test_an_uncaught_inner_failure_rolls_back_the_outer_block(conn: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError), atomic(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        with atomic(conn):
            conn.execute("INSERT INTO t VALUES (1)")
    assert _rows(conn) == []


def test_an_error_that_already_ended_the_transaction_is_not_masked(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TRIGGER t_rollback BEFORE INSERT ON t WHEN NEW.x = 2"
                 " BEGIN SELECT RAISE(ROLLBACK, 'rolled back by the trigger'); END")
    with pytest.raises(sqlite3.IntegrityError, match="rolled back by the trigger"), atomic(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        with atomic(conn):
            conn.execute("INSERT INTO t VALUES (2)")
    assert _rows(conn) == []
    assert not conn.in_transaction


def test_a_block_that_ends_the_transaction_itself_is_an_error(conn: sqlite3.Connection) -> None:
    with pytest.raises(TransactionError, match="ended inside atomic"), atomic(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.executescript("INSERT INTO t VALUES (2);")  # executescript() COMMITs first
    assert not conn.in_transaction


def test_a_connection_that_manages_its_own_transactions_is_refused(tmp_path: Path) -> None:
    legacy = sqlite3.connect(tmp_path / "legacy.sqlite3")  # default isolation_level: implicit BEGINs
    with pytest.raises(TransactionError, match="autocommit"), atomic(legacy):
        pass
    legacy.close()


def test_store_atomic_covers_its_connection(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        with pytest.raises(sqlite3.IntegrityError), store.atomic():
            store.conn.execute("INSERT INTO station VALUES ('a', 'one', 'now')")
            store.conn.execute("INSERT INTO station VALUES ('a', 'two', 'now')")
        assert store.station() is None
        row, created = store.ensure_station("bench")
        assert created and store.ensure_station("other") == (row, False)
