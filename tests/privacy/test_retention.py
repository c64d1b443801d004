"""Retention: with the clock set forward, expired personal data (and sessions past a session retention) are purged
in one transaction and the append-only audit table says what went, by pseudonym, never the data."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from kiosk.services.privacy import retention, set_retention
from kiosk.services.retention import purge_expired
from sync.identity import load_identity

Station = tuple[Path, dict[str, list[str]]]


def people(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(data_dir / "station.sqlite3")
    found = [row[0] for row in conn.execute("SELECT participant FROM people ORDER BY participant")]
    conn.close()
    return found


def test_the_default_keeps_personal_data_365_days_and_sessions_until_erased(station: Station) -> None:
    data_dir, _ = station
    with Store.in_dir(data_dir) as store:
        keep = retention(store)
    assert (keep.personal_days, keep.session_days) == (365, None)


def test_purge_removes_expired_personal_data_and_records_only_pseudonyms(station: Station, capsys) -> None:
    data_dir, _ = station
    assert main(["--data-dir", str(data_dir), "privacy", "purge"]) == 0
    assert "purged personal data of 1 participant(s): P-two" in capsys.readouterr().out
    assert people(data_dir) == ["P-one"]  # 10 days old: kept
    with Store.in_dir(data_dir) as store:
        purge_expired(store, now=datetime.now(UTC) + timedelta(days=366))  # the clock set forward
        rows = store.conn.execute("SELECT action, detail FROM privacy_audit ORDER BY n").fetchall()
    assert people(data_dir) == []
    assert [(action, json.loads(detail)["participants"]) for action, detail in rows] == [
        ("purge", ["P-two"]), ("purge", ["P-one"])]
    assert not any(word in detail for _, detail in rows for word in ("Ada", "Bob", "example.org"))


def test_the_audit_table_is_append_only(station: Station) -> None:
    data_dir, _ = station
    with Store.in_dir(data_dir) as store:
        purge_expired(store)
        for sql in ("DELETE FROM privacy_audit", "UPDATE privacy_audit SET actor = 'x'"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.conn.execute(sql)


def test_sessions_past_a_session_retention_are_erased_under_tombstones(station: Station, capsys) -> None:
    data_dir, ids = station
    assert main(["--data-dir", str(data_dir), "privacy", "set-retention", "--session-days", "30"]) == 0
    capsys.readouterr()
    with Store.in_dir(data_dir) as store:
        assert purge_expired(store, signer=load_identity(data_dir)).sessions == []  # all closed just now
        outcome = purge_expired(store, now=datetime.now(UTC) + timedelta(days=31), signer=load_identity(data_dir))
        assert sorted(outcome.sessions) == sorted(sid for group in ids.values() for sid in group)
        assert store.sessions() == []
    status = main(["--data-dir", str(data_dir), "verify-log"])
    assert status == 0 and "5 session(s) erased" in capsys.readouterr().out


def test_bad_retention_values_are_one_line_and_change_nothing(station: Station, capsys) -> None:
    data_dir, _ = station
    assert main(["--data-dir", str(data_dir), "privacy", "set-retention", "--personal-days", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--personal-days '0': must be at least 1 day" in err
    with Store.in_dir(data_dir) as store:
        with pytest.raises(ValueError, match="whole number"):
            set_retention(store, "soon", None, "test")
        assert retention(store).personal_days == 365


def test_status_shows_what_is_held_how_old_and_when_it_expires(station: Station, capsys) -> None:
    data_dir, _ = station
    assert main(["--data-dir", str(data_dir), "privacy", "status", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["retention"] == {"personal_days": 365, "session_days": None}
    assert [p["participant"] for p in info["people"]] == ["P-two", "P-one"]  # oldest first
    assert info["sessions"]["count"] == 5 and info["tombstones"] == 0
    assert "Ada" not in json.dumps(info)
    assert main(["--data-dir", str(data_dir), "privacy", "status"]) == 0
    out = capsys.readouterr().out
    assert "P-two: name, e-mail, recorded" in out and "Retention: personal data 365 days; sessions until erased" in out


def test_the_station_purges_expired_personal_data_when_it_starts(station: Station) -> None:
    from kiosk.services.station_log import prepare_station

    data_dir, _ = station
    start = prepare_station(data_dir)
    assert people(data_dir) == ["P-one"]
    assert any("personal data of 1 participant(s) past retention: P-two" in line for line in start.changes)
    prepare_station(data_dir)  # nothing more expired: no audit row for an empty purge at start
    with Store.in_dir(data_dir) as store:
        assert [row[0] for row in store.conn.execute("SELECT actor FROM privacy_audit")] == ["station start"]
