"""`hiremate receiver access-log` on a real receiver (SQLite and PostgreSQL): the table, the filters (--session,
--token, --since), --json, one-line errors for bad arguments; and `receiver export` at the command line is logged."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle
from sync.identity import load_identity
from sync.receiver.auth import create_token
from tests.sync.conftest import Receiver, session_ids


@pytest.fixture
def read(station: Path, receiver: Receiver) -> tuple[Receiver, list[str], str]:
    """A receiver holding the station's three sessions, read by two tokens: ('tests') the list and the first
    session, ('auditor') the second session's events. Returns the receiver, the ids, the auditor's token id."""
    ids = session_ids(station)
    with Store.in_dir(station) as store:
        for sid in ids:
            answer = httpx.post(receiver.url + "/api/v1/bundles", content=build_bundle(store, sid, load_identity(
                station)), headers={"Content-Type": "application/zip"}, timeout=30)
            assert answer.status_code == 201
    auditor, row = create_token(receiver.storage, "auditor")
    assert receiver.get("/api/v1/sessions").status_code == 200
    assert receiver.get(f"/api/v1/sessions/{ids[0]}").status_code == 200
    assert receiver.get(f"/api/v1/sessions/{ids[1]}/events", token=auditor).status_code == 200
    return receiver, ids, str(row["id"])


def _log(receiver: Receiver, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["receiver", "access-log", "--db", receiver.db, *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_table_shows_who_read_what_from_where(read: tuple[Receiver, list[str], str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    receiver, ids, auditor = read
    status, out, _ = _log(receiver, capsys)
    lines = out.splitlines()
    assert status == 0 and lines[-1] == "3 read(s) recorded"
    assert "token 1 (tests)  sessions.list" in lines[0] and "+" in lines[0] and "from 127.0.0.1" in lines[0]
    assert f"token 1 (tests)  session  {ids[0]}  from 127.0.0.1" in lines[1]
    assert f"token {auditor} (auditor)  session.events  {ids[1]}  from 127.0.0.1" in lines[2]


def test_filters_by_session_token_and_time(read: tuple[Receiver, list[str], str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    receiver, ids, auditor = read
    status, out, _ = _log(receiver, capsys, "--session", ids[1], "--json")
    rows = json.loads(out)
    assert status == 0 and [row["route"] for row in rows] == ["sessions.list", "session.events"]
    assert set(rows[1]) == {"id", "at_utc", "token_id", "token_label", "via", "route", "session_ids", "client",
                            "detail"}
    assert (rows[1]["token_label"], rows[1]["via"], rows[1]["session_ids"]) == ("auditor", "api", [ids[1]])
    status, out, _ = _log(receiver, capsys, "--token", auditor)
    assert status == 0 and out.splitlines()[-1] == f"1 read(s) recorded with token {auditor}"
    assert json.loads(_log(receiver, capsys, "--since", "2999-01-01", "--json")[1]) == []
    assert len(json.loads(_log(receiver, capsys, "--since", "1h", "--json")[1])) == 3
    assert len(json.loads(_log(receiver, capsys, "--since", "2000-01-01T00:00+02:00", "--json")[1])) == 3
    status, out, _ = _log(receiver, capsys, "--session", "never-read")
    assert status == 0 and out.strip() == "0 read(s) recorded for session never-read"


@pytest.mark.parametrize(("args", "message"), [
    (("--token", "abc"), "--token 'abc': give a read token's ID, a number"),
    (("--token", "99"), "--token 99: this receiver has no read token 99"),
    (("--since", "yesterday"), "--since 'yesterday': give a date (2026-12-01)"),
    (("--since", "7w"), "--since '7w'"),
])
def test_bad_arguments_get_one_line(receiver: Receiver, capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                    message: str) -> None:
    status, out, err = _log(receiver, capsys, *args)
    assert status == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1
    assert receiver.storage.access_rows() == []


def test_an_export_at_the_command_line_is_logged(read: tuple[Receiver, list[str], str], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    receiver, ids, _ = read
    assert main(["receiver", "export", "--db", receiver.db, "--format", "csv", "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    row = receiver.storage.access_rows()[-1]
    assert (row.route, row.via, row.token_id, row.client) == ("export", "cli", None, None)
    assert row.token_label.startswith("operator:") and sorted(row.session_ids) == sorted(ids)
    assert row.detail == {"format": "csv", "sessions": 3}
    status, out, _ = _log(receiver, capsys, "--session", ids[2])
    assert status == 0 and f"{row.token_label}  export" in out
