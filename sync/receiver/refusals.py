"""The receiver's answers to requests it cannot serve as asked: an ambiguous session id, an invalid parameter, a
read the access log could not record."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from sync.protocol import ErrorBody
from sync.receiver.access_log import AccessNotRecorded
from sync.receiver.storage import AmbiguousSession

__all__ = ["ambiguous_response", "invalid_request_response", "not_recorded_response"]


def not_recorded_response(_request: Request, exc: Exception) -> JSONResponse:
    """503 ErrorBody(check="access_log"): the read was refused because its access row could not be written."""
    assert isinstance(exc, AccessNotRecorded)
    return JSONResponse(ErrorBody(check="access_log", detail=str(exc)).model_dump(mode="json"), 503)


def ambiguous_response(_request: Request, exc: Exception) -> JSONResponse:
    """409 ErrorBody(check="ambiguous") naming the stations that sent the session id."""
    assert isinstance(exc, AmbiguousSession)
    return JSONResponse(ErrorBody(check="ambiguous", detail=str(exc)).model_dump(mode="json"), 409)


def invalid_request_response(_request: Request, exc: Exception) -> JSONResponse:
    """422 ErrorBody(check="request") naming the first invalid parameter (instead of FastAPI's own shape)."""
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    where = ".".join(str(part) for part in first.get("loc", ())) or "request"
    return JSONResponse(ErrorBody(check="request", detail=f"{where}: {first.get('msg')}").model_dump(mode="json"), 422)
