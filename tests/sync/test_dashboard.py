"""The dashboard's login on a real receiver: a read token for a session cookie (HttpOnly, SameSite=Strict, Secure
over HTTPS), refused tokens and other sites' forms, revocation and logout ending the login at once."""

from __future__ import annotations

import httpx
import pytest

from sync.receiver.auth import create_token
from sync.receiver.dashboard import COOKIE
from tests.sync.conftest import Receiver

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _login(receiver: Receiver, token: str, **headers: str) -> httpx.Response:
    return httpx.post(receiver.url + "/dashboard/login", content=f"token={token}", headers={**FORM, **headers},
                      timeout=10)


def _client(receiver: Receiver, cookie: str) -> httpx.Client:
    return httpx.Client(base_url=receiver.url, cookies={COOKIE: cookie}, timeout=10)


def test_without_a_login_the_dashboard_asks_for_one(receiver: Receiver) -> None:
    page = httpx.get(receiver.url + "/dashboard", timeout=10)
    assert page.status_code == 303 and page.headers["location"] == "/dashboard/login"
    assert httpx.get(receiver.url + "/dashboard/feed", timeout=10).status_code == 401
    form = httpx.get(receiver.url + "/dashboard/login", timeout=10)
    assert form.status_code == 200 and 'name="token"' in form.text
    assert "script-src 'self'" in form.headers["content-security-policy"]
    for bad in ("hmr_nope", "", receiver.token + "x"):
        answer = _login(receiver, bad)
        assert answer.status_code == 401 and "set-cookie" not in answer.headers
    assert not [path for path in httpx.get(receiver.url + "/openapi.json").json()["paths"] if "dashboard" in path]


def test_a_read_token_buys_a_cookie_that_lasts_until_revoked(receiver: Receiver) -> None:
    answer = _login(receiver, receiver.token, Origin=receiver.url)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard"
    flags = [part.strip().lower() for part in answer.headers["set-cookie"].split(";")]
    assert "httponly" in flags and "samesite=strict" in flags and "path=/dashboard" in flags
    assert "secure" not in flags  # plain HTTP on loopback
    cookie = answer.cookies[COOKIE]
    assert len(cookie) >= 43
    with _client(receiver, cookie) as client:
        page = client.get("/dashboard")
        assert page.status_code == 200 and "dashboard.js" in page.text
        assert page.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in \
            page.headers["content-security-policy"]
        script = client.get("/dashboard/static/dashboard.js")
        assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
        assert client.get("/dashboard/static/..%2Fapp.py").status_code == 404
        with client.stream("GET", "/dashboard/feed") as feed:
            assert feed.headers["content-type"].startswith("text/event-stream")
            lines = feed.iter_lines()
            assert next(lines) == "event: snapshot" and next(lines) == "data: []"
        rows = [row for row in receiver.storage.tokens() if row["label"] == "tests"]
        receiver.storage.revoke_token(rows[0]["id"])
        assert client.get("/dashboard").status_code == 303  # at once, no restart
        assert client.get("/dashboard/feed").status_code == 401
    assert _login(receiver, receiver.token).status_code == 401


def test_logout_forgets_the_login(receiver: Receiver) -> None:
    cookie = _login(receiver, receiver.token).cookies[COOKIE]
    with _client(receiver, cookie) as client:
        out = client.post("/dashboard/logout", headers={"Origin": receiver.url})
        assert out.status_code == 303 and f'{COOKIE}=""' in out.headers["set-cookie"]
        assert client.get("/dashboard").status_code == 303


@pytest.mark.parametrize("origin", ["http://evil.example", "null"])
def test_another_sites_form_cannot_log_in(receiver: Receiver, origin: str) -> None:
    answer = _login(receiver, receiver.token, Origin=origin)
    assert answer.status_code == 403 and "set-cookie" not in answer.headers


def test_the_cookie_is_secure_behind_a_tls_proxy(receiver: Receiver) -> None:
    token, _ = create_token(receiver.storage, "proxy")
    answer = _login(receiver, token, **{"X-Forwarded-Proto": "https"})  # uvicorn trusts the proxy on loopback
    assert answer.status_code == 303
    assert "secure" in [part.strip().lower() for part in answer.headers["set-cookie"].split(";")]
