"""Scoring a session from a real station log, storing the result, and `hiremate score`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eventlog import EventLog, Store
from kiosk.cli.main import main
from sync.stored_results import score_and_store, stored_results
from tests.scoring.logged import write_session
from tests.scoring.simulate import full_session


@pytest.fixture
def station(data_dir: Path) -> tuple[Path, str]:
    log = EventLog.in_dir(data_dir, window_ms=5.0)
    try:
        sid = write_session(log, full_session(seed=2))
    finally:
        log.close()
    return data_dir, sid


def test_score_and_store_round_trip(station: tuple[Path, str]) -> None:
    data_dir, sid = station
    with Store.in_dir(data_dir) as store:
        assert stored_results(store, sid) is None
        before = store.event_count(sid)
        profile = score_and_store(store, sid)
        assert stored_results(store, sid) == profile.canonical_json()
        again = score_and_store(store, sid)  # recomputing replaces the derived row, never the events
        assert again.canonical_json() == profile.canonical_json()
        assert store.event_count(sid) == before
        rows = store.conn.execute("SELECT count(*) FROM results WHERE session_id = ?", (sid,)).fetchone()[0]
        assert rows == 1


def test_cli_json_is_canonical_and_table_readable(station: tuple[Path, str], capsys: pytest.CaptureFixture) -> None:
    data_dir, sid = station
    assert main(["--data-dir", str(data_dir), "score", sid, "--json"]) == 0
    out = capsys.readouterr().out.strip()
    with Store.in_dir(data_dir) as store:
        assert out.encode() == stored_results(store, sid)
    assert json.loads(out)["session_id"] == sid
    assert main(["--data-dir", str(data_dir), "score", sid, "--role", "sales_associate", "--recompute"]) == 0
    text = capsys.readouterr().out
    assert "Risk tolerance" in text and "Cautious" in text and "Bold" in text and "reliability" in text
    assert "Role fit: Sales associate" in text
    assert "An ability" in text


def test_cli_unknown_session_and_role(station: tuple[Path, str], capsys: pytest.CaptureFixture) -> None:
    data_dir, sid = station
    assert main(["--data-dir", str(data_dir), "score", "nope"]) == 1
    assert "no session matches 'nope'" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "score", sid, "--role", "astronaut"]) == 1
    assert "no such role profile" in capsys.readouterr().err


def test_stored_results_join_the_callers_transaction(station: tuple[Path, str]) -> None:
    data_dir, sid = station
    with Store.in_dir(data_dir) as store:
        store.conn.execute("BEGIN IMMEDIATE")
        score_and_store(store, sid)
        with pytest.raises(sqlite3.IntegrityError):  # a second insert in the same unit of work fails
            store.conn.execute("INSERT INTO station (id, name, created_utc) VALUES (NULL, NULL, NULL)")
        store.conn.execute("ROLLBACK")
        assert stored_results(store, sid) is None  # the results row went with it
