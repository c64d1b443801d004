"""The append-only triggers and the hash chain's detection of tampering."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventlog import verify_store
from kiosk.cli import main
from kiosk.services.station_log import open_station_log
from tests.eventlog.helpers import raw_connection


@pytest.fixture
def closed_session(data_dir: Path) -> tuple[Path, str]:
    """An initialised station holding one closed session of ten tick events, written by its signing log."""
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    with open_station_log(data_dir) as log:
        session = log.open_session("assessment", "P-9")
        for i in range(10):
            log.record(session.session_id, "test.tick", 100 * i, {"n": i, "label": f"tick {i}"})
        log.close_session(session.session_id, 2000)
        return log.store.path, session.session_id


def test_triggers_refuse_update_and_delete(closed_session: tuple[Path, str]) -> None:
    path, _ = closed_session
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only: UPDATE refused"):
        conn.execute("UPDATE events SET t_ns = 0 WHERE seq = 3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only: DELETE refused"):
        conn.execute("DELETE FROM events WHERE seq = 3")
    conn.close()


def _verify(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--data-dir", str(data_dir), "verify-log"])
    return status, capsys.readouterr().out


def test_untouched_log_verifies(data_dir: Path, closed_session: tuple[Path, str], capsys) -> None:
    status, out = _verify(data_dir, capsys)
    assert status == 0 and "OK" in out and "events verified: 12" in out


def test_edited_payload_is_detected(data_dir: Path, closed_session: tuple[Path, str], capsys) -> None:
    path, sid = closed_session
    raw_connection(path).execute(
        "UPDATE events SET payload = ? WHERE session_id = ? AND seq = 4", ('{"label":"tick 3","n":99}', sid)
    )
    status, out = _verify(data_dir, capsys)
    assert status == 1 and "event 4: content does not match its hash" in out


def test_deleted_row_is_detected(data_dir: Path, closed_session: tuple[Path, str], capsys) -> None:
    path, sid = closed_session
    raw_connection(path).execute("DELETE FROM events WHERE session_id = ? AND seq = 6", (sid,))
    status, out = _verify(data_dir, capsys)
    assert status == 1 and "event 6: missing or moved" in out


def test_deleted_tail_of_closed_session_is_detected(data_dir: Path, closed_session: tuple[Path, str], capsys) -> None:
    path, sid = closed_session
    raw_connection(path).execute("DELETE FROM events WHERE session_id = ? AND seq = 11", (sid,))
    status, out = _verify(data_dir, capsys)
    assert status == 1 and "closed with 12 events but 11 are present" in out


def test_swapped_pair_is_detected(data_dir: Path, closed_session: tuple[Path, str], capsys) -> None:
    path, sid = closed_session
    conn = raw_connection(path)
    conn.execute("UPDATE events SET seq = -1 WHERE session_id = ? AND seq = 5", (sid,))
    conn.execute("UPDATE events SET seq = 5 WHERE session_id = ? AND seq = 6", (sid,))
    conn.execute("UPDATE events SET seq = 6 WHERE session_id = ? AND seq = -1", (sid,))
    status, out = _verify(data_dir, capsys)
    assert status == 1 and "event 5: prev_hash does not match" in out


def test_inserted_row_is_detected(data_dir: Path, closed_session: tuple[Path, str], capsys) -> None:
    path, sid = closed_session
    conn = raw_connection(path)
    for seq in range(11, 4, -1):
        conn.execute("UPDATE events SET seq = seq + 1 WHERE session_id = ? AND seq = ?", (sid, seq))
    row = conn.execute("SELECT * FROM events WHERE session_id = ? AND seq = 4", (sid,)).fetchone()
    conn.execute("INSERT INTO events VALUES (?, 5, ?, ?, ?, ?, ?, ?, ?)", (sid, *row[2:]))
    report_status, out = _verify(data_dir, capsys)
    assert report_status == 1 and "event 5" in out


def test_verify_log_json_names_the_first_broken_event(data_dir: Path, closed_session, capsys) -> None:
    path, sid = closed_session
    raw_connection(path).execute("UPDATE events SET t_ns = 1 WHERE session_id = ? AND seq = 2", (sid,))
    status = main(["--data-dir", str(data_dir), "verify-log", "--json"])
    out = capsys.readouterr().out
    assert status == 1 and '"seq": 2' in out and f'"session": "{sid}"' in out


def test_store_report_counts_sessions(closed_session: tuple[Path, str]) -> None:
    path, _ = closed_session
    from eventlog import Store

    with Store(path) as store:
        report = verify_store(store)
    assert report.ok and report.sessions == 1 and report.events == 12 and report.integrity == "ok"
