"""Commands that take sessions accept a pseudonym or any unique start of a session id (and say which sessions an
ambiguous start matches); `export --all` exports what it can when one session cannot be scored."""

from __future__ import annotations

from pathlib import Path

import pytest

import games.bart.events  # noqa: F401  (registers the bart.* kinds the hand-made session records)
from eventlog import EventLog
from kiosk.cli.main import main

BROKEN = "aaaa1111-0000-4000-8000-000000000001"
GOOD = "aaaa2222-0000-4000-8000-000000000002"


@pytest.fixture
def two_sessions(data_dir: Path) -> Path:
    """A station with two completed sessions whose ids share a start: P-one cannot be scored, P-two can."""
    log = EventLog.in_dir(data_dir)
    try:
        log.store.ensure_station("choice")
        broken = log.open_session("assessment", "P-one", "default", session_id=BROKEN)
        log.record(BROKEN, "bart.game_started", 5, {"balloons": 2, "colours": [{"colour": "blue", "capacity": 128}],
                                                    "cents_per_pump": 5, "seed": 1}, game="bart")
        for balloon in (0, 1):  # balloon 1 starts before balloon 0 ended: scoring refuses the stream
            log.record(BROKEN, "bart.balloon_started", 10 + balloon,
                       {"balloon": balloon, "colour": "blue", "capacity": 128}, game="bart", trial=balloon)
        log.close_session(BROKEN, broken.now_ns())
        good = log.open_session("assessment", "P-two", "default", session_id=GOOD)
        log.close_session(GOOD, good.now_ns())
    finally:
        log.close()
    return data_dir


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_score_takes_a_pseudonym_or_a_unique_start_of_the_id(
    two_sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(two_sessions, "score", "aaaa2") == 0
    assert f"Session {GOOD}" in capsys.readouterr().out
    assert run(two_sessions, "score", "p-two") == 0  # the pseudonym, in any case
    assert f"Session {GOOD}" in capsys.readouterr().out
    assert run(two_sessions, "score", "aaaa") == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "'aaaa' matches 2 sessions" in err
    assert "aaaa1111 (P-one" in err and "aaaa2222 (P-two" in err and "give more of the session id" in err
    assert run(two_sessions, "score", "bbbb") == 1
    assert "no session matches 'bbbb'" in capsys.readouterr().err


def test_export_and_data_export_take_pseudonyms_and_prefixes(
    two_sessions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "usb"
    assert run(two_sessions, "export", "P-two", "--plain", "-o", str(out)) == 0
    assert [p.name for p in out.iterdir()] == [f"{GOOD}.hiremate.zip"]
    assert run(two_sessions, "export", "aaaa", "--plain", "-o", str(tmp_path / "none")) == 1
    assert "matches 2 sessions" in capsys.readouterr().err and not (tmp_path / "none").exists()
    table = tmp_path / "table"
    assert run(two_sessions, "data", "export", "aaaa2", "--format", "csv", "-o", str(table)) == 0
    assert GOOD in (table / "sessions.csv").read_text(encoding="utf-8")
    assert BROKEN not in (table / "sessions.csv").read_text(encoding="utf-8")


def test_export_all_exports_what_it_can_names_each_failure_and_exits_non_zero(
    two_sessions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "usb"
    assert run(two_sessions, "export", "--all", "--plain", "-o", str(out)) == 1
    captured = capsys.readouterr()
    assert [p.name for p in out.iterdir()] == [f"{GOOD}.hiremate.zip"]  # the good one is not held back
    assert "1 bundle(s) written" in captured.out
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"hiremate export: session {BROKEN} not exported: cannot be scored:")
    assert "starts before balloon 0 ended" in line
