"""Damaged input gives one line and exit 1 from `verify-log` and `score`, never a traceback (issue 11, item 3):
a non-integer t_ns, NaN, a page-corrupted file; then hypothesis tries many more."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.services.station_log import open_station_log
from tests.scoring.logged import write_session
from tests.scoring.simulate import full_session

FIELDS = ("seq", "t_ns", "kind", "game", "trial", "payload", "prev_hash", "hash")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A station with one complete, scoreable assessment session (copied for each test)."""
    data_dir = tmp_path_factory.mktemp("damaged") / "station"
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    with open_station_log(data_dir, window_ms=5.0) as log:
        sid = write_session(log, full_session(seed=3))
    return data_dir, sid


def copy_of(pristine: tuple[Path, str], target: Path) -> tuple[Path, str]:
    source, sid = pristine
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target, sid


def edit(data_dir: Path, sql: str, *args: object) -> None:
    """Change events by hand, as someone with the file would (append-only triggers dropped first)."""
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS events_refuse_update")
    conn.execute(sql, args)
    conn.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line_refusal(status: int, out: str, err: str) -> None:
    assert status == 1
    assert "Traceback" not in out + err and "unexpected" not in err, err
    assert err.count("\n") <= 1


@pytest.mark.parametrize(("sql_value", "named"), [
    ("'1200ms'", "field 't_ns' is not an integer (stored as text '1200ms')"),
    ("1.5", "field 't_ns' is not an integer (stored as real 1.5)"),
    ("'NaN'", "field 't_ns' is not an integer (stored as text 'NaN')"),
    ("9e999", "field 't_ns' is not an integer (stored as real inf)"),
])
def test_a_non_integer_t_ns_is_named_by_verify_log_and_score(pristine, tmp_path, capsys, sql_value, named) -> None:
    data_dir, sid = copy_of(pristine, tmp_path / "s")
    edit(data_dir, f"UPDATE events SET t_ns = {sql_value} WHERE session_id = ? AND seq = 7", sid)
    status, out, err = run(capsys, "--data-dir", str(data_dir), "verify-log")
    assert status == 1 and f"session {sid}: event 7: {named}" in out and err == ""
    status, out, err = run(capsys, "--data-dir", str(data_dir), "score", sid)
    assert_one_line_refusal(status, out, err)
    assert f"event 7: {named}" in err and err.startswith(f"hiremate score: cannot score session {sid}")


def test_nan_in_a_payload_with_its_hash_recomputed_is_named(pristine, tmp_path, capsys) -> None:
    from eventlog.canonical import chain_hash, event_bytes

    data_dir, sid = copy_of(pristine, tmp_path / "s")
    conn = sqlite3.connect(data_dir / "station.sqlite3")
    row = conn.execute("SELECT session_id, seq, t_ns, kind, game, trial, payload, prev_hash FROM events "
                       "WHERE session_id = ? AND payload LIKE '%.%' ORDER BY seq LIMIT 1", (sid,)).fetchone()
    conn.close()
    seq, payload = row[1], row[6]
    bad = payload.replace(payload[payload.index(":") + 1:payload.index(",")], "NaN", 1) if "," in payload else payload
    digest = chain_hash(row[7], event_bytes(*row[:6], bad))
    edit(data_dir, "UPDATE events SET payload = ?, hash = ? WHERE session_id = ? AND seq = ?", bad, digest, sid, seq)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "verify-log")
    assert status == 1 and f"event {seq}: field 'payload' is not valid JSON: NaN is not JSON" in out
    status, out, err = run(capsys, "--data-dir", str(data_dir), "score", sid, "--recompute")
    assert_one_line_refusal(status, out, err)
    assert f"event {seq}: field 'payload' is not valid JSON" in err


def _corrupt_a_page(database: Path) -> int:
    """Overwrite one b-tree page of the events table with garbage; return its number."""
    conn = sqlite3.connect(database)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    victim = pages // 2
    with open(database, "r+b") as handle:
        handle.seek((victim - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)
    return victim


def test_a_page_corrupted_file_is_named_by_verify_log_and_score(pristine, tmp_path, capsys) -> None:
    data_dir, sid = copy_of(pristine, tmp_path / "s")
    page = _corrupt_a_page(data_dir / "station.sqlite3")
    status, out, err = run(capsys, "--data-dir", str(data_dir), "verify-log")
    assert status == 1 and err == ""
    damaged = next(line for line in out.splitlines() if line.startswith("BROKEN: the file is damaged"))
    assert f"page {page} (table events)" in damaged, out
    status, out, err = run(capsys, "--data-dir", str(data_dir), "score", sid, "--recompute")
    assert_one_line_refusal(status, out, err)
    assert f"page {page} (table events)" in err


def test_a_schema_text_that_is_not_utf8_is_named_not_a_crash(pristine, tmp_path, capsys) -> None:
    """SQLite quotes the damaged schema in its error message; Python cannot decode that message (found by the
    flipped-bytes test: a 0x80 inside sqlite_master gave 'unexpected UnicodeDecodeError')."""
    data_dir, sid = copy_of(pristine, tmp_path / "s")
    database = data_dir / "station.sqlite3"
    raw = bytearray(database.read_bytes())
    at = raw.index(b"tableeventsevents") + len(b"table")  # sqlite_master's record: type, name, tbl_name
    raw[at] = 0x80  # the name 'events' (which SQLite's message quotes) is no longer UTF-8
    database.write_bytes(bytes(raw))
    for argv in (["verify-log"], ["score", sid, "--recompute"]):
        status, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
        assert status == 1 and "Traceback" not in out + err and "unexpected" not in out + err, (argv, out, err)
        assert "not valid UTF-8" in out + err, (argv, out, err)


@pytest.mark.parametrize(("column", "value"), [("participant", b"\x80"), ("id", None), ("anchor_wall_ns", "soon")])
def test_a_sessions_row_with_a_field_of_the_wrong_type_is_named_not_a_crash(
        pristine, tmp_path, capsys, column, value) -> None:
    """Found by the flipped-bytes test: a damaged sessions row read back with a null participant made `score`
    fail with 'unexpected AttributeError'."""
    data_dir, sid = copy_of(pristine, tmp_path / "s")
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")  # as damage would: past the column's NOT NULL and the triggers
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sessions'"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(f"UPDATE OR IGNORE sessions SET {column} = ? WHERE id = ?", (value, sid))
    changed = conn.execute("SELECT changes()").fetchone()[0]
    conn.close()
    if not changed:
        pytest.skip(f"SQLite refuses {column} = {value!r} here (NOT NULL holds)")
    for argv in (["score", sid[:8]], ["sessions"]):
        status, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
        assert_one_line_refusal(status, out, err)
        assert column in err, (argv, err)  # the damaged field is named
    status, out, err = run(capsys, "--data-dir", str(data_dir), "verify-log")
    assert status == 1 and "Traceback" not in out + err and "unexpected" not in out + err, (out, err)


def test_a_damaged_sessions_page_is_named_when_a_session_is_looked_up(pristine, tmp_path, capsys) -> None:
    """Found by the flipped-bytes test: `score` looks the session up before it verifies anything, and a damaged
    page of the sessions table gave 'unexpected DatabaseError'."""
    data_dir, sid = copy_of(pristine, tmp_path / "s")
    database = data_dir / "station.sqlite3"
    conn = sqlite3.connect(database)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sessions'").fetchone()
    conn.close()
    with open(database, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)
    for argv in (["score", sid[:8]], ["sessions"], ["export", sid[:8], "-o", str(tmp_path / "out")]):
        status, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
        assert_one_line_refusal(status, out, err)
        assert "damaged" in err or "malformed" in err, (argv, err)


SQL_VALUES = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1), st.floats(allow_nan=False), st.text(max_size=30),
    st.binary(max_size=20), st.none(), st.sampled_from(["NaN", "Infinity", "{}", "[]", '{"n":1e999}', "null"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), seq=st.integers(min_value=0, max_value=60), value=SQL_VALUES)
def test_any_hand_edited_field_gives_one_line_never_a_traceback(pristine, tmp_path, capsys, field, seq, value) -> None:
    data_dir, sid = copy_of(pristine, tmp_path / "fuzz")
    try:
        edit(data_dir, f"UPDATE events SET {field} = ? WHERE session_id = ? AND seq = ?", value, sid, seq)
    except sqlite3.IntegrityError:
        return  # NOT NULL or a primary key clash: SQLite itself refused the edit
    for argv in (["verify-log"], ["score", sid, "--recompute"]):
        status, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
        assert status in (0, 1) and "Traceback" not in out + err and "unexpected" not in err, (argv, err)
        assert err.count("\n") <= 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=0, max_value=10**7), garbage=st.binary(min_size=1, max_size=64))
def test_any_flipped_bytes_give_one_line_never_a_traceback(pristine, tmp_path, capsys, offset, garbage) -> None:
    data_dir, sid = copy_of(pristine, tmp_path / "flip")
    database = data_dir / "station.sqlite3"
    size = database.stat().st_size
    with open(database, "r+b") as handle:
        handle.seek(offset % size)
        handle.write(garbage)
    for argv in (["verify-log"], ["score", sid]):
        status, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
        assert status in (0, 1) and "Traceback" not in out + err and "unexpected" not in err, (argv, err)
        assert err.count("\n") <= 1
