"""The upload endpoint's HTTP side: media type, size and time limits on the body, then ingest in a worker thread.

A body is read only if its media type is a bundle's (application/zip) or an encrypted bundle's (age), its
declared length is within the limit, and it arrives within the body deadline; otherwise 415, 413 or 408 with
an ErrorBody. Also the OpenAPI description of the upload and of GET /api/v1/recipient.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.requests import ClientDisconnect

from sync.protocol import (
    BUNDLE_MEDIA_TYPE,
    BUNDLES_PATH,
    MAX_BUNDLE_BYTES,
    RECIPIENT_PATH,
    SEALED_MEDIA_TYPE,
    ErrorBody,
    Receipt,
    RecipientInfo,
)
from sync.receiver.ingest import ingest
from sync.receiver.recipient import ReceiverIdentity
from sync.receiver.storage import BundleStorage

__all__ = ["UPLOAD_DOC", "UPLOAD_RESPONSES", "add_upload_routes", "read_body"]

_BINARY = {"schema": {"type": "string", "format": "binary", "maxLength": MAX_BUNDLE_BYTES}}
UPLOAD_DOC: dict[str, Any] = {"requestBody": {"required": True, "content": {
    BUNDLE_MEDIA_TYPE: _BINARY, SEALED_MEDIA_TYPE: _BINARY}}}
_WHY = {
    400: "structure: not a bundle (not a zip, wrong members, a member compressed or over its cap, not canonical)",
    403: "station: the signing key is not enrolled, or is bound to another station id",
    408: "timeout: the body did not arrive within the receiver's body deadline",
    409: "conflict: this station already stored a different bundle under the session id",
    413: "size: the body is over the size limit",
    410: "erased: this station's session was erased at the receiver; it is never stored again",
    415: "media_type: the body is not application/zip or an age-encrypted bundle",
    422: "manifest, signature, members, chain, results or decrypt: the named check failed",
}
UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    201: {"model": Receipt, "description": "stored"},
    200: {"model": Receipt, "description": "the same bundle was already stored"},
    **{code: {"model": ErrorBody, "description": why} for code, why in _WHY.items()},
}


class BodyRefused(Exception):
    """The body cannot be taken: the status and error to answer with."""

    def __init__(self, status: int, check: str, detail: str) -> None:
        super().__init__(detail)
        self.response = JSONResponse(ErrorBody(check=check, detail=detail).model_dump(mode="json"), status,
                                     headers={"Connection": "close"})


def _sealed(request: Request) -> bool:
    """Whether the declared media type is the encrypted bundle's (else a plain bundle's; 415 for any other)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in (BUNDLE_MEDIA_TYPE, SEALED_MEDIA_TYPE):
        raise BodyRefused(415, "media_type", f"Content-Type {media_type or '(none)'!r}: send a bundle as "
                          f"{BUNDLE_MEDIA_TYPE} or an encrypted bundle as {SEALED_MEDIA_TYPE}")
    return media_type == SEALED_MEDIA_TYPE


def _check_length(request: Request) -> None:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BUNDLE_BYTES:
        raise BodyRefused(413, "size", f"Content-Length {declared} is over the {MAX_BUNDLE_BYTES}-byte limit")


async def _chunks(request: Request) -> bytes:
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BUNDLE_BYTES:
            raise BodyRefused(413, "size", f"over {MAX_BUNDLE_BYTES} bytes")
        parts.append(chunk)
    return b"".join(parts)


async def read_body(request: Request, timeout_s: float) -> tuple[bytes, bool]:
    """The whole body, at most MAX_BUNDLE_BYTES, within timeout_s, and whether it is declared encrypted;
    BodyRefused otherwise."""
    sealed = _sealed(request)
    _check_length(request)
    try:
        async with asyncio.timeout(timeout_s):
            return await _chunks(request), sealed
    except TimeoutError:
        raise BodyRefused(408, "timeout", f"the body did not arrive within {timeout_s:g} s") from None
    except ClientDisconnect:
        raise BodyRefused(400, "structure", "the client closed the connection before sending the whole body") \
            from None


def add_upload_routes(app: FastAPI, storage: BundleStorage, identity: ReceiverIdentity, body_timeout_s: float) -> None:
    """POST /api/v1/bundles and GET /api/v1/recipient."""

    @app.post(BUNDLES_PATH, status_code=201, openapi_extra=UPLOAD_DOC, responses=UPLOAD_RESPONSES)
    async def upload_bundle(request: Request) -> JSONResponse:
        """Verify and store a bundle (plain, or encrypted to GET /api/v1/recipient): 201 new, 200 duplicate, 409
        conflict, 4xx naming the failed check."""
        try:
            data, sealed = await read_body(request, body_timeout_s)
        except BodyRefused as refused:
            return refused.response
        outcome = await run_in_threadpool(ingest, storage, data, identity.unseal, sealed)
        return JSONResponse(outcome.body, status_code=outcome.status)

    @app.get(RECIPIENT_PATH, response_model=RecipientInfo)
    def recipient() -> RecipientInfo:
        """The age recipient key stations encrypt bundles to (public; no token needed)."""
        return RecipientInfo(recipient=identity.recipient)
