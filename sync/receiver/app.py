"""The receiver's ASGI app (FastAPI): upload bundles, list and read sessions, health and OpenAPI."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from sync.protocol import (
    BUNDLE_MEDIA_TYPE,
    BUNDLES_PATH,
    MAX_BUNDLE_BYTES,
    SESSIONS_PATH,
    ErrorBody,
    Receipt,
    SessionDetail,
    SessionSummary,
)
from sync.receiver.auth import Unauthorized, read_auth, unauthorized_response
from sync.receiver.export_routes import export_router
from sync.receiver.ingest import IngestOutcome, ingest
from sync.receiver.storage import BundleStorage, StoredBundle
from sync.results import metrics_and_traits

__all__ = ["create_app"]

UPLOAD_DOC: dict[str, Any] = {"requestBody": {"required": True, "content": {
    BUNDLE_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 403, 409, 413, 422)
}
READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "no read token, not a Bearer token, unknown or revoked token"},
    404: {"model": ErrorBody},
}


def _summary(item: StoredBundle) -> dict[str, Any]:
    session = _session_meta(item)
    return SessionSummary(
        session_id=item.session_id, station_id=item.station_id, participant=session["participant"],
        purpose=session["purpose"], bundle_sha256=item.bundle_sha256, received_utc=item.received_utc,
        rescore=item.rescore,
    ).model_dump(mode="json")


def _session_meta(item: StoredBundle) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(item.manifest)
    return {**manifest["session"], "events": manifest["events"], "versions": manifest["versions"]}


def _detail(item: StoredBundle) -> dict[str, Any]:
    meta = _session_meta(item)
    metrics, traits = metrics_and_traits(item.results)
    return SessionDetail(
        **_summary(item), session=meta, event_count=meta["events"]["count"], chain_head=meta["events"]["chain_head"],
        scoring_version=item.scoring_version, metrics=metrics, traits=traits,
    ).model_dump(mode="json")


async def _read_body(request: Request) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BUNDLE_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _not_found(session_id: str) -> JSONResponse:
    return JSONResponse(ErrorBody(check="not_found", detail=f"no session {session_id}").model_dump(), 404)


def create_app(storage: BundleStorage, app_version: str = "unversioned") -> FastAPI:
    """The receiver app over a storage."""
    app = FastAPI(title="HireMate Station receiver", version=app_version,
                  description="Receives signed session bundles from enrolled HireMate stations. Uploads are "
                              "authenticated by the station's signature; every GET under /api/v1/ needs a read "
                              "token (`Authorization: Bearer <token>`, made with `hiremate serve token create`).")
    app.add_exception_handler(Unauthorized, unauthorized_response)
    read = [Depends(read_auth(storage))]
    app.include_router(export_router(storage, app_version))

    @app.post(BUNDLES_PATH, status_code=201, openapi_extra=UPLOAD_DOC,
              responses={201: {"model": Receipt}, 200: {"model": Receipt}, **ERRORS})
    async def upload_bundle(request: Request) -> JSONResponse:
        """Verify and store a bundle: 201 new, 200 duplicate, 409 conflict, 4xx naming the failed check."""
        data = await _read_body(request)
        if data is None:
            outcome = IngestOutcome(413, ErrorBody(check="size", detail=f"over {MAX_BUNDLE_BYTES} bytes").model_dump())
        else:
            outcome = await run_in_threadpool(ingest, storage, data)
        return JSONResponse(outcome.body, status_code=outcome.status)

    @app.get(SESSIONS_PATH, response_model=list[SessionSummary], dependencies=read,
             responses={401: READ_ERRORS[401]})
    def list_sessions() -> list[dict[str, Any]]:
        """Every stored session, oldest first."""
        return [_summary(item) for item in storage.sessions()]

    @app.get(SESSIONS_PATH + "/{session_id}", response_model=SessionDetail, dependencies=read,
             responses=READ_ERRORS)
    def get_session(session_id: str) -> Any:
        """A session's metadata, metrics and traits, with the re-scoring flag."""
        item = storage.get(session_id)
        return _not_found(session_id) if item is None else _detail(item)

    @app.get(SESSIONS_PATH + "/{session_id}/events", dependencies=read, responses=READ_ERRORS)
    def get_events(session_id: str) -> Response:
        """The session's events as newline-delimited canonical JSON (events.jsonl)."""
        if storage.get(session_id) is None:
            return _not_found(session_id)
        body = "".join(rec.to_json() + "\n" for rec in storage.events(session_id))
        return Response(body.encode(), media_type="application/x-ndjson")

    @app.get(SESSIONS_PATH + "/{session_id}/bundle", dependencies=read, responses=READ_ERRORS)
    def get_bundle(session_id: str) -> Response:
        """The exact bundle bytes as received."""
        item = storage.get(session_id)
        return _not_found(session_id) if item is None else Response(item.bundle, media_type=BUNDLE_MEDIA_TYPE)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """Liveness."""
        return {"status": "ok"}

    return app
