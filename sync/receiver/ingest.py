"""Accepting one uploaded bundle: verify (station, signature, members, chain), store once, re-score and flag.

Order: size → (decrypt) → container and manifest (only manifest.json and manifest.sig are read) → same bytes
already stored by this station key? 200 duplicate → station enrolled and bound to the manifest's station id →
signature → read events and results (capped) → member hashes → another bundle stored by this key under the id?
409 → events typed and chained → results.json strict JSON → store, re-score, flag; a session this receiver
erased (sync/receiver/erasure.py) is refused at the store, 410 `erased`, and never stored again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sync.bundle import Bundle, OpenedBundle, bundle_sha256, open_bundle
from sync.errors import BundleFormatError, CheckFailed, ManifestError, SealError
from sync.outbox import utc_now
from sync.protocol import BUNDLE_MEDIA_TYPE, MAX_BUNDLE_BYTES, RESULTS_MEMBER, SEALED_MEDIA_TYPE, ErrorBody, Receipt
from sync.receiver.stations import station_problem
from sync.receiver.storage import BundleStorage, ErasedSession, StoredBundle
from sync.results import ScoringError, UnknownVersion, rescore
from sync.sealing import is_sealed
from sync.verify import bundle_rows, check_chain_rows, check_members, check_results_json, check_signature

__all__ = ["CHECK_STATUS", "IngestOutcome", "Unsealer", "ingest", "rescore_flag"]

CHECK_STATUS = {"size": 413, "structure": 400, "manifest": 422, "station": 403, "signature": 422, "members": 422,
                "chain": 422, "results": 422, "decrypt": 422, "erased": 410}
Unsealer = Callable[[bytes], bytes]


@dataclass(frozen=True)
class IngestOutcome:
    """HTTP status and JSON body of one upload."""

    status: int
    body: dict[str, Any]


class Refused(Exception):
    """An upload refused by one check: the outcome to answer with."""

    def __init__(self, check: str, detail: str, status: int | None = None, stored: str | None = None) -> None:
        super().__init__(detail)
        body = ErrorBody(check=check, detail=detail, stored_sha256=stored).model_dump(mode="json")
        self.outcome = IngestOutcome(status or CHECK_STATUS[check], body)


def rescore_flag(bundle: Bundle, records: list[Any]) -> str:
    """match, mismatch or unknown_version: whether the receiver's re-scoring reproduces results.json."""
    try:
        again = rescore(records, bundle.manifest.versions.scoring)
    except UnknownVersion:
        return "unknown_version"
    except ScoringError:
        return "mismatch"
    return "match" if again == bundle.members[RESULTS_MEMBER] else "mismatch"


def _receipt(stored: StoredBundle, status: str, upload_sha256: str) -> IngestOutcome:
    receipt = Receipt(session_id=stored.session_id, bundle_sha256=stored.bundle_sha256, status=status,
                      received_utc=stored.received_utc, rescore=stored.rescore, upload_sha256=upload_sha256)
    return IngestOutcome(201 if status == "created" else 200, receipt.model_dump(mode="json"))


def _conflict(session_id: str, stored_sha: str) -> Refused:
    return Refused("conflict", f"session {session_id} is already stored with a different bundle from this station",
                   409, stored_sha)


def _format_refusal(exc: BundleFormatError) -> Refused:
    return Refused("manifest" if isinstance(exc, ManifestError) else "structure", str(exc))


def _check_station(storage: BundleStorage, opened: OpenedBundle) -> None:
    """The key must be enrolled, and bound to the manifest's station id (or bindable: no other key holds it)."""
    problem = station_problem(storage, opened.station_key, opened.manifest.station.id)
    if problem is not None:
        raise Refused("station", problem)


def _verified(storage: BundleStorage, opened: OpenedBundle) -> Bundle:
    _check_station(storage, opened)
    try:
        check_signature(opened)
        bundle = opened.read_members()
        check_members(bundle)
    except CheckFailed as exc:
        raise Refused(exc.check, exc.detail) from None
    except BundleFormatError as exc:
        raise _format_refusal(exc) from None
    return bundle


def _store(storage: BundleStorage, bundle: Bundle, upload_sha256: str) -> IngestOutcome:
    manifest = bundle.manifest
    if storage.stored_sha256(manifest.station.public_key, bundle.session_id) is not None:
        existing = storage.get(bundle.session_id, manifest.station.public_key)
        assert existing is not None
        if existing.bundle_sha256 == bundle.sha256:  # stored meanwhile by a concurrent upload of the same bundle
            return _receipt(existing, "duplicate", upload_sha256)
        raise _conflict(bundle.session_id, existing.bundle_sha256)
    try:
        rows = bundle_rows(bundle)
        check_chain_rows(bundle, rows)
        check_results_json(bundle)
    except CheckFailed as exc:
        raise Refused(exc.check, exc.detail) from None
    records = [record for record, _ in rows]
    item = StoredBundle(
        session_id=bundle.session_id, bundle_sha256=bundle.sha256, station_id=manifest.station.id,
        public_key=manifest.station.public_key, manifest=bundle.manifest_bytes.decode(),
        results=bundle.members[RESULTS_MEMBER], scoring_version=manifest.versions.scoring,
        rescore=rescore_flag(bundle, records), received_utc=utc_now(), bundle=bundle.data,
    )
    try:
        outcome, stored = storage.add(item, records)
    except ErasedSession as exc:
        raise Refused("erased", str(exc)) from None
    if outcome == "created":
        return _receipt(stored, "created", upload_sha256)
    if stored.bundle_sha256 != bundle.sha256:
        raise _conflict(bundle.session_id, stored.bundle_sha256)
    return _receipt(stored, "duplicate", upload_sha256)


def _plain(data: bytes, unseal: Unsealer | None, sealed: bool | None) -> bytes:
    if sealed is True and not is_sealed(data):
        raise Refused("structure", f"sent as {SEALED_MEDIA_TYPE}, but not an age file (it does not start with "
                      "'age-encryption.org/v1')")
    if sealed is False and is_sealed(data):
        raise Refused("structure", f"an age-encrypted bundle sent as {BUNDLE_MEDIA_TYPE}; send it as "
                      f"{SEALED_MEDIA_TYPE}")
    if not is_sealed(data):
        return data
    if unseal is None:
        raise Refused("decrypt", "an encrypted bundle, but this receiver has no identity to decrypt it")
    try:
        return unseal(data)
    except SealError as exc:
        raise Refused("decrypt", str(exc)) from None


def ingest(storage: BundleStorage, data: bytes, unseal: Unsealer | None = None,
           sealed: bool | None = None) -> IngestOutcome:
    """Verify and store one upload (a signed bundle, or one encrypted for this receiver, opened with `unseal`;
    `sealed` is what the upload declared, None to tell by the bytes): 201 created, 200 duplicate, 409 conflict,
    4xx naming the failed check."""
    if len(data) > MAX_BUNDLE_BYTES:
        return Refused("size", f"bundle of {len(data)} bytes is over the {MAX_BUNDLE_BYTES}-byte limit").outcome
    upload_sha256 = bundle_sha256(data)
    try:
        try:
            opened = open_bundle(_plain(data, unseal, sealed))
        except BundleFormatError as exc:
            raise _format_refusal(exc) from None
        if storage.stored_sha256(opened.manifest.station.public_key, opened.session_id) == opened.sha256:
            stored = storage.get(opened.session_id, opened.manifest.station.public_key)
            assert stored is not None
            return _receipt(stored, "duplicate", upload_sha256)
        return _store(storage, _verified(storage, opened), upload_sha256)
    except Refused as refused:
        return refused.outcome
