"""The proctor dashboard: a login page that trades a read token for a session cookie, the page, its live feed.

    GET  /dashboard            the page (303 to the login page without a valid login)
    GET  /dashboard/login      the login form;  POST it (field `token`): 303 to /dashboard with the cookie, or 401
    POST /dashboard/logout     forgets the login, clears the cookie
    GET  /dashboard/feed       server-sent events: `snapshot` (every card) then `station` (one card) on each change;
                               one access-log row per connection (the login's read token, the sessions shown)
    GET  /dashboard/static/F   the page's own CSS and JavaScript (nothing is fetched from elsewhere)

Both pages speak the reader's language (sync/receiver/dashboard_texts.py): `?lang=TAG` chooses and remembers it
(cookie), else the browser's Accept-Language, else English; an unshipped `?lang=` is a 400 naming it.

The cookie holds 256 random bits; the receiver stores only their SHA-256 with the read token that made the login,
so revoking the token ends its logins at once. The cookie is HttpOnly, SameSite=Strict, Path=/dashboard, and
Secure when the page is served over HTTPS (directly, or behind a proxy uvicorn trusts for X-Forwarded-Proto).
Every page forbids scripts, styles and connections from anywhere but the receiver (Content-Security-Policy).
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse

from i18n import N_, _r, reporting_in
from sync.receiver.access_log import AccessNotRecorded, Accessor
from sync.receiver.auth import client_address, match_token
from sync.receiver.dashboard_texts import LANGUAGE_COOKIE, choose_language, render_page
from sync.receiver.live_feed import DashboardOptions, LiveFeed
from sync.receiver.storage import BundleStorage

__all__ = ["COOKIE", "dashboard_router"]

COOKIE = "hiremate_dashboard"
LANGUAGE_DAYS = 365
FILES = Path(__file__).with_name("dashboard_files")
STATIC = {"dashboard.css": "text/css", "dashboard.js": "text/javascript"}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def _sha(cookie: str) -> str:
    return hashlib.sha256(cookie.encode()).hexdigest()


def _login(storage: BundleStorage, cookie: str | None) -> dict[str, Any] | None:
    if not cookie or len(cookie) > 100:
        return None
    row = storage.login(_sha(cookie))
    return row if row and not row["revoked_utc"] and row["expires_utc"] > datetime.now(UTC).isoformat() else None


def _viewer(storage: BundleStorage, login: dict[str, Any], request: Request) -> Accessor:
    """Who watches the feed, for the access log: the read token that made the login."""
    label = next((str(t["label"]) for t in storage.tokens() if t["id"] == login["token_id"]), "?")
    return Accessor(int(login["token_id"]), label, "dashboard", client_address(request))


def _language(request: Request) -> str:
    """The reader's language (ValueError naming an unshipped `?lang=`)."""
    return choose_language(request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE),
                           request.headers.get("accept-language"))


def _page(request: Request, name: str, status: int = 200, error: str = "") -> Response:
    """A dashboard page in the reader's language; a chosen `?lang=` is remembered in a cookie; an unknown one is
    refused with 400 naming it."""
    try:
        tag = _language(request)
    except ValueError as exc:
        return Response(str(exc), 400, headers=HEADERS, media_type="text/plain; charset=utf-8")
    template = (FILES / name).read_text(encoding="utf-8")
    with reporting_in(tag):
        message = f'<p class="error" role="alert">{html.escape(_r(error))}</p>' if error else ""
    page = render_page(template.replace("<!--error-->", message), tag,
                       {"command": "<code>hiremate receiver token create</code>"})
    answer = HTMLResponse(page, status, headers=HEADERS)
    if "lang" in request.query_params:
        answer.set_cookie(LANGUAGE_COOKIE, tag, max_age=LANGUAGE_DAYS * 86400, path="/dashboard", httponly=True,
                          samesite="strict", secure=request.url.scheme == "https")
    return answer


def _same_origin(request: Request) -> bool:
    """A form post from this receiver's own page (browsers send Origin with POSTs); refuse other sites'."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host", "")


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def dashboard_router(storage: BundleStorage, options: DashboardOptions) -> APIRouter:
    """The dashboard's routes (kept out of the API's OpenAPI document: they are pages, not API)."""
    router = APIRouter(prefix="/dashboard", include_in_schema=False)
    feed = LiveFeed(storage, options)

    def logged_in(request: Request) -> bool:
        return _login(storage, request.cookies.get(COOKIE)) is not None

    @router.get("")
    async def page(request: Request) -> Response:
        if not await run_in_threadpool(logged_in, request):
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse("/dashboard/login" + query, 303, headers=HEADERS)
        return _page(request, "dashboard.html")

    @router.get("/login")
    def login_form(request: Request) -> Response:
        return _page(request, "login.html")

    @router.post("/login")
    async def login(request: Request) -> Response:
        if not _same_origin(request):
            return _page(request, "login.html", 403, N_("This form must be sent from the receiver's own page."))
        raw = (await request.body())[:4096].decode("utf-8", "replace")
        token = (parse_qs(raw).get("token") or [""])[0].strip()
        row = await run_in_threadpool(match_token, token, await run_in_threadpool(storage.tokens)) if token else None
        if row is None or row["revoked_utc"]:
            why = N_("That read token was revoked.") if row else N_("That is not a valid read token.")
            return _page(request, "login.html", 401, why)
        cookie = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        expires = now + timedelta(hours=options.login_hours)
        await run_in_threadpool(storage.add_login, _sha(cookie), int(row["id"]), now.isoformat(), expires.isoformat())
        answer = RedirectResponse("/dashboard", 303, headers=HEADERS)
        answer.set_cookie(COOKIE, cookie, max_age=int(options.login_hours * 3600), path="/dashboard", httponly=True,
                          samesite="strict", secure=request.url.scheme == "https")
        return answer

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        cookie = request.cookies.get(COOKIE)
        if cookie and _same_origin(request):
            await run_in_threadpool(storage.drop_login, _sha(cookie))
        answer = RedirectResponse("/dashboard/login", 303, headers=HEADERS)
        answer.delete_cookie(COOKIE, path="/dashboard", httponly=True, samesite="strict",
                             secure=request.url.scheme == "https")
        return answer

    async def stream(request: Request, snapshot: list[dict[str, Any]],
                     queue: asyncio.Queue[dict[str, Any]]) -> AsyncIterator[str]:
        try:
            yield _sse("snapshot", snapshot)
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), timeout=options.keepalive_s)
                    yield _sse("station", item)
                except TimeoutError:
                    if not await run_in_threadpool(logged_in, request):
                        yield _sse("logout", {})
                        return
                    yield ": keep-alive\n\n"
        finally:
            feed.unsubscribe(queue)

    @router.get("/feed")
    async def live(request: Request) -> Response:
        login = await run_in_threadpool(_login, storage, request.cookies.get(COOKIE))
        if login is None:
            return Response("log in first", 401, headers=HEADERS)
        snapshot, queue = await feed.subscribe()
        shown = sorted({str(c["beat"]["session_id"]) for c in snapshot if c["beat"].get("session_id")})
        try:  # one access row per feed connection, naming the sessions its first snapshot shows
            who = await run_in_threadpool(_viewer, storage, login, request)
            await run_in_threadpool(storage.log_access, who, "dashboard.feed", shown, {"stations": len(snapshot)})
        except AccessNotRecorded:
            feed.unsubscribe(queue)
            return Response("the access log could not record this read; nothing was served", 503, headers=HEADERS)
        return StreamingResponse(stream(request, snapshot, queue), media_type="text/event-stream",
                                 headers={**HEADERS, "X-Accel-Buffering": "no"})

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return Response("not found", 404, headers=HEADERS)
        return FileResponse(FILES / name, media_type=STATIC[name], headers=HEADERS)

    return router
