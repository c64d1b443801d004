"""POST /api/v1/erasures: a station's signed erasure request, answered with the receiver's signed receipt.

Order of checks: media type (415), size (413) and time (408) of the body → the ErasureRequest model, strictly
(422 `erasure`) → the key enrolled and bound to the request's station id (403 `station`) → the signature over
the exact body (422 `signature`) → carried out (sync/receiver/erasure.py): 201 with the new receipt, 200 with
the stored one when the request id was seen before, 409 `conflict` when that id was used for another session.
Like uploads, no read token: the station key enrolled here authenticates it, and a station can only erase its
own station id's sessions.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from eventlog.checkpoints import Signer
from sync.erasure_protocol import (
    ERASURES_PATH,
    MAX_REQUEST_BYTES,
    ErasureReceipt,
    ErasureRequest,
    request_signature_ok,
)
from sync.heartbeat import SIGNATURE_HEADER
from sync.protocol import ErrorBody
from sync.receiver.erasure import ErasureOrder, RequestIdReused
from sync.receiver.live import answer_json_post, document_model
from sync.receiver.stations import station_problem
from sync.receiver.storage import BundleStorage

__all__ = ["add_erasure_routes", "take_erasure"]

_WHY = {
    403: "station: the signing key is not enrolled, or is bound to another station id",
    408: "timeout: the body did not arrive in time",
    409: "conflict: this request id was already used for another session",
    413: "size: the body is over 16 KiB",
    415: "media_type: the body is not application/json",
    422: "erasure: not a valid erasure request; signature: missing or not the station key's",
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    201: {"model": ErasureReceipt, "description": "erased: the receiver's signed receipt"},
    200: {"model": ErasureReceipt, "description": "this request id was carried out before: the same receipt"},
    **{code: {"model": ErrorBody, "description": why} for code, why in _WHY.items()},
}
DOC: dict[str, Any] = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "$ref": "#/components/schemas/ErasureRequest"}}}}, "parameters": [{
        "name": SIGNATURE_HEADER, "in": "header", "required": True, "schema": {"type": "string"},
        "description": "hex Ed25519 signature of 'hiremate-erasure-request-v1\\n' + the body, by the station key"}]}


def _refused(status: int, check: str, detail: str) -> tuple[int, dict[str, Any]]:
    return status, ErrorBody(check=check, detail=detail).model_dump(mode="json")


def take_erasure(storage: BundleStorage, signer: Signer, body: bytes,
                 signature: str | None) -> tuple[int, dict[str, Any]]:
    """Check and carry out one erasure request: (HTTP status, JSON body) as the module docstring orders them."""
    try:
        request = ErasureRequest.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return _refused(422, "erasure", f"{where}: {first['msg']}")
    key = bytes.fromhex(request.station_key)
    problem = station_problem(storage, key, request.station_id, what="erasure request")
    if problem is not None:
        return _refused(403, "station", problem)
    if not signature or not request_signature_ok(key, signature.strip(), body):
        return _refused(422, "signature", f"no valid {SIGNATURE_HEADER} header: the erasure request must be "
                        "signed by the station key it names")
    order = ErasureOrder(request.request_id, request.session_id, request.station_id, request.station_key,
                         "station", request.reason)
    try:
        [(new, receipt)] = storage.erase([order], signer)
    except RequestIdReused as exc:
        return _refused(409, "conflict", str(exc))
    return (201 if new else 200), receipt.model_dump(mode="json")


def add_erasure_routes(app: FastAPI, storage: BundleStorage, signer: Signer) -> None:
    """POST /api/v1/erasures (no read token: the station's signature authenticates it)."""
    document_model(app, "ErasureRequest", ErasureRequest)

    @app.post(ERASURES_PATH, status_code=201, responses=RESPONSES, openapi_extra=DOC, response_model=ErasureReceipt)
    async def erasure(request: Request) -> JSONResponse:
        """A station's signed erasure request: 201 erased (new receipt), 200 the same receipt again, 4xx naming
        the check."""
        signature = request.headers.get(SIGNATURE_HEADER)
        return await answer_json_post(request, MAX_REQUEST_BYTES, "an erasure request",
                                      lambda body: take_erasure(storage, signer, body, signature))
