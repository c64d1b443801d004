"""The bundle format and the upload API, shared by the sync client and the reference receiver.

A bundle is one uncompressed (stored) zip per session with exactly these members, in this order:

    events.jsonl    one EventRecord.to_json() line per event, seq order, each ending in "\\n"
    manifest.json   the Manifest below: sorted keys, two-space indent, UTF-8, final "\\n"
    manifest.sig    64 bytes: raw Ed25519 signature over the exact bytes of manifest.json
    results.json    the scoring output: canonical JSON bytes from the recorded scoring version

Every member has the fixed timestamp 1980-01-01 00:00:00, mode 0644 and no extra fields, so the same
session always gives byte-identical bundles. The manifest lists the SHA-256 and size of every member
except itself and the signature.

API (JSON bodies; every error is an ErrorBody naming the check that failed):

    POST /api/v1/bundles               body: the bundle bytes (application/zip)
        201 Receipt(status="created")  stored
        200 Receipt(status="duplicate") the same bytes were already stored under this session id
        409 ErrorBody(check="conflict") a different bundle is stored under this session id
        400/403/413/422 ErrorBody       check: structure | station | signature | members | chain | size
    GET  /api/v1/sessions              [SessionSummary]
    GET  /api/v1/sessions/{id}         SessionDetail (metadata, metrics, traits, rescore flag)
    GET  /api/v1/sessions/{id}/events  events.jsonl as application/x-ndjson
    GET  /api/v1/sessions/{id}/bundle  the bundle bytes as received
    GET  /api/v1/export?format=F       researcher tables of every session (docs/DATA.md), a zip (export_routes.py)
        every GET under /api/v1/ needs `Authorization: Bearer <read token>`; else 401 ErrorBody(check="token")
        with a WWW-Authenticate: Bearer challenge. Uploads are authenticated by the station's signature instead.
    GET  /healthz                      {"status": "ok"}          (open, like /openapi.json and /docs)
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "BUNDLES_PATH",
    "BUNDLE_MEDIA_TYPE",
    "BUNDLE_SUFFIX",
    "CHECKS",
    "EVENTS_MEMBER",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "HASHED_MEMBERS",
    "MANIFEST_MEMBER",
    "MAX_BUNDLE_BYTES",
    "MEMBERS",
    "RESULTS_MEMBER",
    "SESSIONS_PATH",
    "SIGNATURE_MEMBER",
    "ErrorBody",
    "Manifest",
    "ManifestEvents",
    "ManifestSession",
    "ManifestStation",
    "ManifestVersions",
    "MemberDigest",
    "Receipt",
    "SessionDetail",
    "SessionSummary",
]

FORMAT_NAME = "hiremate-session-bundle"
FORMAT_VERSION = 1
EVENTS_MEMBER = "events.jsonl"
MANIFEST_MEMBER = "manifest.json"
SIGNATURE_MEMBER = "manifest.sig"
RESULTS_MEMBER = "results.json"
MEMBERS = (EVENTS_MEMBER, MANIFEST_MEMBER, SIGNATURE_MEMBER, RESULTS_MEMBER)
HASHED_MEMBERS = (EVENTS_MEMBER, RESULTS_MEMBER)
BUNDLE_SUFFIX = ".hiremate.zip"
BUNDLE_MEDIA_TYPE = "application/zip"
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
BUNDLES_PATH = "/api/v1/bundles"
SESSIONS_PATH = "/api/v1/sessions"
CHECKS = ("structure", "station", "signature", "members", "chain", "results")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ManifestStation(_Frozen):
    """The station that signed the bundle."""

    id: str = Field(min_length=1)
    public_key: str = Field(pattern=r"^[0-9a-f]{64}$", description="raw Ed25519 public key, hex")


class ManifestSession(_Frozen):
    """Session metadata: the participant is the pseudonym only, never a name or email."""

    id: str = Field(min_length=1)
    purpose: str
    participant: str = Field(description="pseudonym")
    battery: str | None
    status: str
    anchor_wall_utc: str
    time_zone: str
    platform: str
    closed_utc: str | None


class ManifestEvents(_Frozen):
    """The chain the events member must reproduce."""

    count: int = Field(ge=1)
    chain_head: str = Field(pattern=r"^[0-9a-f]{64}$")


class ManifestVersions(_Frozen):
    """The app that recorded the session and the scoring version that produced results.json."""

    app: str
    scoring: str


class MemberDigest(_Frozen):
    """SHA-256 and size of one member."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)


class Manifest(_Frozen):
    """manifest.json: everything the signature covers."""

    format: Literal["hiremate-session-bundle"]
    format_version: Literal[1]
    station: ManifestStation
    session: ManifestSession
    events: ManifestEvents
    versions: ManifestVersions
    members: dict[str, MemberDigest]


class Receipt(_Frozen):
    """What the receiver answers on 201/200: delivery counts only if bundle_sha256 is the one sent."""

    session_id: str
    bundle_sha256: str
    status: Literal["created", "duplicate"]
    received_utc: str
    rescore: Literal["match", "mismatch", "unknown_version"]


class ErrorBody(_Frozen):
    """Every refusal: which check failed and why."""

    check: str
    detail: str
    stored_sha256: str | None = None


class SessionSummary(_Frozen):
    """One line of GET /api/v1/sessions."""

    session_id: str
    station_id: str
    participant: str
    purpose: str
    bundle_sha256: str
    received_utc: str
    rescore: str


class SessionDetail(SessionSummary):
    """GET /api/v1/sessions/{id}: metadata, metrics and traits as the station scored them."""

    session: dict[str, Any]
    event_count: int
    chain_head: str
    scoring_version: str
    metrics: Any = None
    traits: Any = None
