"""Secrets at rest (issue 11, item 10): a private data directory, access codes only as hashes, a 6-digit PIN
whose old, cheaper hashes still verify. The commands run in child processes under the usual umask 022, as a
proctor's shell would run them."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pyrage import x25519

from eventlog import Store
from eventlog.migrations import migrate
from eventlog.store import connect
from kiosk.services.codes import display_code, generate_code
from kiosk.services.pin import PinError, hash_pin, validate_new_pin
from kiosk.services.private_dir import DataDirError, secure_data_dir
from kiosk.services.stationdb import CodeRefused, StationDb
from sync.outbox import enqueue_completed
from tests.sync.sessions import make_sessions


def hiremate(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command line in a child with umask 022 (what made every file world-readable before)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-c", "import os, sys; os.umask(0o022); from kiosk.cli import main; "
                           "sys.exit(main())", "--data-dir", str(data_dir), *argv],
                          env=env, capture_output=True, text=True, timeout=120)


def modes(root: Path) -> dict[str, int]:
    """Permission bits of everything under root (root included), by relative path."""
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_everything_a_station_writes_is_owner_only(data_dir: Path, tmp_path: Path) -> None:
    os.umask(old := os.umask(0o022))  # this process too writes under the usual umask
    assert hiremate(data_dir, "init").returncode == 0
    make_sessions(data_dir, 2)  # through the station's log
    done = hiremate(data_dir, "codes", "issue", "--count", "2", "--battery", "test_fast", "--pdf",
                    str(data_dir / "exports" / "codes.pdf"))
    assert done.returncode == 0, done.stderr
    recipient = str(x25519.Identity.generate().to_public())
    assert hiremate(data_dir, "sync", "set-recipient", recipient).returncode == 0
    exported = tmp_path / "handed-over"
    assert hiremate(data_dir, "export", "--all", "-o", str(exported)).returncode == 0
    with Store.in_dir(data_dir) as store:  # open: the WAL and shared-memory files exist now
        assert enqueue_completed(store)
        found = {**modes(data_dir), **{f"export/{k}": v for k, v in modes(exported).items()}}
    assert {"station.sqlite3", "station.sqlite3-wal", "station.sqlite3-shm", "keys/station.key.pem",
            "keys/station.pub.pem", "exports/codes.pdf"} <= set(found)
    assert any(name.startswith("codes/codes-") for name in found)  # the printable list
    assert any(name.startswith("outbox/") and name.endswith(".age") for name in found)
    assert any(name.startswith("export/") and name.endswith(".age") for name in found)
    loose = {name: oct(mode) for name, mode in found.items() if mode & 0o077}
    assert loose == {}
    assert old == os.umask(old)


def test_a_world_readable_data_dir_is_repaired_at_start_and_said(data_dir: Path) -> None:
    assert hiremate(data_dir, "init").returncode == 0
    database = data_dir / "station.sqlite3"
    os.chmod(data_dir, 0o755)
    os.chmod(database, 0o644)
    done = hiremate(data_dir, "sessions")
    assert done.returncode == 0
    assert done.stderr.startswith(f"hiremate: made 2 entries of {data_dir} private (they were readable by others)")
    assert f"{database}: mode 644 -> 600" in done.stderr and done.stderr.count("\n") == 1
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700 and stat.S_IMODE(database.stat().st_mode) == 0o600
    assert hiremate(data_dir, "sessions").stderr == ""  # nothing left to repair


def test_an_entry_owned_by_someone_else_is_refused(data_dir: Path) -> None:
    assert hiremate(data_dir, "init").returncode == 0
    stranger = data_dir / "left-by-someone"
    stranger.write_text("x")
    os.chown(stranger, 4321, 4321)
    with pytest.raises(DataDirError, match="belongs to user id 4321"):
        secure_data_dir(data_dir)
    done = hiremate(data_dir, "sessions")
    assert done.returncode == 1 and "belongs to user id 4321" in done.stderr and done.stderr.count("\n") == 1


def test_codes_are_stored_only_as_hashes_and_redeem_by_what_is_typed(data_dir: Path) -> None:
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        issued = db.issue_codes(3, "test_fast", datetime.now(UTC) + timedelta(hours=1))
        raw = b"".join(path.read_bytes() for path in data_dir.glob("station.sqlite3*"))
        for code in issued:
            assert code.code is not None and code.code.encode() not in raw
            assert display_code(code.code).encode() not in raw
        listed = db.codes()
        assert [c.code for c in listed] == [None] * 3
        assert sorted(c.hint for c in listed) == sorted(f"····-····-·{c.code[-2:]}" for c in issued if c.code)
        spent = db.redeem(issued[0].code or "", "session-1")
        assert spent.participant == issued[0].participant and spent.session_id == "session-1"
        with pytest.raises(CodeRefused) as again:
            db.redeem(issued[0].code or "", "session-2")
        assert again.value.reason == "used"
        with pytest.raises(CodeRefused) as unknown:
            db.redeem(generate_code(), "session-3")
        assert unknown.value.reason == "unknown"


def test_plain_codes_of_an_older_database_are_hashed_by_the_migration(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "station.sqlite3"
    conn = connect(path)
    migrate(conn, upto=5)  # the schema that kept codes in clear
    unused, used = generate_code(), generate_code()
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    for code, used_utc, session in ((unused, None, None), (used, "2030-01-01T00:00:00+00:00", "s-old")):
        conn.execute("INSERT INTO access_codes (code, participant, battery, created_utc, expires_utc, used_utc, "
                     "session_id) VALUES (?, ?, 'test_fast', '2030-01-01T00:00:00+00:00', ?, ?, ?)",
                     (code, f"P-{code[:4]}", later, used_utc, session))
    conn.execute("INSERT INTO session_progress (session_id, battery, code, game_index, updated_utc) "
                 "VALUES ('s-old', 'test_fast', ?, 0, '2030-01-01')", (used,))
    conn.close()
    with Store(path) as store:
        assert 7 in store.applied
        db = StationDb(store)
        assert {c.hint for c in db.codes()} == {f"····-····-·{unused[-2:]}", f"····-····-·{used[-2:]}"}
        progress = db.progress("s-old")
        assert progress is not None and progress.code == f"····-····-·{used[-2:]}"
        with pytest.raises(CodeRefused) as refused:
            db.redeem(used, "new")
        assert refused.value.reason == "used"  # still known as used after the migration
        assert db.redeem(unused, "s-new").participant == f"P-{unused[:4]}"
    raw = path.read_bytes() + (path.with_name("station.sqlite3-wal").read_bytes()
                               if path.with_name("station.sqlite3-wal").exists() else b"")
    assert unused.encode() not in raw and used.encode() not in raw


@pytest.mark.parametrize("pin", ["1234", "12345", "12a456", "1234567890123"])
def test_a_pin_needs_six_to_twelve_digits(pin: str) -> None:
    with pytest.raises(PinError, match="6 to 12 digits"):
        validate_new_pin(pin, pin)


def test_an_old_cheaper_pin_hash_still_verifies_and_is_replaced_at_the_next_right_pin(data_dir: Path) -> None:
    old = hash_pin("2468", n=2**14)  # what the station stored before: 4 digits, N = 2**14
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.set_setting("pin_hash", old)
        assert not db.check_pin("2469", 0).ok
        assert db.setting("pin_hash") == old
        assert db.check_pin("2468", 0).ok
        new = db.setting("pin_hash")
        assert new is not None and new.startswith("scrypt$65536$8$1$") and new != old
        assert db.check_pin("2468", 0).ok


def test_the_pin_hash_names_its_parameters() -> None:
    stored = hash_pin("975313", salt=b"s" * 16)
    name, n, r, p, salt, digest = stored.split("$")
    expected = hashlib.scrypt(b"975313", salt=b"s" * 16, n=2**16, r=8, p=1, dklen=32, maxmem=2**27).hex()
    assert (name, n, r, p, salt, digest) == ("scrypt", "65536", "8", "1", (b"s" * 16).hex(), expected)


def test_a_read_only_connection_sees_no_code_in_clear(data_dir: Path) -> None:
    with Store.in_dir(data_dir) as store:
        (issued,) = StationDb(store).issue_codes(1, "test_fast", datetime.now(UTC) + timedelta(hours=1))
    conn = sqlite3.connect(data_dir / "station.sqlite3")
    dump = json.dumps([list(row) for row in conn.execute("SELECT * FROM access_codes")])
    conn.close()
    assert issued.code is not None and issued.code not in dump and issued.ref in dump
