"""Scoring a session from a real station log, storing the result, and `hiremate score`."""

from __future__ import annotations

import json
import re
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
    assert "Risk tolerance (style, neither pole is better): position" in text and "Cautious [" in text
    assert "ability, higher is better" in text and "reliability" in text
    assert "Fit to the role: Sales associate" in text
    assert re.search(r"Overall fit \d+ of 100: .* Scale: 100 = every scored trait inside its", " ".join(text.split()))


def test_cli_text_is_for_a_recruiter(station: tuple[Path, str], capsys: pytest.CaptureFixture) -> None:
    """What issue 12 found in the old output: long lines, raw keys, None, cents, 0-1 units, advice to the candidate."""
    data_dir, sid = station
    assert main(["--data-dir", str(data_dir), "score", sid, "--role", "sales_associate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 40 and max(len(line) for line in lines) <= 100
    text = "\n".join(lines)
    assert re.findall(r"\b(?:bart|rt|decision)\.[a-z_]+", text) == []  # metric keys are named in words
    assert re.findall(r"\bNone\b|\bcents\b|\b0-1\b(?![0-9])", text) == []
    assert "play the full" not in text and "score again" not in text


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
