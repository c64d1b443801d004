"""The bundle format and the upload API, shared by the sync client and the reference receiver.

A bundle is one uncompressed (stored) zip per session with exactly these members, in this order:

    events.jsonl    one EventRecord.to_json() line per event, seq order, each ending in "\\n"
    manifest.json   the Manifest below: sorted keys, two-space indent, UTF-8, final "\\n"
    manifest.sig    64 bytes: raw Ed25519 signature over the exact bytes of manifest.json
    results.json    the scoring output: canonical JSON bytes from the recorded scoring version

Every member has the fixed timestamp 1980-01-01 00:00:00, mode 0644 and no extra fields, so the same
session always gives byte-identical bundles. The manifest lists the SHA-256 and size of every member
except itself and the signature.

An encrypted ("sealed") bundle is that zip encrypted with age (age-encryption.org/v1) to the receiver's X25519
recipient key; see sync/sealing.py.

API (JSON bodies; every error is an ErrorBody naming the check that failed):

    POST /api/v1/bundles               body: the bundle (application/zip) or the sealed bundle (SEALED_MEDIA_TYPE)
        201 Receipt(status="created")  stored
        200 Receipt(status="duplicate") this station already stored the same bundle under this session id
        409 ErrorBody(check="conflict") this station stored a different bundle under this session id
        400/403/408/410/413/415/422 ErrorBody check: structure | station | timeout | erased | size | media_type |
                                        manifest | signature | members | chain | results | decrypt
    POST /api/v1/erasures              a station's signed erasure request: 201/200 the receiver's signed receipt
                                       (sync/erasure_protocol.py)
    GET  /api/v1/recipient             RecipientInfo: the age recipient stations encrypt to (open, no token)
    GET  /api/v1/sessions              [SessionSummary]
    GET  /api/v1/sessions/{id}         SessionDetail (metadata, metrics, traits, rescore flag)
    GET  /api/v1/sessions/{id}/events  events.jsonl as application/x-ndjson
    GET  /api/v1/sessions/{id}/bundle  the signed bundle's bytes (application/zip)
        sessions are keyed by (station key, session id): when two stations sent the same id, the three reads
        above answer 409 ErrorBody(check="ambiguous") unless ?station=<station id or key hex> picks one
    GET  /api/v1/sessions/{id}/report  the recruiter report: ?format=html|pdf&role=NAME&paper=a4|letter
                                       (text/html or application/pdf; 422 ErrorBody(check="report"))
    GET  /api/v1/compare?ids=A,B[,C,D] 2-4 candidates side by side, same options and media types
    GET  /api/v1/export?format=F       researcher tables of every session (docs/DATA.md), a zip (export_routes.py)
        every GET under /api/v1/ needs `Authorization: Bearer <read token>`; else 401 ErrorBody(check="token")
        with a WWW-Authenticate: Bearer challenge. Uploads are authenticated by the station's signature instead.
    GET  /healthz                      {"status": "ok"}          (open, like /openapi.json and /docs)
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

__all__ = [
    "BUNDLES_PATH",
    "BUNDLE_MEDIA_TYPE",
    "BUNDLE_SUFFIX",
    "CHECKS",
    "COMPARE_PATH",
    "EVENTS_MEMBER",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "HASHED_MEMBERS",
    "MANIFEST_MEMBER",
    "MAX_BUNDLE_BYTES",
    "MAX_MANIFEST_BYTES",
    "MAX_RESULTS_BYTES",
    "MEMBERS",
    "MEMBER_CAPS",
    "NDJSON_MEDIA_TYPE",
    "RECIPIENT_PATH",
    "RESULTS_MEMBER",
    "SEALED_MEDIA_TYPE",
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
    "RecipientInfo",
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
SEALED_MEDIA_TYPE = "application/vnd.hiremate.bundle+age"
NDJSON_MEDIA_TYPE = "application/x-ndjson"
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
MAX_RESULTS_BYTES = 8 * 1024 * 1024
MEMBER_CAPS = {EVENTS_MEMBER: MAX_BUNDLE_BYTES, MANIFEST_MEMBER: MAX_MANIFEST_BYTES, SIGNATURE_MEMBER: 64,
               RESULTS_MEMBER: MAX_RESULTS_BYTES}
BUNDLES_PATH = "/api/v1/bundles"
SESSIONS_PATH = "/api/v1/sessions"
RECIPIENT_PATH = "/api/v1/recipient"
COMPARE_PATH = "/api/v1/compare"
CHECKS = ("structure", "station", "signature", "members", "chain", "results")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


# identifiers the receiver stores in columns: no NUL (no station writes one; PostgreSQL text cannot hold one)
Identifier = Annotated[str, Field(min_length=1), AfterValidator(_no_nul)]


class _Signed(_Frozen):
    """Manifest parts: strict types (no "5" for 5, no true for 1), as the station writes them."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class ManifestStation(_Signed):
    """The station that signed the bundle."""

    id: Identifier
    public_key: str = Field(pattern=r"^[0-9a-f]{64}$", description="raw Ed25519 public key, hex")


class ManifestSession(_Signed):
    """Session metadata: the participant is the pseudonym only, never a name or email."""

    id: Identifier
    purpose: str
    participant: str = Field(description="pseudonym")
    battery: str | None
    status: str
    anchor_wall_utc: str
    time_zone: str
    platform: str
    closed_utc: str | None


class ManifestEvents(_Signed):
    """The chain the events member must reproduce."""

    count: int = Field(ge=1, le=2**31)
    chain_head: str = Field(pattern=r"^[0-9a-f]{64}$")


class ManifestVersions(_Signed):
    """The app that recorded the session and the scoring version that produced results.json."""

    app: str
    scoring: Identifier


class MemberDigest(_Signed):
    """SHA-256 and size of one member."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0, le=MAX_BUNDLE_BYTES)


class Manifest(_Signed):
    """manifest.json: everything the signature covers."""

    format: Literal["hiremate-session-bundle"]
    format_version: Literal[1]
    station: ManifestStation
    session: ManifestSession
    events: ManifestEvents
    versions: ManifestVersions
    members: dict[str, MemberDigest]


class Receipt(_Frozen):
    """What the receiver answers on 201/200: delivery counts only if upload_sha256 (bundle_sha256 from receivers
    that predate it) is the hash of the bytes sent. bundle_sha256 names the signed bundle stored; for an encrypted
    upload the two differ."""

    session_id: str
    bundle_sha256: str
    upload_sha256: str | None = None
    status: Literal["created", "duplicate"]
    received_utc: str
    rescore: Literal["match", "mismatch", "unknown_version"]


class ErrorBody(_Frozen):
    """Every refusal: which check failed and why."""

    check: str
    detail: str
    stored_sha256: str | None = None


class RecipientInfo(_Frozen):
    """GET /api/v1/recipient: the receiver's public age recipient key."""

    recipient: str = Field(pattern=r"^age1[02-9ac-hj-np-z]{58}$", description="age X25519 recipient (Bech32)")
    format: Literal["age-encryption.org/v1"] = "age-encryption.org/v1"


class SessionSummary(_Frozen):
    """One line of GET /api/v1/sessions."""

    session_id: str
    station_id: str
    station_key: str = Field(description="the signing station's raw Ed25519 public key, hex")
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
