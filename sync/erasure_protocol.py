"""Erasure requests a station sends its receiver, and the receiver's signed receipts (shared by both sides).

A request is one JSON object (ErasureRequest) POSTed to /api/v1/erasures with the station key's Ed25519
signature over REQUEST_CONTEXT + the exact body in the X-HireMate-Signature header (hex), as heartbeats are
signed; the station keeps the exact bytes it signed and sends them again on every retry, so a retry is the same
request (same request id). The receiver answers with an ErasureReceipt: what it removed, counts only, signed
with the receiver's own Ed25519 key over RECEIPT_CONTEXT + the canonical JSON of every other field. The same
request id always gets the same receipt back. The contexts keep these signatures from passing as a manifest's,
a heartbeat's or each other's.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from eventlog.canonical import canonical_json
from sync.identity import verify_signature

__all__ = [
    "ERASURES_PATH",
    "MAX_REASON",
    "MAX_REQUEST_BYTES",
    "RECEIPT_CONTEXT",
    "REQUEST_CONTEXT",
    "ErasureReceipt",
    "ErasureRequest",
    "new_request",
    "request_signature_ok",
]

ERASURES_PATH = "/api/v1/erasures"
REQUEST_CONTEXT = b"hiremate-erasure-request-v1\n"
RECEIPT_CONTEXT = b"hiremate-erasure-receipt-v1\n"
MAX_REQUEST_BYTES = 16 * 1024
MAX_REASON = 1000
NO_NUL = r"^[^\x00]*$"
HEX_KEY = r"^[0-9a-f]{64}$"


class ErasureRequest(BaseModel):
    """A station asks its receiver to erase one session it sent (or may still send)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    format: Literal["hiremate-erasure-request"] = "hiremate-erasure-request"
    format_version: Literal[1] = 1
    request_id: str = Field(pattern=r"^[0-9a-f]{32}$", description="chosen by the station; a retry repeats it")
    station_id: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    station_key: str = Field(pattern=HEX_KEY, description="the signing station key, raw Ed25519 hex")
    session_id: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    participant: str | None = Field(None, max_length=200, pattern=NO_NUL, description="pseudonym")
    reason: str = Field(min_length=1, max_length=MAX_REASON, pattern=NO_NUL)
    requested_utc: str = Field(max_length=40, pattern=NO_NUL)

    def body(self) -> bytes:
        """The exact bytes sent and signed: canonical JSON."""
        return canonical_json(self.model_dump(mode="json")).encode()


class ErasureReceipt(BaseModel):
    """What the receiver erased for one request, signed by the receiver's key (see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["hiremate-erasure-receipt"] = "hiremate-erasure-receipt"
    format_version: Literal[1] = 1
    request_id: str
    session_id: str
    station_id: str
    station_key: str = Field(description="the key that asked (a station's), or the erased bundle's key")
    requested_by: str = Field(description="'station', or 'receiver:<account>' for `hiremate receiver erase`")
    reason: str
    removed: dict[str, int] = Field(description="rows removed per receiver table (counts, never the data)")
    erased_utc: str
    receiver_key: str = Field(pattern=HEX_KEY, description="the receiver's receipt-signing key, raw Ed25519 hex")
    signature: str = Field("", description="hex Ed25519 signature of the receiver key over the message")

    def message(self) -> bytes:
        """What the signature covers: the context, then the canonical JSON of every field but the signature."""
        fields = self.model_dump(mode="json", exclude={"signature"})
        return RECEIPT_CONTEXT + canonical_json(fields).encode()

    def signature_ok(self, expected_key: bytes | None = None) -> bool:
        """Whether receiver_key signed exactly this receipt (and is expected_key, when one is given)."""
        try:
            key, signature = bytes.fromhex(self.receiver_key), bytes.fromhex(self.signature)
        except ValueError:
            return False
        if expected_key is not None and key != expected_key:
            return False
        return len(signature) == 64 and verify_signature(key, signature, self.message())

    def as_json(self) -> str:
        """Stable JSON text (what the station and the receiver store)."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True)


def new_request(station_id: str, station_key: str, session_id: str, participant: str | None,
                reason: str) -> ErasureRequest:
    """A request with a fresh id, stamped now."""
    return ErasureRequest(request_id=uuid.uuid4().hex, station_id=station_id, station_key=station_key,
                          session_id=session_id, participant=participant, reason=reason,
                          requested_utc=datetime.now(UTC).isoformat(timespec="microseconds"))


def request_signature_ok(public_key: bytes, signature_hex: str, body: bytes) -> bool:
    """Whether the hex signature is the key's Ed25519 signature of REQUEST_CONTEXT + body."""
    try:
        signature = bytes.fromhex(signature_hex)
    except ValueError:
        return False
    return len(signature) == 64 and verify_signature(public_key, signature, REQUEST_CONTEXT + body)
