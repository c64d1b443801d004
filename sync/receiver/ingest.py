"""Accepting one uploaded bundle: verify (station, signature, members, chain), store once, re-score and flag."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sync.bundle import Bundle, read_bundle
from sync.errors import BundleFormatError, CheckFailed
from sync.identity import fingerprint_of
from sync.outbox import utc_now
from sync.protocol import MAX_BUNDLE_BYTES, RESULTS_MEMBER, ErrorBody, Receipt
from sync.receiver.storage import BundleStorage, StoredBundle
from sync.results import ScoringError, UnknownVersion, rescore
from sync.verify import bundle_records, check_chain, check_members, check_signature

__all__ = ["CHECK_STATUS", "IngestOutcome", "ingest", "rescore_flag"]

CHECK_STATUS = {"size": 413, "structure": 400, "station": 403, "signature": 422, "members": 422, "chain": 422}


@dataclass(frozen=True)
class IngestOutcome:
    """HTTP status and JSON body of one upload."""

    status: int
    body: dict[str, Any]


def _error(check: str, detail: str, status: int | None = None, stored: str | None = None) -> IngestOutcome:
    body = ErrorBody(check=check, detail=detail, stored_sha256=stored).model_dump(mode="json")
    return IngestOutcome(status or CHECK_STATUS[check], body)


def rescore_flag(bundle: Bundle, records: list[Any]) -> str:
    """match, mismatch or unknown_version: whether the receiver's re-scoring reproduces results.json."""
    try:
        again = rescore(records, bundle.manifest.versions.scoring)
    except UnknownVersion:
        return "unknown_version"
    except ScoringError:
        return "mismatch"
    return "match" if again == bundle.members[RESULTS_MEMBER] else "mismatch"


def _receipt(stored: StoredBundle, status: str) -> IngestOutcome:
    receipt = Receipt(session_id=stored.session_id, bundle_sha256=stored.bundle_sha256, status=status,
                      received_utc=stored.received_utc, rescore=stored.rescore)
    return IngestOutcome(201 if status == "created" else 200, receipt.model_dump(mode="json"))


def _conflict(session_id: str, stored_sha: str) -> IngestOutcome:
    return _error("conflict", f"session {session_id} is already stored with a different bundle", 409, stored_sha)


def _verified(storage: BundleStorage, data: bytes) -> Bundle | IngestOutcome:
    try:
        bundle = read_bundle(data)
    except BundleFormatError as exc:
        return _error("structure", str(exc))
    stored_sha = storage.stored_sha256(bundle.session_id)
    if stored_sha == bundle.sha256:
        return bundle
    key = bytes.fromhex(bundle.manifest.station.public_key)
    if not storage.is_enrolled(key):
        return _error("station", f"station {bundle.manifest.station.id} is not enrolled here (key fingerprint "
                      f"{fingerprint_of(key)}); enrol it with `hiremate receiver enroll`")
    try:
        check_signature(bundle)
        check_members(bundle)
    except CheckFailed as exc:
        return _error(exc.check, exc.detail)
    return bundle


def ingest(storage: BundleStorage, data: bytes) -> IngestOutcome:
    """Verify and store one bundle's bytes: 201 created, 200 duplicate, 409 conflict, 4xx naming the check."""
    if len(data) > MAX_BUNDLE_BYTES:
        return _error("size", f"bundle of {len(data)} bytes is over the {MAX_BUNDLE_BYTES}-byte limit")
    verified = _verified(storage, data)
    if isinstance(verified, IngestOutcome):
        return verified
    bundle = verified
    existing = storage.get(bundle.session_id)
    if existing is not None:
        return _receipt(existing, "duplicate") if existing.bundle_sha256 == bundle.sha256 else \
            _conflict(bundle.session_id, existing.bundle_sha256)
    try:
        records = bundle_records(bundle)
        check_chain(bundle, records)
    except CheckFailed as exc:
        return _error(exc.check, exc.detail)
    manifest = bundle.manifest
    item = StoredBundle(
        session_id=bundle.session_id, bundle_sha256=bundle.sha256, station_id=manifest.station.id,
        public_key=manifest.station.public_key, manifest=bundle.manifest_bytes.decode(),
        results=bundle.members[RESULTS_MEMBER], scoring_version=manifest.versions.scoring,
        rescore=rescore_flag(bundle, records), received_utc=utc_now(), bundle=data,
    )
    outcome, stored = storage.add(item, records)
    if outcome == "created":
        return _receipt(stored, "created")
    return _receipt(stored, "duplicate") if stored.bundle_sha256 == bundle.sha256 else \
        _conflict(bundle.session_id, stored.bundle_sha256)
