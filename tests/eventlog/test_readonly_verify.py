"""`hiremate verify-log` never writes to what it checks (issue 11, item 2): read-only open, no migration, a file
that is not a station's refused, read-only media and files verified as they are."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from eventlog import Store
from eventlog.migrations import applied_migrations, migrate
from eventlog.store import connect
from kiosk.cli import main
from kiosk.services.station_log import open_station_log
from tests.eventlog import helpers  # noqa: F401  (registers test.* kinds)


def snapshot(directory: Path) -> dict[str, tuple[str, int]]:
    """Every file under the directory: its SHA-256 and mode (what verify-log must leave as it found them)."""
    return {str(p.relative_to(directory)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
            for p in sorted(directory.rglob("*")) if p.is_file()}


def verify_log(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), "verify-log"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def station(data_dir: Path) -> Path:
    """An initialised station with one closed session, cleanly closed (no WAL file left)."""
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    with open_station_log(data_dir, window_ms=1.0) as log:
        session = log.open_session("assessment", "P-ro")
        log.record(session.session_id, "test.tick", 10, {"n": 1})
        log.checkpoint(session.session_id)
        log.close_session(session.session_id, 20)
    return data_dir


def test_an_empty_file_is_refused_and_left_empty(data_dir: Path, capsys) -> None:
    data_dir.mkdir()
    (data_dir / "station.sqlite3").touch()
    status, out, err = verify_log(data_dir, capsys)
    assert status == 1 and out == ""
    assert err == f"hiremate verify-log: {data_dir / 'station.sqlite3'} is not a HireMate station database " \
                  "(an empty file)\n"
    assert [p.name for p in data_dir.iterdir()] == ["station.sqlite3"]
    assert (data_dir / "station.sqlite3").stat().st_size == 0


def test_a_database_that_is_not_a_stations_is_refused_untouched(data_dir: Path, capsys) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / "station.sqlite3")
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = snapshot(data_dir)
    status, _, err = verify_log(data_dir, capsys)
    assert status == 1 and "is not a HireMate station database (no _migrations, station, sessions, events" in err
    assert err.count("\n") == 1 and snapshot(data_dir) == before


def test_a_text_file_is_refused_in_one_line(data_dir: Path, capsys) -> None:
    data_dir.mkdir()
    (data_dir / "station.sqlite3").write_text("hello, not a database\n" * 100)
    before = snapshot(data_dir)
    status, _, err = verify_log(data_dir, capsys)
    assert status == 1 and "is not a HireMate station database: file is not a database" in err
    assert err.count("\n") == 1 and snapshot(data_dir) == before


def test_verify_log_changes_no_byte_and_no_file(station: Path, capsys) -> None:
    before = snapshot(station)
    status, out, _ = verify_log(station, capsys)
    assert status == 0, out
    assert snapshot(station) == before  # no WAL, no shared-memory file, no migration, no repaired mode


def test_an_older_schema_is_reported_not_migrated(data_dir: Path, capsys) -> None:
    data_dir.mkdir()
    conn = connect(data_dir / "station.sqlite3")
    migrate(conn, upto=5)  # the schema before checkpoints
    conn.close()
    status, out, _ = verify_log(data_dir, capsys)
    assert status == 1 and "no checkpoints table: the database was written by an older app" in out
    with sqlite3.connect(data_dir / "station.sqlite3") as check:
        assert applied_migrations(check) == [1, 2, 3, 4, 5]  # still the old schema: nothing was migrated


def test_a_read_only_file_verifies(station: Path, capsys) -> None:
    database = station / "station.sqlite3"
    os.chmod(database, 0o400)
    os.chmod(station, 0o500)
    try:
        status, out, _ = verify_log(station, capsys)
    finally:
        os.chmod(station, 0o700)
    assert status == 0, out
    assert database.stat().st_mode & 0o777 == 0o400


def _mount_read_only(source: Path, target: Path) -> None:
    for argv in (["mount", "--bind", str(source), str(target)], ["mount", "-o", "remount,ro,bind", str(target)]):
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            if argv[1] == "-o":
                subprocess.run(["umount", str(target)], capture_output=True)
            pytest.skip(f"cannot make a read-only mount here ({' '.join(argv)}: {done.stderr.strip()})")


def test_a_station_on_read_only_media_verifies(station: Path, tmp_path: Path, capsys) -> None:
    media = tmp_path / "media"
    media.mkdir()
    _mount_read_only(station, media)
    try:
        with pytest.raises(OSError):
            (media / "probe").write_text("x")  # the mount really is read-only
        status, out, _ = verify_log(media, capsys)
    finally:
        subprocess.run(["umount", str(media)], check=True)
    assert status == 0, out
    assert "OK" in out


def test_normal_opening_still_migrates(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = connect(data_dir / "station.sqlite3")
    migrate(conn, upto=5)
    conn.close()
    with Store(data_dir / "station.sqlite3") as store:  # the station itself upgrades its own database
        assert 6 in applied_migrations(store.conn)
