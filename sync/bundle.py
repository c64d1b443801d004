"""Building a session's signed bundle (deterministic zip) and reading one back with typed format errors."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from eventlog import ChainBrokenError, EventRecord, SessionRow, Store, StoreError
from eventlog.audit import check_session_checkpoints
from eventlog.verify import verify_session
from sync.errors import BundleFormatError, ExportError, ManifestError
from sync.identity import StationIdentity, recorded_keys
from sync.protocol import (
    EVENTS_MEMBER,
    FORMAT_NAME,
    FORMAT_VERSION,
    HASHED_MEMBERS,
    MANIFEST_MEMBER,
    MAX_BUNDLE_BYTES,
    MEMBER_CAPS,
    RESULTS_MEMBER,
    SIGNATURE_MEMBER,
    Manifest,
)
from sync.results import ScoringError, results_for
from sync.safezip import SafeZip
from sync.strictjson import loads_strict
from sync.strictjson import parse_events as parse_event_lines

__all__ = [
    "Bundle",
    "OpenedBundle",
    "build_bundle",
    "bundle_sha256",
    "manifest_bytes",
    "open_bundle",
    "parse_events",
    "read_bundle",
    "zip_members",
]

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Bundle:
    """A bundle's members, parsed manifest, the hash of its bytes and the bytes."""

    manifest: Manifest
    members: dict[str, bytes]
    sha256: str
    data: bytes = field(default=b"", repr=False)

    @property
    def session_id(self) -> str:
        """The session this bundle carries."""
        return self.manifest.session.id

    @property
    def manifest_bytes(self) -> bytes:
        """The exact signed bytes."""
        return self.members[MANIFEST_MEMBER]

    @property
    def signature(self) -> bytes:
        """The raw Ed25519 signature."""
        return self.members[SIGNATURE_MEMBER]

    @property
    def station_key(self) -> bytes:
        """The raw public key the manifest names."""
        return bytes.fromhex(self.manifest.station.public_key)


def bundle_sha256(data: bytes) -> str:
    """The hash that names a bundle: SHA-256 of its bytes, hex."""
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(manifest: Manifest) -> bytes:
    """The one spelling of a manifest: sorted keys, two-space indent, UTF-8, final newline."""
    text = json.dumps(manifest.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode()


def zip_members(members: dict[str, bytes]) -> bytes:
    """A deterministic stored zip: sorted names, fixed timestamps and modes, no extra fields."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def _digest(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _completed_row(store: Store, session_id: str) -> SessionRow:
    row = store.session(session_id)
    if row is None:
        raise ExportError(f"session {session_id}: no such session in {store.path}")
    if row.status != "completed" or row.chain_head is None or row.event_count is None:
        raise ExportError(f"session {session_id}: not completed (status: {row.status}); only completed sessions "
                          "are exported")
    return row


def _manifest(row: SessionRow, identity: StationIdentity, events: bytes, results: bytes, version: str) -> Manifest:
    assert row.chain_head is not None and row.event_count is not None
    return Manifest.model_validate({
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
        "station": {"id": identity.station_id, "public_key": identity.public_hex},
        "session": {
            "id": row.id, "purpose": row.purpose, "participant": row.participant, "battery": row.battery,
            "status": row.status, "anchor_wall_utc": row.anchor_wall_utc, "time_zone": row.time_zone,
            "platform": row.platform, "closed_utc": row.closed_utc,
        },
        "events": {"count": row.event_count, "chain_head": row.chain_head},
        "versions": {"app": row.app_version, "scoring": version},
        "members": {EVENTS_MEMBER: _digest(events), RESULTS_MEMBER: _digest(results)},
    })


def _check_before_signing(store: Store, row: SessionRow, identity: StationIdentity) -> list[EventRecord]:
    """The session's events, after the checks verify-log makes of one session: typed rows, the chain, the session
    row against its events (the manifest is made from that row), and its signed checkpoints, if it has any."""
    trusted = {identity.public_raw, *(record.public_raw for record in recorded_keys(store.conn))}
    try:
        verify_session(store, row)
        if store.schema_has("checkpoints"):
            check_session_checkpoints(store.conn, row, trusted)
        return store.events(row.id)
    except (ChainBrokenError, StoreError) as exc:
        raise ExportError(f"refusing to sign a broken log: {exc}") from None


def build_bundle(store: Store, session_id: str, identity: StationIdentity) -> bytes:
    """The signed bundle of a completed session; refuses a session whose log does not verify, or whose row (which
    the manifest repeats) contradicts its events."""
    row = _completed_row(store, session_id)
    records = _check_before_signing(store, row, identity)
    events = "".join(rec.to_json() + "\n" for rec in records).encode()
    try:
        version, results = results_for(store, session_id)
    except ScoringError as exc:
        raise ExportError(f"session {session_id}: cannot be scored: {exc}") from None
    manifest = manifest_bytes(_manifest(row, identity, events, results, version))
    return zip_members({
        EVENTS_MEMBER: events, RESULTS_MEMBER: results,
        MANIFEST_MEMBER: manifest, SIGNATURE_MEMBER: identity.sign(manifest),
    })


def _parse_manifest(data: bytes) -> Manifest:
    try:
        value = loads_strict(data, MANIFEST_MEMBER, max_depth=8)
    except BundleFormatError as exc:
        raise ManifestError(exc.where, str(exc).removeprefix(f"{exc.where}: ")) from None
    try:
        return Manifest.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(document)"
        raise ManifestError(MANIFEST_MEMBER, f"field '{where}': {first['msg']}") from None


@dataclass(frozen=True)
class OpenedBundle:
    """A bundle whose container, manifest and signature member are read and well-formed; the events and results
    are not read yet, so a receiver can refuse an unknown station before reading more than the manifest."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    sha256: str
    data: bytes
    archive: SafeZip

    @property
    def session_id(self) -> str:
        """The session this bundle carries."""
        return self.manifest.session.id

    @property
    def station_key(self) -> bytes:
        """The raw public key the manifest names (trusted only once checked against enrolled keys)."""
        return bytes.fromhex(self.manifest.station.public_key)

    def read_members(self) -> Bundle:
        """Read the events and results (each capped) and check the file is the canonical zip of its members."""
        members = {MANIFEST_MEMBER: self.manifest_bytes, SIGNATURE_MEMBER: self.signature}
        for name in HASHED_MEMBERS:
            members[name] = self.archive.read(name)
        if zip_members(members) != self.data:
            raise BundleFormatError("bundle", "not in canonical form: bytes differ from the deterministic zip of its "
                                    "members (trailing data, re-packed, or altered headers)")
        return Bundle(self.manifest, members, self.sha256, self.data)


def open_bundle(data: bytes) -> OpenedBundle:
    """Check the container (size, end record, member names, stored, declared sizes under their caps), then read
    and parse only manifest.json and manifest.sig. Checks nothing cryptographic."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleFormatError("bundle", f"{len(data)} bytes is over the {MAX_BUNDLE_BYTES}-byte limit")
    archive = SafeZip(data, MEMBER_CAPS, MAX_BUNDLE_BYTES)
    manifest_data = archive.read(MANIFEST_MEMBER)
    manifest = _parse_manifest(manifest_data)
    signature = archive.read(SIGNATURE_MEMBER)
    if len(signature) != 64:
        raise ManifestError(SIGNATURE_MEMBER, f"an Ed25519 signature is 64 bytes, got {len(signature)}")
    return OpenedBundle(manifest, manifest_data, signature, bundle_sha256(data), data, archive)


def read_bundle(data: bytes) -> Bundle:
    """Open a bundle's bytes: exact member set, parsed manifest, canonical form. Checks nothing cryptographic."""
    return open_bundle(data).read_members()


def parse_events(data: bytes) -> list[EventRecord]:
    """events.jsonl as typed records; BundleFormatError naming the line and field at fault."""
    return parse_event_lines(data, EVENTS_MEMBER)
