"""Read tokens on a real receiver: every GET under /api/v1/ needs one; uploads, /healthz and OpenAPI do not."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle
from sync.identity import load_identity
from sync.receiver.auth import match_token, token_sha256
from tests.sync.conftest import Receiver, session_ids

READS = ["/api/v1/sessions", "/api/v1/sessions/{sid}", "/api/v1/sessions/{sid}/events",
         "/api/v1/sessions/{sid}/bundle"]


@pytest.fixture
def stored(station: Path, receiver: Receiver) -> str:
    """One session uploaded (without any token) to the receiver; its id."""
    sid = session_ids(station)[0]
    with Store.in_dir(station) as store:
        data = build_bundle(store, sid, load_identity(station))
    response = httpx.post(receiver.url + "/api/v1/bundles", content=data, timeout=10,
                          headers={"Content-Type": "application/zip"})
    assert response.status_code == 201
    return sid


def _cli(receiver: Receiver, *args: str) -> int:
    return main(["receiver", "token", *args, "--db", receiver.db, "--json"])


def _created(receiver: Receiver, capsys: pytest.CaptureFixture[str], label: str) -> dict[str, object]:
    capsys.readouterr()
    assert _cli(receiver, "create", "--label", label) == 0
    out = capsys.readouterr().out
    return dict(json.loads(out[out.index("{"):]))


def _assert_401(response: httpx.Response, detail: str, error: str | None) -> None:
    assert response.status_code == 401
    assert response.json()["check"] == "token" and detail in response.json()["detail"]
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="hiremate-receiver"')
    assert (f'error="{error}"' in challenge) if error else ("error=" not in challenge)


@pytest.mark.parametrize("path", READS)
def test_every_read_needs_a_valid_token(path: str, receiver: Receiver, stored: str) -> None:
    url = path.format(sid=stored)
    _assert_401(receiver.get(url, token=None), "no Authorization header", None)
    _assert_401(receiver.get(url, token="hmr_not-a-real-token"), "unknown read token", "invalid_token")
    basic = httpx.get(receiver.url + url, headers={"Authorization": "Basic dXNlcjpwYXNz"}, timeout=10)
    _assert_401(basic, "Basic scheme", None)
    empty = httpx.get(receiver.url + url, headers={"Authorization": "Bearer"}, timeout=10)
    _assert_401(empty, "no token after Bearer", "invalid_token")
    assert receiver.get(url).status_code == 200


def test_unknown_session_is_404_only_with_a_token(receiver: Receiver) -> None:
    assert receiver.get("/api/v1/sessions/nope", token=None).status_code == 401
    assert receiver.get("/api/v1/sessions/nope").status_code == 404


def test_revoked_token_is_refused_and_others_keep_working(
    receiver: Receiver, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _created(receiver, capsys, "dashboard")
    second = _created(receiver, capsys, "auditor")
    assert first["token"] != second["token"] and str(first["token"]).startswith("hmr_")
    for made in (first, second):
        assert receiver.get(f"/api/v1/sessions/{stored}", token=str(made["token"])).status_code == 200
    assert _cli(receiver, "revoke", str(first["id"])) == 0
    revoked = receiver.get(f"/api/v1/sessions/{stored}", token=str(first["token"]))
    _assert_401(revoked, f"read token {first['id']} was revoked", "invalid_token")
    assert receiver.get(f"/api/v1/sessions/{stored}", token=str(second["token"])).status_code == 200
    capsys.readouterr()
    assert _cli(receiver, "list") == 0
    listed = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert listed[first["id"]]["revoked_utc"] and listed[second["id"]]["revoked_utc"] is None
    assert listed[first["id"]]["label"] == "dashboard" and "sha256" not in listed[first["id"]]
    assert _cli(receiver, "revoke", "999") == 1
    assert "no read token with ID 999" in capsys.readouterr().err
    assert _cli(receiver, "revoke", "first") == 2


def _database_files(receiver: Receiver, request: pytest.FixtureRequest) -> list[Path]:
    """The files that hold the receiver's database: the SQLite file, -wal and -shm; or, on PostgreSQL, after a
    checkpoint, the database's own folder and the write-ahead log."""
    url = getattr(receiver.storage, "url", None)
    if url is None:
        db = Path(receiver.db)
        return [path for path in db.parent.iterdir() if path.name.startswith(db.name)]
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        row = conn.execute("SELECT oid FROM pg_database WHERE datname = current_database()").fetchone()
    assert row is not None
    data = request.getfixturevalue("pg_server").root / "data"
    return [path for folder in (data / "base" / str(row[0]), data / "pg_wal") for path in folder.rglob("*")
            if path.is_file()]


def test_tokens_are_stored_only_as_hashes(receiver: Receiver, capsys: pytest.CaptureFixture[str],
                                          request: pytest.FixtureRequest) -> None:
    made = _created(receiver, capsys, "hash-check")
    token = str(made["token"])
    files = _database_files(receiver, request)
    stored = b"".join(path.read_bytes() for path in files)
    assert token.encode() not in stored and token[4:].encode() not in stored
    assert token_sha256(token).encode() in stored
    assert [row["sha256"] for row in receiver.storage.tokens() if row["id"] == made["id"]] == [token_sha256(token)]


def test_match_token_finds_only_the_exact_token() -> None:
    rows = [{"id": n, "sha256": token_sha256(f"hmr_{n}"), "revoked_utc": None} for n in range(3)]
    assert match_token("hmr_1", rows) == rows[1]
    assert match_token("hmr_1 ", rows) is None and match_token("HMR_1", rows) is None
    assert match_token("hmr_1", []) is None


def test_uploads_health_and_openapi_need_no_token(receiver: Receiver, stored: str) -> None:
    assert httpx.get(receiver.url + "/healthz", timeout=10).json() == {"status": "ok"}
    spec = httpx.get(receiver.url + "/openapi.json", timeout=10).json()
    scheme = spec["components"]["securitySchemes"]["readToken"]
    assert scheme["type"] == "http" and scheme["scheme"].lower() == "bearer"
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            needs_token = method == "get" and path.startswith("/api/v1/") and path != "/api/v1/recipient"
            assert (operation.get("security") == [{"readToken": []}]) == needs_token, (method, path)
            if needs_token:
                assert "401" in operation["responses"], path
    assert httpx.get(receiver.url + "/docs", timeout=10).status_code == 200
