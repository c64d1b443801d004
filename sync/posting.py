"""One POST to the receiver, with a failure to connect (or an untrusted certificate) as a TransientError."""

from __future__ import annotations

import httpx
from pydantic import ValidationError

from sync.errors import TransientError
from sync.protocol import ErrorBody
from sync.trust import untrusted_reason

__all__ = ["RETRY_STATUSES", "post", "refusal"]

RETRY_STATUSES = {408, 425, 429}


def post(http: httpx.Client, path: str, content: bytes, headers: dict[str, str]) -> httpx.Response:
    """The receiver's answer (any status); TransientError when no answer came (the caller retries later)."""
    try:
        return http.post(path, content=content, headers=headers)
    except httpx.TransportError as exc:
        reason = untrusted_reason(exc)
        if reason is not None:
            raise TransientError(f"TLS: the receiver's certificate is not trusted ({reason}); give the "
                                 "receiver's certificate with `hiremate sync set-ca FILE`") from exc
        raise TransientError(f"{type(exc).__name__}: {exc or 'connection failed'}") from exc


def refusal(response: httpx.Response) -> ErrorBody:
    """A receiver's answer that is not a success: TransientError when it is worth retrying (5xx, 408, 425, 429), else
    the receiver's error body (one made from the status line when the body is not one)."""
    status = response.status_code
    if status >= 500 or status in RETRY_STATUSES:
        raise TransientError(f"HTTP {status} from the receiver")
    try:
        return ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return ErrorBody(check="http", detail=response.text[:200] or response.reason_phrase)
