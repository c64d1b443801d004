"""Station tables (codes, people, progress) and the `codes`, `sessions` and `simulate` commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eventlog import Store, verify_store
from kiosk.cli.main import main
from kiosk.services.codes import parse_code
from kiosk.services.stationdb import CodeRefused, StationDb, parse_expires


def test_a_code_is_spent_once_and_personal_data_stays_in_people(data_dir: Path) -> None:
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        (issued,) = db.issue_codes(1, "default", datetime.now(UTC) + timedelta(hours=1), "ACME",
                                   person=("Ada Lovelace", "ada@example.org"))
        assert issued.participant.startswith("ACME-")
        spent = db.redeem(issued.code, "s-1")
        assert spent.session_id == "s-1" and spent.used_utc is not None
        with pytest.raises(CodeRefused) as again:
            db.redeem(issued.code, "s-2")
        assert again.value.reason == "used"
        people = store.conn.execute("SELECT participant, name, email FROM people").fetchall()
        assert people == [(issued.participant, "Ada Lovelace", "ada@example.org")]
        codes_row = store.conn.execute("SELECT * FROM access_codes").fetchall()
        assert "Ada" not in json.dumps(codes_row)


def test_expired_and_unknown_codes_are_refused(data_dir: Path) -> None:
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        (old,) = db.issue_codes(1, "default", datetime.now(UTC) - timedelta(seconds=1))
        with pytest.raises(CodeRefused) as expired:
            db.redeem(old.code, "s")
        assert expired.value.reason == "expired"
        with pytest.raises(CodeRefused) as unknown:
            db.redeem("0" * 11, "s")
        assert unknown.value.reason == "unknown"
        assert db.codes()[0].used_utc is None


def test_parse_expires() -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    assert parse_expires("90m", now) == now + timedelta(minutes=90)
    assert parse_expires("7d", now) == now + timedelta(days=7)
    assert parse_expires("2030-02-01", now) == datetime(2030, 2, 1, tzinfo=UTC)
    for bad in ("soon", "2029-01-01", "-3h"):
        with pytest.raises(ValueError, match="expires"):
            parse_expires(bad, now)


def test_codes_issue_and_list_commands(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "codes", "issue", "--count", "3", "--battery", "test_fast",
                 "--expires", "2h", "--participant-prefix", "LAB", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["codes"]) == 3 and all(c["participant"].startswith("LAB-") for c in out["codes"])
    page = Path(out["printable"]).read_text(encoding="utf-8")
    for c in out["codes"]:
        assert parse_code(c["code"]) == c["code"]
        assert f"{c['code'][:4]}-{c['code'][4:8]}-{c['code'][8:]}" in page
    assert oct(os.stat(out["printable"]).st_mode & 0o777) == "0o600"
    assert main(["--data-dir", str(data_dir), "codes", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in listed] == [None] * 3  # only hashes are stored: the list shows each code's hint
    assert sorted(r["hint"] for r in listed) == sorted(f"····-····-·{c['code'][-2:]}" for c in out["codes"])
    assert {r["state"] for r in listed} == {"unused"}


@pytest.mark.parametrize("argv", [
    ["codes", "issue", "--count", "0"],
    ["codes", "issue", "--count", "1", "--battery", "nope"],
    ["codes", "issue", "--count", "1", "--expires", "yesterday"],
])
def test_codes_issue_refuses_bad_input_in_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hiremate codes issue:") and err.count("\n") == 1
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).codes() == []


@pytest.mark.slow
def test_simulate_writes_a_real_closed_session(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), "simulate", "--seed", "9"],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    session_id = done.stdout.strip()
    with Store.in_dir(data_dir) as store:
        row = store.session(session_id)
        assert row is not None and row.status == "completed" and row.battery == "test_fast"
        assert verify_store(store).ok
        kinds = {e.kind for e in store.events(session_id)}
    assert {"bart.game_ended", "rt.game_ended", "decision.game_ended", "station.consent"} <= kinds
    assert main(["--data-dir", str(data_dir), "sessions", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["session_id"] == session_id and listed["status"] == "completed"
