"""Signed checkpoints (issue 11, item 1): tampering the `sessions` row or a whole session no longer passes.

Each attack edits the database the way someone with the file but not the station key would: triggers dropped,
rows changed consistently, triggers put back. Every one of them passed `verify-log` before checkpoints.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventlog import EventLog, Store, verify_store
from eventlog.canonical import GENESIS_HASH, canonical_json, chain_hash, event_bytes
from eventlog.migrations import append_only_triggers
from kiosk.cli import main
from kiosk.services.station_log import open_station_log
from sync.errors import ExportError
from sync.export import export_sessions
from tests.eventlog import helpers  # noqa: F401  (registers test.* kinds)

TRIALS = 4
PER_TRIAL = 3


def _init(data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "init"]) == 0


def record_session(log: EventLog, participant: str, close: bool = True) -> str:
    """A session of TRIALS trials of PER_TRIAL ticks, a checkpoint at each trial boundary, closed unless not."""
    session = log.open_session("assessment", participant)
    t = 0
    for trial in range(TRIALS):
        for i in range(PER_TRIAL):
            t += 1000
            log.record(session.session_id, "test.tick", t, {"n": i, "label": f"t{trial}"}, game="g", trial=trial)
        log.checkpoint(session.session_id)
    if close:
        log.close_session(session.session_id, t + 1000)
    else:
        log.flush()
    return session.session_id


@pytest.fixture
def station(data_dir: Path) -> tuple[Path, list[str]]:
    """An initialised station with two closed sessions recorded by the station's signing log."""
    _init(data_dir)
    with open_station_log(data_dir, window_ms=1.0) as log:
        ids = [record_session(log, "P-one"), record_session(log, "P-two")]
    return data_dir, ids


def tamper(data_dir: Path) -> sqlite3.Connection:
    """A plain connection with every append-only trigger dropped (an attacker puts them back with restore())."""
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    for table in ("events", "checkpoints"):
        conn.execute(f"DROP TRIGGER {table}_refuse_update")
        conn.execute(f"DROP TRIGGER {table}_refuse_delete")
    return conn


def restore(conn: sqlite3.Connection) -> None:
    """Put the triggers back exactly as they were, so only the signatures can tell."""
    for table in ("events", "checkpoints"):
        for sql in append_only_triggers(table):
            conn.execute(sql)
    conn.close()


def verify_log(data_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    status = main(["--data-dir", str(data_dir), "verify-log", *extra])
    return status, capsys.readouterr().out


def test_untouched_station_verifies_with_its_checkpoints(station, capsys) -> None:
    data_dir, ids = station
    status, out = verify_log(data_dir, capsys)
    assert status == 0, out
    # per session: one checkpoint per trial boundary and one at close
    assert f"checkpoints: {2 * (TRIALS + 1)} signed" in out and "OK" in out
    with Store.in_dir(data_dir) as store:
        reasons = [r[0] for r in store.conn.execute("SELECT reason FROM checkpoints WHERE session_id = ? ORDER BY n",
                                                     (ids[0],))]
    assert reasons == ["trial"] * TRIALS + ["close"]


def test_checkpoints_refuse_update_and_delete(station) -> None:
    data_dir, _ = station
    conn = sqlite3.connect(data_dir / "station.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="checkpoints are append-only: UPDATE refused"):
        conn.execute("UPDATE checkpoints SET head = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="checkpoints are append-only: DELETE refused"):
        conn.execute("DELETE FROM checkpoints")
    conn.close()


def _delete_tail(conn: sqlite3.Connection, sid: str, keep: int) -> tuple[int, str]:
    conn.execute("DELETE FROM events WHERE session_id = ? AND seq >= ?", (sid, keep))
    return conn.execute("SELECT seq, hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
                        (sid,)).fetchone()


def test_deleted_tail_with_count_and_head_fixed_is_caught(station, capsys) -> None:
    data_dir, ids = station
    conn = tamper(data_dir)
    seq, head = _delete_tail(conn, ids[0], 5)
    payload = canonical_json({"event_count": seq + 2, "reason": "completed"})  # a forged close after the cut
    digest = chain_hash(head, event_bytes(ids[0], seq + 1, 99_000, "session.closed", None, None, payload))
    conn.execute("INSERT INTO events VALUES (?, ?, 99000, 'session.closed', NULL, NULL, ?, ?, ?)",
                 (ids[0], seq + 1, payload, head, digest))
    conn.execute("UPDATE sessions SET event_count = ?, chain_head = ? WHERE id = ?", (seq + 2, digest, ids[0]))
    restore(conn)
    with Store.in_dir(data_dir) as store:
        assert not verify_store(store).broken  # chain, count, head and row agree: what passed before
    status, out = verify_log(data_dir, capsys)
    assert status == 1
    assert f"session {ids[0]}" in out and "signed checkpoint" in out


def test_deleted_tail_marked_interrupted_is_caught(station, capsys) -> None:
    data_dir, ids = station
    conn = tamper(data_dir)
    _delete_tail(conn, ids[1], 5)
    conn.execute("UPDATE sessions SET status = 'interrupted', closed_utc = NULL, event_count = NULL, "
                 "chain_head = NULL WHERE id = ?", (ids[1],))
    restore(conn)
    status, out = verify_log(data_dir, capsys)
    assert status == 1 and f"session {ids[1]}" in out and "is missing, but signed checkpoint" in out


def test_whole_session_rewritten_consistently_is_caught(station, capsys) -> None:
    data_dir, ids = station
    conn = tamper(data_dir)
    rows = conn.execute("SELECT session_id, seq, t_ns, kind, game, trial, payload FROM events WHERE session_id = ?"
                        " ORDER BY seq", (ids[0],)).fetchall()
    prev = GENESIS_HASH
    for sid, seq, t_ns, kind, game, trial, payload in rows:
        if kind == "test.tick":
            payload = payload.replace('"n":1', '"n":2')  # a different answer, every hash recomputed
        digest = chain_hash(prev, event_bytes(sid, seq, t_ns, kind, game, trial, payload))
        conn.execute("UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE session_id = ? AND seq = ?",
                     (payload, prev, digest, sid, seq))
        prev = digest
    conn.execute("UPDATE sessions SET chain_head = ? WHERE id = ?", (prev, ids[0]))
    restore(conn)
    with Store.in_dir(data_dir) as store:
        assert not verify_store(store).broken  # the chain alone and the row agree: what passed before
    status, out = verify_log(data_dir, capsys)
    assert status == 1 and "differs from the one signed in checkpoint" in out


def test_edited_participant_is_caught_and_never_exported(station, capsys, tmp_path) -> None:
    data_dir, ids = station
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    conn.execute("UPDATE sessions SET participant = 'P-someone-else' WHERE id = ?", (ids[0],))
    conn.close()
    status, out = verify_log(data_dir, capsys)
    assert status == 1
    assert "sessions row says participant 'P-someone-else' but session.opened says 'P-one'" in out
    with Store.in_dir(data_dir) as store, pytest.raises(ExportError, match="participant 'P-someone-else'"):
        export_sessions(store, [ids[0]], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_edited_status_against_the_close_event_is_caught(station, capsys) -> None:
    data_dir, ids = station
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    conn.execute("UPDATE sessions SET status = 'abandoned' WHERE id = ?", (ids[1],))
    conn.close()
    status, out = verify_log(data_dir, capsys)
    assert status == 1 and "status 'abandoned' but session.closed says 'completed'" in out


def test_a_deleted_checkpoint_breaks_the_checkpoint_chain(station, capsys) -> None:
    data_dir, _ = station
    conn = tamper(data_dir)
    conn.execute("DELETE FROM checkpoints WHERE n = 3")
    restore(conn)
    status, out = verify_log(data_dir, capsys)
    assert status == 1 and "checkpoint 3 is missing" in out


def test_a_dropped_trigger_is_reported(station, capsys) -> None:
    data_dir, _ = station
    tamper(data_dir).close()
    status, out = verify_log(data_dir, capsys)
    assert status == 1 and "trigger events_refuse_update is missing" in out


def test_a_checkpoint_signed_by_another_key_is_not_trusted(station, capsys, tmp_path) -> None:
    data_dir, _ = station
    other = tmp_path / "other"
    _init(other)
    status, out = verify_log(data_dir, capsys, "--key", str(other / "keys" / "station.pub.pem"))
    assert status == 1 and "not one of the station's keys" in out
    status, out = verify_log(data_dir, capsys, "--key", str(data_dir / "keys" / "station.pub.pem"))
    assert status == 0, out


def test_sessions_written_before_checkpoints_are_adopted_once(data_dir: Path, capsys) -> None:
    _init(data_dir)
    with EventLog.in_dir(data_dir, window_ms=1.0) as unsigned:  # what an older app wrote
        old = record_session(unsigned, "P-old")
        open_one = record_session(unsigned, "P-open", close=False)
    with open_station_log(data_dir, window_ms=1.0) as log:
        log.flush()
    with Store.in_dir(data_dir) as store:
        adopted = store.conn.execute("SELECT session_id, reason, status FROM checkpoints ORDER BY n").fetchall()
    assert adopted == [(old, "adopted", "completed"), (open_one, "adopted", "open")]
    status, out = verify_log(data_dir, capsys)
    assert status == 0, out


def test_a_closed_session_without_any_checkpoint_is_caught(data_dir: Path, capsys) -> None:
    _init(data_dir)
    with open_station_log(data_dir, window_ms=1.0) as log:
        record_session(log, "P-signed")
    with EventLog.in_dir(data_dir, window_ms=1.0) as unsigned:  # added by a program without the station key
        added = record_session(unsigned, "P-added")
    status, out = verify_log(data_dir, capsys)
    assert status == 1 and f"session {added}" in out and "no signed checkpoint closed it" in out
