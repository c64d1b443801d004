"""Multi-statement writes of the station's services are one transaction: a failing step keeps nothing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eventlog import EventLog, Store
from kiosk.services import session_ops
from kiosk.services.stationdb import StationDb

REFUSED = "refused by the test"


def refuse_inserts(conn: sqlite3.Connection, table: str) -> None:
    """A real SQLite failure on this connection only: every INSERT into `table` aborts (a TEMP trigger)."""
    conn.execute(f"CREATE TEMP TRIGGER refuse_{table} BEFORE INSERT ON main.{table}"
                 f" BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END")


def allow_inserts(conn: sqlite3.Connection, table: str) -> None:
    """Drop the trigger refuse_inserts made."""
    conn.execute(f"DROP TRIGGER temp.refuse_{table}")


def _expiry() -> datetime:
    return datetime.now(UTC) + timedelta(hours=1)


def test_issuing_a_code_keeps_nothing_when_the_persons_row_fails(data_dir: Path) -> None:
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        refuse_inserts(store.conn, "people")
        with pytest.raises(sqlite3.IntegrityError, match=REFUSED):
            db.issue_codes(1, "default", _expiry(), person=("Ada Lovelace", "ada@example.org"))
        assert db.codes() == []  # the code inserted first was rolled back with the person
        assert store.conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0
        allow_inserts(store.conn, "people")
        (issued,) = db.issue_codes(1, "default", _expiry(), person=("Ada Lovelace", "ada@example.org"))
        assert [c.ref for c in db.codes()] == [issued.ref]


def test_a_code_stays_unspent_when_admission_fails_after_redeeming_it(data_dir: Path) -> None:
    with Store.in_dir(data_dir) as store:
        (issued,) = StationDb(store).issue_codes(1, "test_fast", _expiry())
    log = EventLog.in_dir(data_dir, window_ms=1.0)
    try:
        with Store.in_dir(data_dir) as store:
            db = StationDb(store)
            refuse_inserts(store.conn, "session_progress")
            with pytest.raises(sqlite3.IntegrityError, match=REFUSED):
                session_ops.admit(db, log, issued.code)
            log.flush(timeout=10)
            assert db.codes()[0].used_utc is None  # redeemed first, then rolled back with the progress row
            assert store.sessions() == []  # and no session was opened for it
            allow_inserts(store.conn, "session_progress")
            admission = session_ops.admit(db, log, issued.code)  # the candidate can try again
            assert db.codes()[0].session_id == admission.session.session_id
            assert db.progress(admission.session.session_id) is not None
    finally:
        log.close()


def test_settings_saved_together_are_all_kept_or_none(data_dir: Path) -> None:
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        store.conn.execute("CREATE TEMP TRIGGER refuse_pause BEFORE INSERT ON main.station_settings"
                           f" WHEN NEW.key = 'pause_seconds' BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END")
        with pytest.raises(sqlite3.IntegrityError, match=REFUSED):
            db.set_settings({"idle_seconds": "30", "pause_seconds": "90"})
        assert db.setting("idle_seconds") is None
        store.conn.execute("DROP TRIGGER temp.refuse_pause")
        db.set_settings({"idle_seconds": "30", "pause_seconds": "90"})
        assert (db.setting("idle_seconds"), db.setting("pause_seconds")) == ("30", "90")
