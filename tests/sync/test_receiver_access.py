"""The receiver's access log on a real receiver (SQLite and PostgreSQL): every read route of the API and the
dashboard leaves exactly one row naming the token, the route, the sessions and the client; the table refuses
UPDATE, DELETE (and TRUNCATE); a read whose row cannot be written is refused, not served."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from fastapi.routing import APIRoute
from starlette.routing import Route

from eventlog import Store
from sync.bundle import build_bundle
from sync.heartbeat import HEARTBEATS_PATH, SIGNATURE_HEADER, Heartbeat, signed_message
from sync.identity import load_identity
from sync.receiver import create_app
from sync.receiver.access_log import Accessor, AccessRow, record_access
from sync.receiver.dashboard import COOKIE
from tests.reports.station import station_with_candidates
from tests.sync.conftest import Receiver

pytestmark = pytest.mark.slow

# GET routes that read no candidate data, and why (a new GET route must be added here or to READS below)
EXEMPT = {
    "/healthz": "liveness only",
    "/openapi.json": "the API's description", "/docs": "the API's description",
    "/docs/oauth2-redirect": "the API's description", "/redoc": "the API's description",
    "/api/v1/recipient": "the receiver's public age recipient key",
    "/dashboard": "the page's static shell; its data comes through /dashboard/feed",
    "/dashboard/login": "the login form", "/dashboard/static/{name}": "the page's own CSS and JavaScript",
}


def _reads(ids: dict[str, str]) -> dict[str, tuple[str, str, list[str]]]:
    """Each read route: (a URL that reads through it, the route kind it records, the sessions it must name)."""
    one, two = ids["P-7K3Q"], ids["P-5RTC"]
    return {
        "/api/v1/sessions": ("/api/v1/sessions", "sessions.list", [one, two]),
        "/api/v1/sessions/{session_id}": (f"/api/v1/sessions/{one}", "session", [one]),
        "/api/v1/sessions/{session_id}/events": (f"/api/v1/sessions/{one}/events", "session.events", [one]),
        "/api/v1/sessions/{session_id}/bundle": (f"/api/v1/sessions/{two}/bundle", "session.bundle", [two]),
        "/api/v1/sessions/{session_id}/report": (f"/api/v1/sessions/{one}/report", "report", [one]),
        "/api/v1/compare": (f"/api/v1/compare?ids={one},{two}", "compare", [one, two]),
        "/api/v1/export": ("/api/v1/export?format=csv", "export", [one, two]),
        "/dashboard/feed": ("/dashboard/feed", "dashboard.feed", [ids["P-2MNB"]]),
    }


@pytest.fixture
def held(tmp_path: Path, receiver_factory: object) -> tuple[Receiver, dict[str, str]]:
    """A receiver holding three candidates' sessions uploaded by a real station."""
    station = tmp_path / "branch"
    ids = station_with_candidates(station)
    receiver: Receiver = receiver_factory(enroll=[station])  # type: ignore[operator]
    with Store.in_dir(station) as store:
        for who in ("P-7K3Q", "P-5RTC", "P-2MNB"):
            response = httpx.post(receiver.url + "/api/v1/bundles", timeout=30, headers={
                "Content-Type": "application/zip"}, content=build_bundle(store, ids[who], load_identity(station)))
            assert response.status_code == 201, response.text
    identity = load_identity(station)  # a heartbeat: the dashboard shows P-2MNB's session on screen
    beat = Heartbeat(station_id=identity.station_id, station_key=identity.public_hex, station_name="desk", seq=1,
                     sent_utc="2030-01-01T00:00:00Z", state="idle", session_id=ids["P-2MNB"], participant="P-2MNB")
    body = beat.model_dump_json().encode()
    response = httpx.post(receiver.url + HEARTBEATS_PATH, content=body, timeout=10, headers={
        "Content-Type": "application/json", SIGNATURE_HEADER: identity.sign(signed_message(body)).hex()})
    assert response.status_code == 200, response.text
    return receiver, ids


def _get_routes(receiver: Receiver) -> list[str]:
    app = create_app(receiver.storage)
    paths = []
    for route in app.routes:
        if isinstance(route, APIRoute | Route) and "GET" in (route.methods or set()):
            paths.append(route.path)
    return sorted(set(paths))


def _dashboard_read(receiver: Receiver, status: int = 200) -> str:
    login = httpx.post(receiver.url + "/dashboard/login", content=f"token={receiver.token}", timeout=10,
                       headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": receiver.url})
    assert login.status_code == 303
    with httpx.Client(base_url=receiver.url, cookies={COOKIE: login.cookies[COOKIE]}, timeout=10) as client, \
            client.stream("GET", "/dashboard/feed") as feed:
        assert feed.status_code == status
        return next(feed.iter_lines())


def _read(receiver: Receiver, url: str) -> httpx.Response | str:
    return _dashboard_read(receiver) if url == "/dashboard/feed" else receiver.get(url)


def test_every_read_route_leaves_exactly_one_access_row(held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, ids = held
    reads = _reads(ids)
    unlisted = [path for path in _get_routes(receiver) if path not in reads and path not in EXEMPT]
    assert not unlisted, f"GET routes neither logged nor exempt: {unlisted}; record their reads (read_logged)"
    token_id = next(int(row["id"]) for row in receiver.storage.tokens() if row["label"] == "tests")
    for path, (url, kind, sessions) in reads.items():
        before = receiver.storage.access_rows()
        answer = _read(receiver, url)
        assert not isinstance(answer, httpx.Response) or answer.status_code == 200, (path, answer.text)
        after = receiver.storage.access_rows()
        assert len(after) == len(before) + 1, f"{path}: {len(after) - len(before)} access rows"
        row = after[-1]
        assert (row.route, row.token_id, row.token_label, row.client) == (kind, token_id, "tests", "127.0.0.1"), row
        assert row.via == ("dashboard" if kind == "dashboard.feed" else "api")
        assert set(sessions) <= set(row.session_ids), (path, row.session_ids)
        if kind == "dashboard.feed":
            assert (row.session_ids, row.detail) == ([ids["P-2MNB"]], {"stations": 1})
        if kind in ("sessions.list", "export"):
            assert sorted(row.session_ids) == sorted([ids["P-7K3Q"], ids["P-5RTC"], ids["P-2MNB"]])
    for path in EXEMPT:  # the exempt routes read nothing and write nothing
        if "{" not in path:
            count = len(receiver.storage.access_rows())
            httpx.get(receiver.url + path, timeout=10)
            assert len(receiver.storage.access_rows()) == count, path


def test_unserved_reads_are_recorded_only_when_they_reach_the_data(held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, ids = held
    assert receiver.get(f"/api/v1/sessions/{ids['P-7K3Q']}", token=None).status_code == 401
    assert receiver.get(f"/api/v1/sessions/{ids['P-7K3Q']}/report?role=nope").status_code == 422
    assert receiver.storage.access_rows() == []  # refused before anything was read
    assert receiver.get("/api/v1/sessions/not-held/events").status_code == 404
    (row,) = receiver.storage.access_rows()
    assert (row.route, row.session_ids, row.detail) == ("session.events", ["not-held"], {"not_found": ["not-held"]})
    assert receiver.storage.access_rows(session_id="not-held") == [row]


@contextmanager
def _raw(receiver: Receiver) -> Iterator[Any]:
    """A plain connection to the receiver's database (autocommit), outside the app."""
    url = getattr(receiver.storage, "url", None)
    if url is None:
        conn = sqlite3.connect(receiver.db, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()
    else:
        with psycopg.connect(url, autocommit=True) as pg:
            yield pg


def _refuses(conn: Any, statement: str) -> str:
    errors = (sqlite3.DatabaseError, psycopg.Error)
    with pytest.raises(errors) as caught:
        conn.execute(statement)
    return str(caught.value)


def test_the_access_log_and_the_audit_table_are_append_only(held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, ids = held
    assert receiver.get(f"/api/v1/sessions/{ids['P-7K3Q']}").status_code == 200
    receiver.storage.set_session_days(30, "operator:test")
    rows, audit = receiver.storage.access_rows(), receiver.storage.audit_rows()
    postgres = getattr(receiver.storage, "url", None) is not None
    with _raw(receiver) as conn:
        for table in ("access_log", "receiver_audit"):
            assert "append-only" in _refuses(conn, f"UPDATE {table} SET at_utc = 'x'")
            assert "append-only" in _refuses(conn, f"DELETE FROM {table}")
            if postgres:
                assert "append-only" in _refuses(conn, f"TRUNCATE {table}")
        conn.execute("INSERT INTO access_log (at_utc, token_id, token_label, via, route, session_ids, client, detail) "
                     "VALUES ('2026-01-01T00:00:00+00:00', NULL, 'x', 'cli', 'test', '[]', NULL, '{}')")
    after = receiver.storage.access_rows()
    assert after[:-1] == rows and after[-1].route == "test" and receiver.storage.audit_rows() == audit


REFUSE_SQLITE = ("CREATE TRIGGER refuse_reads BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); "
                 "END")
REFUSE_PG = ("CREATE FUNCTION refuse_reads() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
             "'disk full'; END $$", "CREATE TRIGGER refuse_reads BEFORE INSERT ON access_log FOR EACH ROW EXECUTE "
                                    "FUNCTION refuse_reads()")


def test_a_read_that_cannot_be_logged_is_refused(held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, ids = held
    sid = ids["P-7K3Q"]
    with _raw(receiver) as conn:
        for statement in REFUSE_PG if getattr(receiver.storage, "url", None) else (REFUSE_SQLITE,):
            conn.execute(statement)
    for url in (f"/api/v1/sessions/{sid}", f"/api/v1/sessions/{sid}/events", f"/api/v1/sessions/{sid}/bundle",
                "/api/v1/sessions", f"/api/v1/sessions/{sid}/report", "/api/v1/export"):
        refused = receiver.get(url)
        assert refused.status_code == 503, (url, refused.status_code)
        assert refused.json()["check"] == "access_log" and "disk full" in refused.json()["detail"]
        assert "P-7K3Q" not in refused.text and sid not in refused.text  # nothing of the session was served
    assert _dashboard_read(receiver, 503) == "the access log could not record this read; nothing was served"
    with _raw(receiver) as conn:
        conn.execute("DROP TRIGGER refuse_reads" + (" ON access_log" if getattr(receiver.storage, "url", None)
                                                     else ""))
    assert receiver.storage.access_rows() == []
    assert receiver.get(f"/api/v1/sessions/{sid}").status_code == 200
    assert [row.route for row in receiver.storage.access_rows()] == ["session"]


def test_record_access_commits_and_rolls_back_with_the_callers_transaction(
        held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, ids = held
    storage: Any = receiver.storage
    who = Accessor(None, "erasure:test", "erasure")
    with pytest.raises(RuntimeError), storage._tx() as sql:
        record_access(sql, who, "erasure", [ids["P-7K3Q"]], {"reason": "withdrawn"})
        raise RuntimeError("the erasure failed halfway")
    assert storage.access_rows() == []
    with storage._tx() as sql:
        record_access(sql, who, "erasure", [ids["P-7K3Q"]], {"reason": "withdrawn"})
    (row,) = storage.access_rows(session_id=ids["P-7K3Q"])
    assert isinstance(row, AccessRow) and (row.via, row.route, row.detail) == ("erasure", "erasure",
                                                                               {"reason": "withdrawn"})


def test_the_session_filter_matches_ids_exactly(receiver: Receiver) -> None:
    storage = receiver.storage
    odd = ["a_b", "axb", "a%b", 'q"x', "n!1", "äö", "a"]
    for sid in odd:
        storage.log_access(Accessor(None, "operator:test", "cli"), "session", [sid])
    storage.log_access(Accessor(None, "operator:test", "cli"), "sessions.list", odd)
    for sid in odd:
        assert [row.session_ids for row in storage.access_rows(session_id=sid)] == [[sid], odd], sid
    assert storage.access_rows(session_id="a_") == [] and storage.access_rows(session_id="%") == []


def test_an_erasure_hook_records_who_erased_which_session(receiver: Receiver) -> None:
    from dataclasses import dataclass

    from sync.receiver.access_log import record_erasure

    @dataclass(frozen=True)
    class Receipt:  # the fields of sync.erasure_protocol.ErasureReceipt the hook reads
        request_id: str
        session_id: str
        station_id: str
        requested_by: str
        removed: dict[str, int]

    storage: Any = receiver.storage
    with storage._tx() as sql:
        record_erasure(sql, Receipt("req-1", "s-9", "st-1", "station", {"bundles": 1, "events": 40}))
    (row,) = storage.access_rows(session_id="s-9")
    assert (row.via, row.route, row.token_id, row.token_label) == ("erasure", "erasure", None, "station")
    assert row.detail == {"request_id": "req-1", "station_id": "st-1", "removed": {"bundles": 1, "events": 40}}
