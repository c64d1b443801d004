"""The station key is never replaced silently (issue 11, item 11): a missing or changed key is an error naming
what happened, and a new identity takes an explicit, recorded command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from kiosk.services.station_log import prepare_station
from sync.errors import IdentityError
from sync.export import export_sessions
from sync.identity import key_paths, load_identity, parse_public_key, recorded_keys
from tests.sync.sessions import init_station, make_sessions


@pytest.fixture
def station(tmp_path: Path) -> Path:
    directory = tmp_path / "station"
    init_station(directory)
    make_sessions(directory, 1)
    return directory


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_init_records_the_new_key(station: Path) -> None:
    with Store.in_dir(station) as store:
        (record,) = recorded_keys(store.conn)
    assert record.public_raw == load_identity(station).public_raw and record.reason == "new station"


def test_deleted_keys_are_an_error_everywhere_never_a_new_key(station: Path, tmp_path: Path, capsys) -> None:
    shutil.rmtree(station / "keys")
    status, _, err = run(capsys, "--data-dir", str(station), "init")
    assert status == 1 and "the station key" in err and "is missing" in err
    assert "hiremate station new-identity --reason TEXT" in err and err.count("\n") == 1
    assert not (station / "keys").exists()  # nothing was made
    with pytest.raises(IdentityError, match="is missing"):
        prepare_station(station)  # the station does not start
    with Store.in_dir(station) as store, pytest.raises(IdentityError, match="is missing"):
        export_sessions(store, [store.sessions()[0].id], tmp_path / "out")
    status, _, err = run(capsys, "--data-dir", str(station), "station", "show")
    assert status == 1 and "is missing" in err


def test_a_replaced_key_is_named_as_changed(station: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other"
    init_station(other)
    for mine, theirs in zip(key_paths(station), key_paths(other), strict=True):
        shutil.copy2(theirs, mine)
    with pytest.raises(IdentityError, match="was changed: it is fingerprint") as caught:
        load_identity(station)
    assert load_identity(other).fingerprint in str(caught.value)
    status, _, err = run(capsys, "--data-dir", str(station), "init")
    assert status == 1 and "was changed" in err


def test_a_legacy_station_without_a_key_and_with_sessions_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "legacy"
    init_station(directory)
    make_sessions(directory, 1)
    shutil.rmtree(directory / "keys")
    with Store.in_dir(directory) as store:  # what an older app left: sessions, no key history
        store.conn.execute("DROP TRIGGER station_keys_refuse_delete")
        store.conn.execute("DELETE FROM station_keys")
    with pytest.raises(IdentityError, match="is missing and this station already holds sessions"):
        prepare_station(directory)


def test_a_legacy_key_is_recorded_once(tmp_path: Path) -> None:
    directory = tmp_path / "legacy"
    init_station(directory)
    with Store.in_dir(directory) as store:
        store.conn.execute("DROP TRIGGER station_keys_refuse_delete")
        store.conn.execute("DELETE FROM station_keys")
    start = prepare_station(directory)
    assert any("recorded the station key" in line for line in start.changes)
    assert prepare_station(directory).changes == []
    with Store.in_dir(directory) as store:
        assert [r.reason for r in recorded_keys(store.conn)] == ["recorded the key already in keys/"]


def test_new_identity_is_explicit_recorded_and_keeps_the_old_key(station: Path, capsys) -> None:
    old = load_identity(station)
    shutil.rmtree(station / "keys")
    status, out, err = run(capsys, "--data-dir", str(station), "station", "new-identity", "--reason", "  ")
    assert status == 1 and "needs a reason" in err
    status, out, _ = run(capsys, "--data-dir", str(station), "station", "new-identity", "--reason",
                         "keys/ lost with the old disk", "--json")
    assert status == 0
    made = json.loads(out)
    new = load_identity(station)
    assert made["fingerprint"] == new.fingerprint != old.fingerprint and made["retired"] is None
    with Store.in_dir(station) as store:
        assert [(r.public_raw, r.reason) for r in recorded_keys(store.conn)] == [
            (old.public_raw, "new station"), (new.public_raw, "keys/ lost with the old disk")]
    status, out, _ = run(capsys, "--data-dir", str(station), "station", "new-identity", "--reason", "rotation")
    assert status == 0 and "moved to" in out
    (retired,) = (station / "keys" / "retired").iterdir()
    assert load_identity(station).public_raw != new.public_raw
    assert parse_public_key((retired / "station.pub.pem").read_bytes()) == new.public_raw  # kept, not deleted
    assert (retired / "station.key.pem").exists()
    status, out, _ = run(capsys, "--data-dir", str(station), "station", "show")
    assert status == 0 and out.count("Earlier key:") == 2 and "keys/ lost with the old disk" in out


def test_checkpoints_signed_by_an_earlier_key_still_verify(station: Path, capsys) -> None:
    assert main(["--data-dir", str(station), "station", "new-identity", "--reason", "rotation"]) == 0
    make_sessions(station, 1)  # signed with the new key; the first session's with the old one
    status, out, _ = run(capsys, "--data-dir", str(station), "verify-log")
    assert status == 0, out
    assert "the 2 key(s) the database records" in out
