"""Erasure under signed tombstones: everything of a participant goes, the rest still verifies, and any deletion
without a valid tombstone is still caught by verify-log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from kiosk.services.erasure import ErasureError, erase_sessions
from sync.identity import load_identity
from tests.eventlog.test_checkpoints import restore, tamper

Station = tuple[Path, dict[str, list[str]]]
TABLES = ("events", "results", "outbox", "session_progress")


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def held(data_dir: Path, participant: str, ids: list[str]) -> dict[str, int]:
    conn = sqlite3.connect(data_dir / "station.sqlite3")
    marks = ", ".join("?" * len(ids))
    counts = {table: conn.execute(f"SELECT count(*) FROM {table} WHERE session_id IN ({marks})", ids).fetchone()[0]
              for table in TABLES}
    counts["sessions"] = conn.execute(f"SELECT count(*) FROM sessions WHERE id IN ({marks})", ids).fetchone()[0]
    for table in ("people", "access_codes"):
        counts[table] = conn.execute(f"SELECT count(*) FROM {table} WHERE participant = ?",
                                     (participant,)).fetchone()[0]
    conn.close()
    return counts


def test_erasing_a_participant_removes_every_row_and_the_rest_still_verifies(station: Station, capsys) -> None:
    data_dir, ids = station
    assert held(data_dir, "P-one", ids["P-one"])["events"] > 0
    status, out, _ = run(data_dir, capsys, "privacy", "erase", "P-one", "--reason", "request 2026-14")
    assert status == 0 and "3 session(s) erased" in out
    assert set(held(data_dir, "P-one", ids["P-one"]).values()) == {0}
    assert held(data_dir, "P-two", ids["P-two"])["people"] == 1  # others untouched
    status, out, _ = run(data_dir, capsys, "verify-log")
    assert status == 0 and "3 session(s) erased under a signed tombstone" in out and "sessions: 2" in out
    status, out, _ = run(data_dir, capsys, "privacy", "tombstones", "--json")
    stones = json.loads(out)
    assert sorted(s["session_id"] for s in stones) == sorted(ids["P-one"])
    assert all(s["signature_valid"] and s["reason"] == "request 2026-14" and s["event_count"] > 0 for s in stones)
    assert main(["--data-dir", str(data_dir), "verify-log", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["erased"] == 3
    status, out, _ = run(data_dir, capsys, "privacy", "audit", "--participant", "P-one", "--json")
    actions = [row["action"] for row in json.loads(out)]
    assert actions == ["erase", "erase", "erase", "erase.participant"]
    assert "Ada" not in out and "ada@example.org" not in out


def test_a_session_deleted_by_hand_without_a_tombstone_is_still_caught(station: Station, capsys) -> None:
    data_dir, ids = station
    assert run(data_dir, capsys, "privacy", "erase", "P-one", "--reason", "withdrawn")[0] == 0
    conn = tamper(data_dir)
    sid = ids["P-two"][0]
    conn.execute("DELETE FROM events WHERE session_id = ?", (sid,))
    conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
    restore(conn)
    status, out, _ = run(data_dir, capsys, "verify-log")
    assert status == 1 and "BROKEN" in out and sid in out


def test_the_log_refuses_to_delete_events_without_a_tombstone(station: Station) -> None:
    data_dir, ids = station
    with Store.in_dir(data_dir) as store, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM events WHERE session_id = ?", (ids["P-two"][0],))


def test_a_forged_tombstone_lets_the_trigger_pass_but_verify_log_names_it(station: Station, capsys) -> None:
    data_dir, ids = station
    sid = ids["P-three"][0]
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    conn.execute("INSERT INTO tombstones VALUES (?, 'P-three', 1, ?, 'forged', '2026-01-01', '[]', ?, ?)",
                 (sid, "0" * 64, "11" * 32, "22" * 64))
    conn.execute("DELETE FROM events WHERE session_id = ?", (sid,))
    conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
    conn.close()
    status, out, _ = run(data_dir, capsys, "verify-log")
    assert status == 1 and f"tombstone of session {sid} is not signed by one of the station's keys" in out


def test_erasing_twice_is_not_an_error_and_unknown_names_change_nothing(station: Station, capsys) -> None:
    data_dir, _ = station
    assert run(data_dir, capsys, "privacy", "erase", "P-two", "--reason", "r")[0] == 0
    status, out, _ = run(data_dir, capsys, "privacy", "erase", "P-two", "--reason", "r")
    assert status == 0 and "0 session(s) erased" in out and "already erased before" in out
    status, out, err = run(data_dir, capsys, "privacy", "erase", "P-nobody", "--reason", "r")
    assert status == 1 and err.count("\n") == 1 and "no participant 'P-nobody'" in err


class FailingSigner:
    """The station key, failing on its second signature (a fault halfway through an erasure: the first session's
    tombstone is signed, its request to the receiver is not)."""

    def __init__(self, real: object) -> None:
        self.real, self.calls = real, 0
        self.public_raw = real.public_raw  # type: ignore[attr-defined]  # a StationIdentity

    def sign(self, message: bytes) -> bytes:
        self.calls += 1
        if self.calls == 2:
            raise OSError("key store unreadable")
        return self.real.sign(message)  # type: ignore[attr-defined, no-any-return]  # a StationIdentity


def test_an_erasure_failing_halfway_leaves_everything_as_it_was(station: Station) -> None:
    data_dir, ids = station
    before = held(data_dir, "P-one", ids["P-one"])
    with Store.in_dir(data_dir) as store, pytest.raises(OSError, match="unreadable"):
        erase_sessions(store, FailingSigner(load_identity(data_dir)), ids["P-one"], "r", "test")
    assert held(data_dir, "P-one", ids["P-one"]) == before
    with Store.in_dir(data_dir) as store:
        assert store.conn.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM privacy_audit").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM erasure_requests").fetchone()[0] == 0  # signed 2nd: failed


def test_an_erasure_needs_a_reason(station: Station) -> None:
    data_dir, ids = station
    with Store.in_dir(data_dir) as store, pytest.raises(ErasureError, match="needs a reason"):
        erase_sessions(store, load_identity(data_dir), ids["P-two"], "  ", "test")


def test_withdrawal_erases_everything_and_is_recorded_as_such(station: Station, capsys) -> None:
    data_dir, ids = station
    status, out, _ = run(data_dir, capsys, "privacy", "withdraw", "P-two", "--json")
    assert status == 0 and json.loads(out)["removed"]["people"] == 1
    assert set(held(data_dir, "P-two", ids["P-two"]).values()) == {0}
    status, out, _ = run(data_dir, capsys, "privacy", "audit", "--action", "withdraw", "--json")
    rows = json.loads(out)
    assert [row["subject"] for row in rows] == ["P-two"] and rows[0]["detail"]["reason"] == "consent withdrawn"


def test_a_participant_who_withdrew_before_playing_loses_code_and_personal_row(data_dir: Path, capsys) -> None:
    from datetime import UTC, datetime, timedelta

    from kiosk.services.stationdb import StationDb

    assert main(["--data-dir", str(data_dir), "init"]) == 0
    with Store.in_dir(data_dir) as store:
        (code,) = StationDb(store).issue_codes(1, "quick", datetime.now(UTC) + timedelta(days=2),
                                               person=("Cleo Three", "cleo@example.org"))
    status, out, _ = run(data_dir, capsys, "privacy", "withdraw", code.participant)
    assert status == 0 and "removed 1 access_codes, 1 people" in out
    assert set(held(data_dir, code.participant, ["-"]).values()) == {0}
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).find_code(code.code or "") is None  # the printed code opens nothing any more


def test_one_session_by_the_start_of_its_id_keeps_the_participants_other_sessions(station: Station, capsys) -> None:
    data_dir, ids = station
    first, *rest = ids["P-one"]
    status, out, _ = run(data_dir, capsys, "privacy", "erase", "--session", first[:8], "--reason", "r", "--json")
    assert status == 0 and [s["session_id"] for s in json.loads(out)["tombstones"]] == [first]
    assert held(data_dir, "P-one", [first])["events"] == 0
    assert held(data_dir, "P-one", rest)["sessions"] == 2 and held(data_dir, "P-one", rest)["people"] == 1
    assert run(data_dir, capsys, "verify-log")[0] == 0


def test_a_session_being_recorded_now_is_not_erased(data_dir: Path) -> None:
    from kiosk.services.station_log import open_station_log
    from tests.eventlog.test_checkpoints import record_session

    assert main(["--data-dir", str(data_dir), "init"]) == 0
    with open_station_log(data_dir, window_ms=1.0) as log:
        sid = record_session(log, "P-live", close=False)
        with Store.in_dir(data_dir) as store:
            store.conn.execute("INSERT INTO session_progress (session_id, battery, game_index, owner_pid, "
                               "updated_utc) VALUES (?, 'quick', 0, 1, '2026-01-01')", (sid,))  # pid 1 is alive
            with pytest.raises(ErasureError, match="being recorded now"):
                erase_sessions(store, load_identity(data_dir), [sid], "r", "test")
            assert store.session(sid) is not None


def test_a_signed_tombstone_that_understates_what_the_checkpoints_signed_is_caught(station: Station, capsys) -> None:
    from eventlog.tombstones import write_tombstone

    data_dir, ids = station
    sid = ids["P-three"][0]
    with Store.in_dir(data_dir) as store, store.atomic():
        write_tombstone(store.conn, load_identity(data_dir), sid, "P-three", 1, "0" * 64, "understated", [])
        store.conn.execute("DELETE FROM events WHERE session_id = ?", (sid,))
        store.conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
    status, out, _ = run(data_dir, capsys, "verify-log")
    assert status == 1 and "the tombstone accounts for only 1 events" in out


def test_outbox_bundles_are_removed_and_a_delivered_one_is_named_as_not_recalled(station: Station, capsys) -> None:
    from sync.outbox import enqueue, mark_attempt, mark_delivered

    data_dir, ids = station
    pending, delivered = ids["P-two"][0], ids["P-three"][0]
    with Store.in_dir(data_dir) as store:
        identity = load_identity(data_dir)
        files = [data_dir / enqueue(store, sid, identity).bundle_path for sid in (pending, delivered)]
        mark_attempt(store, delivered, "https://receiver.example")
        mark_delivered(store, delivered, {"ok": True})
    assert all(path.exists() for path in files)
    status, out, _ = run(data_dir, capsys, "privacy", "erase", "--session", pending, "--session", delivered,
                         "--reason", "r")
    assert status == 0 and not any(path.exists() for path in files)
    assert "not recalled (already left the station): delivered to https://receiver.example" in out
    assert held(data_dir, "P-two", [pending, delivered])["outbox"] == 0
