"""Read tokens for the receiver's GET API: made once, stored only as SHA-256, checked in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.protocol import ErrorBody
from sync.receiver.access_log import Accessor
from sync.receiver.storage import BundleStorage

__all__ = [
    "BEARER",
    "TOKEN_PREFIX",
    "Unauthorized",
    "client_address",
    "create_token",
    "match_token",
    "read_auth",
    "token_sha256",
    "unauthorized_response",
]

TOKEN_PREFIX = "hmr_"
REALM = "hiremate-receiver"
BEARER = HTTPBearer(
    auto_error=False, scheme_name="readToken", bearerFormat="hmr_<43 characters>",
    description="A read token from `hiremate receiver token create`; required by every GET under /api/v1/.",
)


class Unauthorized(Exception):
    """A read request without a valid token: error is the RFC 6750 code (None when no token was sent)."""

    def __init__(self, detail: str, error: str | None = "invalid_token") -> None:
        super().__init__(detail)
        self.detail = detail
        self.error = error


def token_sha256(token: str) -> str:
    """The hex SHA-256 of a token's UTF-8 bytes (what the receiver stores)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(storage: BundleStorage, label: str) -> tuple[str, dict[str, Any]]:
    """A fresh token (256 random bits) and its stored row; the token itself is not kept anywhere."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, storage.add_token(token_sha256(token), label)


def match_token(token: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The stored row whose hash equals the token's, comparing with every row in constant time."""
    presented = token_sha256(token).encode()
    found: dict[str, Any] | None = None
    for row in rows:
        if hmac.compare_digest(presented, str(row["sha256"]).encode()):
            found = row
    return found


def _bearer_token(request: Request) -> str:
    header = request.headers.get("authorization")
    if header is None:
        raise Unauthorized("no Authorization header: send `Authorization: Bearer <token>` (an operator makes "
                           "one with `hiremate receiver token create`)", error=None)
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        raise Unauthorized(f"the Authorization header uses the {scheme[:20] or 'empty'} scheme; send `Authorization: "
                           "Bearer <token>`", error=None)
    if not token.strip():
        raise Unauthorized("the Authorization header has no token after Bearer")
    return token.strip()


def client_address(request: Request) -> str | None:
    """The client's address as the server saw it (a proxy's X-Forwarded-For only when uvicorn trusts it)."""
    return request.client.host if request.client else None


def read_auth(storage: BundleStorage) -> Callable[..., Accessor]:
    """A FastAPI dependency: who reads (the valid read token the request carries, its label and the client's
    address, for the access log), else Unauthorized."""

    def require_read_token(request: Request,
                           _declared: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]) -> Accessor:
        row = match_token(_bearer_token(request), storage.tokens())
        if row is None:
            raise Unauthorized("unknown read token")
        if row["revoked_utc"]:
            raise Unauthorized(f"read token {row['id']} was revoked at {row['revoked_utc']}")
        return Accessor(int(row["id"]), str(row["label"]), "api", client_address(request))

    return require_read_token


def unauthorized_response(_request: Request, exc: Exception) -> JSONResponse:
    """401 with an ErrorBody (check "token") and the WWW-Authenticate challenge of RFC 6750."""
    assert isinstance(exc, Unauthorized)
    challenge = f'Bearer realm="{REALM}"'
    if exc.error:
        challenge += f', error="{exc.error}", error_description="{exc.detail.replace(chr(34), chr(39))}"'
    return JSONResponse(ErrorBody(check="token", detail=exc.detail).model_dump(), status_code=401,
                        headers={"WWW-Authenticate": challenge})
