"""The receiver's ASGI app (FastAPI): upload bundles and heartbeats, take erasure requests, list and read
sessions, the proctor dashboard, health and OpenAPI."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Depends, FastAPI, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from i18n import reporting_in
from reports import build_report
from sync.protocol import (
    BUNDLE_MEDIA_TYPE,
    COMPARE_PATH,
    NDJSON_MEDIA_TYPE,
    SESSIONS_PATH,
    ErrorBody,
    SessionDetail,
    SessionSummary,
)
from sync.receiver.access_log import AccessNotRecorded, Accessor
from sync.receiver.auth import Unauthorized, read_auth, unauthorized_response
from sync.receiver.dashboard import dashboard_router
from sync.receiver.erasure_routes import add_erasure_routes
from sync.receiver.export_routes import export_router
from sync.receiver.limits import DEFAULT_LIMITS, Limits
from sync.receiver.live import add_heartbeat_routes
from sync.receiver.live_feed import DashboardOptions
from sync.receiver.recipient import ReceiverIdentity, identity_for
from sync.receiver.refusals import ambiguous_response, invalid_request_response, not_recorded_response
from sync.receiver.reporting import (
    ReportRequestError,
    chosen_language,
    chosen_role,
    compared,
    comparison_inputs,
    rendered,
    report_input,
)
from sync.receiver.signing import ReceiverSigner, signer_for
from sync.receiver.storage import AmbiguousSession, BundleStorage, StoredBundle
from sync.receiver.upload import add_upload_routes
from sync.results import metrics_and_traits

__all__ = ["create_app"]

READ_ERRORS: dict[int | str, str] = {
    401: "token: no read token, not a Bearer token, unknown or revoked token",
    503: "access_log: the read could not be recorded in the access log, so nothing was served",
    404: "not_found: no such session",
    409: "ambiguous: several stations sent this session id; add ?station=<station id or key hex>",
    422: "request: an invalid parameter",
}
_ERROR_JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}


def _read_errors() -> dict[int | str, dict[str, Any]]:
    """The read errors as JSON ErrorBody, whatever the route's own media type (FastAPI would use that one)."""
    return {code: {"description": why, "content": _ERROR_JSON} for code, why in READ_ERRORS.items()}


def _binary(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": what, "content": {media_type: {"schema": {"type": "string", "format": "binary"}}}},
            **_read_errors()}


class NdjsonResponse(Response):
    """Newline-delimited JSON."""

    media_type = NDJSON_MEDIA_TYPE


class BundleResponse(Response):
    """A bundle's bytes."""

    media_type = BUNDLE_MEDIA_TYPE


REPORT_OK: dict[int | str, dict[str, Any]] = {200: {"description": "the report as a self-contained HTML page or a PDF",
                                                    "content": {"text/html": {"schema": {"type": "string"}},
                                                                "application/pdf": {"schema": {"type": "string",
                                                                                               "format": "binary"}}}}}
REPORT_DOC = {**REPORT_OK, **_read_errors(),
              422: {"description": "report: unknown role, language, format or paper; compare needs 2 to 4 distinct "
                                   "ids; request: an invalid parameter", "content": _ERROR_JSON}}
FORMAT = Query("html", pattern="^(html|pdf)$", description="html (default) or pdf")
PAPER = Query("a4", pattern="^(a4|letter)$", description="a4 (default) or letter")
ROLE = Query(None, description="a shipped role profile name, e.g. sales_associate")
LANG = Query("en", description="the report's language: en (default), es, de or ar (right to left)")


def _refused(exc: ReportRequestError) -> JSONResponse:
    return JSONResponse(ErrorBody(check="report", detail=str(exc)).model_dump(), 422)


def _summary(item: StoredBundle) -> dict[str, Any]:
    session = _session_meta(item)
    return SessionSummary(
        session_id=item.session_id, station_id=item.station_id, station_key=item.public_key,
        participant=session["participant"],
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


def _not_found(session_id: str) -> JSONResponse:
    return JSONResponse(ErrorBody(check="not_found", detail=f"no session {session_id}").model_dump(), 404)


def create_app(storage: BundleStorage, app_version: str = "unversioned", identity: ReceiverIdentity | None = None,
               limits: Limits = DEFAULT_LIMITS, dashboard: DashboardOptions | None = None,
               signer: ReceiverSigner | None = None) -> FastAPI:
    """The receiver app over a storage; its age identity and its receipt-signing key default to the ones in the
    storage's home folder."""
    app = FastAPI(title="HireMate Station receiver", version=app_version,
                  description="Receives signed session bundles from enrolled HireMate stations. Uploads are "
                              "authenticated by the station's signature; every GET under /api/v1/ needs a read "
                              "token (`Authorization: Bearer <token>`, made with `hiremate receiver token create`).")
    app.add_exception_handler(Unauthorized, unauthorized_response)
    app.add_exception_handler(AmbiguousSession, ambiguous_response)
    app.add_exception_handler(RequestValidationError, invalid_request_response)
    app.add_exception_handler(AccessNotRecorded, not_recorded_response)
    reader = Depends(read_auth(storage))  # who reads, for the access log
    add_upload_routes(app, storage, identity or identity_for(storage), limits.body_timeout_s)
    app.include_router(export_router(storage, app_version))
    add_heartbeat_routes(app, storage)
    add_erasure_routes(app, storage, signer or signer_for(storage))
    app.include_router(dashboard_router(storage, dashboard or DashboardOptions()))

    @app.get(SESSIONS_PATH, response_model=list[SessionSummary],
             responses={code: _read_errors()[code] for code in (401, 503)})
    def list_sessions(who: Accessor = reader) -> list[dict[str, Any]]:
        """Every stored session, oldest first."""
        with storage.read_logged(who, "sessions.list") as view:
            return [_summary(item) for item in view.sessions()]

    @app.get(SESSIONS_PATH + "/{session_id}", response_model=SessionDetail, responses=_read_errors())
    def get_session(session_id: str, who: Accessor = reader, station: str | None = None) -> Any:
        """A session's metadata, metrics and traits, with the re-scoring flag (?station= when ambiguous)."""
        with storage.read_logged(who, "session") as view:
            item = view.get(session_id, station)
        return _not_found(session_id) if item is None else _detail(item)

    @app.get(SESSIONS_PATH + "/{session_id}/events", response_class=NdjsonResponse,
             responses=_binary(NDJSON_MEDIA_TYPE, "events.jsonl: one canonical JSON event per line"))
    def get_events(session_id: str, who: Accessor = reader, station: str | None = None) -> Response:
        """The session's events as newline-delimited canonical JSON (events.jsonl)."""
        with storage.read_logged(who, "session.events") as view:
            item = view.get(session_id, station)
            records = [] if item is None else view.events(session_id, item.public_key)
        if item is None:
            return _not_found(session_id)
        return NdjsonResponse("".join(rec.to_json() + "\n" for rec in records).encode())

    @app.get(SESSIONS_PATH + "/{session_id}/bundle", response_class=BundleResponse,
             responses=_binary(BUNDLE_MEDIA_TYPE, "the signed bundle (decrypted, if it came encrypted)"))
    def get_bundle(session_id: str, who: Accessor = reader, station: str | None = None) -> Response:
        """The signed bundle's exact bytes (an encrypted upload is stored decrypted)."""
        with storage.read_logged(who, "session.bundle") as view:
            item = view.get(session_id, station)
        return _not_found(session_id) if item is None else BundleResponse(item.bundle)

    @app.get(SESSIONS_PATH + "/{session_id}/report", responses=REPORT_DOC, response_class=Response)
    def get_report(session_id: str, who: Accessor = reader, format: str = FORMAT, role: str | None = ROLE,
                   paper: str = PAPER, station: str | None = None, lang: str = LANG) -> Response:
        """The recruiter report of a session (HTML or PDF) in a language, with its fit to a role when one is named."""
        try:
            chosen, language = chosen_role(role), chosen_language(lang)
            with storage.read_logged(who, "report", {"format": format, "role": role}) as view:
                inp = report_input(view, session_id, station)
            if inp is None:
                return _not_found(session_id)
            with reporting_in(language):
                body, media = rendered(build_report(inp, chosen), format, paper)
        except ReportRequestError as exc:
            return _refused(exc)
        return Response(body, media_type=media)

    @app.get(COMPARE_PATH, responses=REPORT_DOC, response_class=Response)
    def get_comparison(who: Accessor = reader, ids: str = Query(..., description="2 to 4 session ids, comma-separated"),
                       format: str = FORMAT, role: str | None = ROLE, paper: str = PAPER,
                       lang: str = LANG) -> Response:
        """2-4 candidates side by side (HTML or PDF) in a language: trait bars on one axis, role fit per candidate."""
        try:
            chosen, language = chosen_role(role), chosen_language(lang)
            asked = [i.strip() for i in ids.split(",") if i.strip()]
            with storage.read_logged(who, "compare", {"format": format, "role": role}) as view:
                inputs, missing = comparison_inputs(view, asked)
            if missing:
                return _not_found(missing)
            with reporting_in(language):
                body, media = rendered(compared(inputs, chosen), format, paper)
        except ReportRequestError as exc:
            return _refused(exc)
        return Response(body, media_type=media)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """Liveness."""
        return {"status": "ok"}

    return app
