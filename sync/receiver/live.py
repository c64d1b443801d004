"""POST /api/v1/heartbeats: take a station's signed heartbeat and keep it as the station's live state.

Order of checks: media type (415), size (413) and time (408) of the body → the Heartbeat model, strictly (422
`heartbeat`) → the key enrolled and bound to the heartbeat's station id (403 `station`) → the signature over
the exact body (422 `signature`) → stored only if its seq is above the stored one (200 `stored`, else 409
`stale` with the stored seq: a replayed or delayed heartbeat never moves the station back). The heartbeat
format and its signature are in sync/heartbeat.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect

from sync.heartbeat import (
    HEARTBEATS_PATH,
    MAX_HEARTBEAT_BYTES,
    SIGNATURE_HEADER,
    Heartbeat,
    HeartbeatAck,
    heartbeat_signature_ok,
)
from sync.outbox import utc_now
from sync.protocol import ErrorBody
from sync.receiver.stations import station_problem
from sync.receiver.storage import BundleStorage, LiveRow

__all__ = ["BODY_TIMEOUT_S", "JsonRefusal", "add_heartbeat_routes", "answer_json_post", "document_model",
           "read_json_body", "take_heartbeat"]

BODY_TIMEOUT_S = 10.0
_WHY = {
    403: "station: the signing key is not enrolled, or is bound to another station id",
    408: "timeout: the body did not arrive in time",
    413: "size: the body is over 64 KiB",
    415: "media_type: the body is not application/json",
    422: "heartbeat: not a valid heartbeat; signature: missing or not the station key's",
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": HeartbeatAck, "description": "stored: the station's live state is now this heartbeat"},
    409: {"model": HeartbeatAck, "description": "stale: a heartbeat with this seq or a higher one is stored"},
    **{code: {"model": ErrorBody, "description": why} for code, why in _WHY.items()},
}
DOC: dict[str, Any] = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "$ref": "#/components/schemas/Heartbeat"}}}}, "parameters": [{
        "name": SIGNATURE_HEADER, "in": "header", "required": True, "schema": {"type": "string"},
        "description": "hex Ed25519 signature of 'hiremate-heartbeat-v1\\n' + the body, by the station key"}]}


def _refused(status: int, check: str, detail: str) -> tuple[int, dict[str, Any]]:
    return status, ErrorBody(check=check, detail=detail).model_dump(mode="json")


def take_heartbeat(storage: BundleStorage, body: bytes, signature: str | None) -> tuple[int, dict[str, Any]]:
    """Check and keep one heartbeat: (HTTP status, JSON body) as the module docstring orders the checks."""
    try:
        beat = Heartbeat.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return _refused(422, "heartbeat", f"{where}: {first['msg']}")
    key = bytes.fromhex(beat.station_key)
    problem = station_problem(storage, key, beat.station_id, what="heartbeat")
    if problem is not None:
        return _refused(403, "station", problem)
    if not signature or not heartbeat_signature_ok(key, signature.strip(), body):
        return _refused(422, "signature", f"no valid {SIGNATURE_HEADER} header: the heartbeat must be signed by "
                        "the station key it names")
    kept, stored = storage.put_live(LiveRow(beat.station_key, beat.station_id, beat.seq, utc_now(),
                                            beat.model_dump_json()))
    status = "stored" if kept else "stale"
    return (200 if status == "stored" else 409), HeartbeatAck(status=status, seq=beat.seq,
                                                              stored_seq=stored).model_dump()


async def read_json_body(request: Request, max_bytes: int, what: str) -> bytes:
    """An application/json body of at most max_bytes (JsonRefusal 415/413 otherwise; TimeoutError after
    BODY_TIMEOUT_S); `what` names it in the size refusal."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise JsonRefusal(415, "media_type", f"Content-Type {media_type or '(none)'!r}: send application/json")
    parts, size = [], 0
    async with asyncio.timeout(BODY_TIMEOUT_S):
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise JsonRefusal(413, "size", f"{what} is at most {max_bytes} bytes")
            parts.append(chunk)
    return b"".join(parts)


class JsonRefusal(Exception):
    """A JSON body refused before it is read whole: the status and ErrorBody to answer with."""

    def __init__(self, status: int, check: str, detail: str) -> None:
        super().__init__(detail)
        self.answer = _refused(status, check, detail)


async def answer_json_post(request: Request, max_bytes: int, what: str,
                           take: Callable[[bytes], tuple[int, dict[str, Any]]]) -> JSONResponse:
    """Read a JSON body (refusals as ErrorBody), then answer with take(body) run in a worker thread."""
    try:
        body = await read_json_body(request, max_bytes, what)
    except JsonRefusal as refusal:
        status, answer = refusal.answer
        return JSONResponse(answer, status)
    except TimeoutError:
        return JSONResponse(_refused(408, "timeout", "the body did not arrive in time")[1], 408,
                            headers={"Connection": "close"})
    except ClientDisconnect:
        return JSONResponse(_refused(400, "structure", "the client closed the connection")[1], 400)
    status, answer = await run_in_threadpool(take, body)
    return JSONResponse(answer, status)


def document_model(app: FastAPI, name: str, model_class: type[BaseModel]) -> None:
    """Put a request body's model (and the models in it) into the OpenAPI document's components as `name`."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None or name not in app.openapi_schema.get("components", {}).get("schemas", {}):
            schema = original()
            model = model_class.model_json_schema(ref_template="#/components/schemas/{model}")
            nested = model.pop("$defs", {})
            schema.setdefault("components", {}).setdefault("schemas", {}).update({name: model, **nested})
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the document


def add_heartbeat_routes(app: FastAPI, storage: BundleStorage) -> None:
    """POST /api/v1/heartbeats (no read token: the station's signature authenticates it)."""
    document_model(app, "Heartbeat", Heartbeat)

    @app.post(HEARTBEATS_PATH, responses=RESPONSES, openapi_extra=DOC, response_model=HeartbeatAck)
    async def heartbeat(request: Request) -> JSONResponse:
        """A station's signed heartbeat: 200 stored, 409 stale (a newer one is stored), 4xx naming the check."""
        signature = request.headers.get(SIGNATURE_HEADER)
        return await answer_json_post(request, MAX_HEARTBEAT_BYTES, "a heartbeat",
                                      lambda body: take_heartbeat(storage, body, signature))
