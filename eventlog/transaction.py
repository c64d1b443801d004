"""One transaction for a block of writes: `with atomic(conn): ...` (BEGIN IMMEDIATE, COMMIT or ROLLBACK).

Station connections are opened with `isolation_level=None` (autocommit, `eventlog.store.connect`), so
`with conn:` does not open a transaction there: each statement commits on its own and a block that fails
halfway keeps its first writes. Every multi-statement write goes through `atomic()` instead:

    with atomic(conn):
        conn.execute("INSERT ...")
        conn.execute("INSERT ...")   # raises: the first INSERT is rolled back too

- The outermost block runs `BEGIN IMMEDIATE` (the write lock is taken up front, so a read that turns into
  a write never fails with "database is locked" halfway), `COMMIT` on success, `ROLLBACK` on any exception.
- A block nested inside another on the same connection is a `SAVEPOINT`: its exception undoes only its own
  writes and propagates, so the outer block rolls back too unless the caller catches it.
- A block that ends the transaction itself (`COMMIT`, `ROLLBACK`, `executescript()`, `with conn:`) would
  have broken the unit of work: `TransactionError` says so instead of carrying on outside a transaction.

One connection is used by one thread at a time (the DB worker, a CLI command, the receiver's lock).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from eventlog.errors import TransactionError

__all__ = ["atomic"]

_names = itertools.count(1)


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block as one transaction (a savepoint when nested); roll back everything on any exception."""
    if conn.isolation_level is not None:
        raise TransactionError("atomic() needs an autocommit connection (isolation_level=None, as "
                               "eventlog.store.connect opens them); this one manages transactions itself")
    if conn.in_transaction:
        with _savepoint(conn):
            yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        _still_open(conn)
    except BaseException:
        if conn.in_transaction:  # an error such as RAISE(ROLLBACK) may have ended it already
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    name = f"atomic_{next(_names)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
        _still_open(conn)
    except BaseException:
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")


def _still_open(conn: sqlite3.Connection) -> None:
    if not conn.in_transaction:
        raise TransactionError("the transaction was ended inside atomic() (a COMMIT, ROLLBACK, executescript() "
                               "or `with conn:` in the block); its writes were not one unit")
