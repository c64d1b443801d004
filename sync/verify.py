"""Checking a bundle: structure, station key, signature, member hashes, event chain and re-scoring."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

from pyrage.x25519 import Identity

from eventlog import ChainBrokenError, EventRecord, verify_chain
from eventlog.core_kinds import CLOSE_STATUS
from eventlog.verify import verify_rows
from sync.bundle import Bundle, read_bundle
from sync.errors import BundleFormatError, CheckFailed, SealError
from sync.identity import fingerprint_of, verify_signature
from sync.protocol import EVENTS_MEMBER, HASHED_MEMBERS, RESULTS_MEMBER, Manifest
from sync.results import ScoringError, UnknownVersion, rescore
from sync.sealing import is_sealed, recipient_of, unseal
from sync.strictjson import loads_strict, parse_event_rows

__all__ = [
    "UNTRUSTED",
    "BundleReport",
    "CheckResult",
    "Signed",
    "bundle_records",
    "bundle_rows",
    "check_chain",
    "check_chain_rows",
    "check_manifest_events",
    "check_members",
    "check_results",
    "check_results_json",
    "check_signature",
    "check_station",
    "verify_bundle",
]


UNTRUSTED = "signature valid, signer not trusted"


class Signed(Protocol):
    """What the station and signature checks need: an opened or a fully read bundle."""

    @property
    def manifest(self) -> Manifest: ...

    @property
    def manifest_bytes(self) -> bytes: ...

    @property
    def signature(self) -> bytes: ...


@dataclass(frozen=True)
class CheckResult:
    """One named check: pass, fail, skipped (an earlier check failed) or untrusted (no trusted key was given to
    check the signer against), with a detail line."""

    name: str
    status: str
    detail: str

    @property
    def ok(self) -> bool:
        """Passed."""
        return self.status == "pass"


@dataclass
class BundleReport:
    """Every check of one bundle."""

    source: str
    sha256: str | None = None
    session_id: str | None = None
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True only when every check passed, the signer's key being one of the trusted keys."""
        return bool(self.checks) and all(check.ok for check in self.checks)

    @property
    def verdict(self) -> str:
        """ok, failed (some check failed) or untrusted (every check passed, but no trusted key vouches for the
        signer: anyone can make a bundle that passes with a key of their own)."""
        if not self.checks or any(check.status == "fail" for check in self.checks):
            return "failed"
        return "ok" if self.ok else "untrusted"

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"bundle": self.source, "sha256": self.sha256, "session_id": self.session_id, "ok": self.ok,
                "verdict": self.verdict,
                "checks": [{"check": c.name, "status": c.status, "detail": c.detail} for c in self.checks]}


def check_station(bundle: Signed, trusted: Collection[bytes]) -> str:
    """The manifest's public key must be one of the trusted (enrolled) keys."""
    key = bytes.fromhex(bundle.manifest.station.public_key)
    if key not in trusted:
        raise CheckFailed("station", f"station {bundle.manifest.station.id} signs with a key that is not trusted "
                          "(not enrolled)")
    return f"station {bundle.manifest.station.id}'s key is trusted"


def check_signature(bundle: Signed) -> str:
    """manifest.sig must be the manifest's key's Ed25519 signature over manifest.json's exact bytes."""
    key = bytes.fromhex(bundle.manifest.station.public_key)
    if not verify_signature(key, bundle.signature, bundle.manifest_bytes):
        raise CheckFailed("signature", "manifest.sig is not a valid signature of manifest.json by the station key")
    return "Ed25519 signature over manifest.json is valid"


def check_members(bundle: Bundle) -> str:
    """Every hashed member must match its SHA-256 and size in the manifest."""
    listed = bundle.manifest.members
    if sorted(listed) != sorted(HASHED_MEMBERS):
        raise CheckFailed("members", f"manifest lists {sorted(listed)}, expected {sorted(HASHED_MEMBERS)}")
    for name in HASHED_MEMBERS:
        data = bundle.members[name]
        if hashlib.sha256(data).hexdigest() != listed[name].sha256 or len(data) != listed[name].size:
            raise CheckFailed("members", f"{name} does not match its SHA-256 in the manifest")
    return f"{len(HASHED_MEMBERS)} member hashes match"


def bundle_rows(bundle: Bundle) -> list[tuple[EventRecord, str]]:
    """The bundle's events, every field typed, each with its payload's canonical JSON; CheckFailed('chain')
    naming the line and field when one is not."""
    try:
        return parse_event_rows(bundle.members[EVENTS_MEMBER], EVENTS_MEMBER)
    except BundleFormatError as exc:
        raise CheckFailed("chain", str(exc)) from None


def bundle_records(bundle: Bundle) -> list[EventRecord]:
    """The bundle's events, every field typed; CheckFailed('chain') naming the line and field when one is not."""
    return [record for record, _ in bundle_rows(bundle)]


def check_results_json(bundle: Bundle) -> Any:
    """results.json must be strict JSON (an object, finite numbers, bounded nesting); CheckFailed('results')."""
    try:
        value = loads_strict(bundle.members[RESULTS_MEMBER], RESULTS_MEMBER)
    except BundleFormatError as exc:
        raise CheckFailed("results", str(exc)) from None
    if not isinstance(value, dict):
        raise CheckFailed("results", f"{RESULTS_MEMBER}: a JSON object is expected, got {type(value).__name__}")
    return value


OPENED_IN_MANIFEST = ("purpose", "participant", "battery", "anchor_wall_utc", "time_zone", "platform")


def check_manifest_events(manifest: Manifest, records: list[EventRecord]) -> None:
    """What the manifest says of the session must be what its own events say: session.opened's purpose,
    participant, battery, anchor, time zone, platform and app version; session.closed's reason as the status.
    CheckFailed('chain') naming the first field that differs."""
    opened, closed = records[0].payload, records[-1].payload
    if records[0].kind != "session.opened" or records[-1].kind != "session.closed":
        raise CheckFailed("chain", "the events do not run from session.opened to session.closed")
    said = manifest.session
    pairs = [(name, getattr(said, name), opened.get(name)) for name in OPENED_IN_MANIFEST]
    pairs.append(("versions.app", manifest.versions.app, opened.get("app_version")))
    pairs.append(("status", said.status, CLOSE_STATUS.get(str(closed.get("reason")))))
    for name, in_manifest, in_events in pairs:
        if in_manifest != in_events:
            raise CheckFailed("chain", f"the manifest says {name} {in_manifest!r} but the events say "
                              f"{in_events!r}")


def check_chain(bundle: Bundle, records: list[EventRecord]) -> str:
    """The events must form the session's gapless chain ending at the manifest's head and count, and say of the
    session what the manifest says."""
    events = bundle.manifest.events
    try:
        count = verify_chain(bundle.session_id, records, events.chain_head, events.count)
    except ChainBrokenError as exc:
        raise CheckFailed("chain", str(exc)) from None
    check_manifest_events(bundle.manifest, records)
    return f"{count} events chain to head {events.chain_head[:12]}…; the manifest agrees with them"


def check_chain_rows(bundle: Bundle, rows: list[tuple[EventRecord, str]]) -> str:
    """check_chain over parsed rows, reusing each payload's canonical JSON instead of serialising it again."""
    events = bundle.manifest.events
    raw = ((r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, payload, r.prev_hash, r.hash) for r, payload in rows)
    try:
        count = verify_rows(bundle.session_id, raw, events.chain_head, events.count)
    except ChainBrokenError as exc:
        raise CheckFailed("chain", str(exc)) from None
    check_manifest_events(bundle.manifest, [record for record, _ in rows])
    return f"{count} events chain to head {events.chain_head[:12]}…; the manifest agrees with them"


def check_results(bundle: Bundle, records: list[EventRecord]) -> str:
    """Re-scoring the events with the recorded scoring version must reproduce results.json byte for byte."""
    version = bundle.manifest.versions.scoring
    check_results_json(bundle)
    try:
        again = rescore(records, version)
    except UnknownVersion:
        raise CheckFailed("results", f"scoring version {version} is unknown to this app; cannot re-score") from None
    except ScoringError as exc:
        raise CheckFailed("results", f"the events cannot be re-scored: {exc}") from None
    if again != bundle.members[RESULTS_MEMBER]:
        raise CheckFailed("results", f"re-scoring with {version} does not reproduce results.json")
    return f"re-scoring with {version} reproduces results.json"


def _run(report: BundleReport, name: str, check: Callable[[], str], requires: str | None = None) -> bool:
    needed = [c for c in report.checks if c.name == requires]
    if needed and not needed[0].ok:
        report.checks.append(CheckResult(name, "skipped", f"needs the {requires} check to pass"))
        return False
    try:
        report.checks.append(CheckResult(name, "pass", check()))
    except CheckFailed as exc:
        report.checks.append(CheckResult(name, "fail", exc.detail))
        return False
    return True


def _station(report: BundleReport, bundle: Bundle, trusted: Collection[bytes] | None) -> None:
    if trusted is not None:
        _run(report, "station", lambda: check_station(bundle, trusted))
        return
    report.checks.append(CheckResult("station", "untrusted", f"no trusted key given (--key or --keys): the signer "
                                     f"is whoever holds key {fingerprint_of(bundle.station_key)}"))


def _decrypted(report: BundleReport, data: bytes, identity: Identity | None) -> bytes | None:
    """An encrypted bundle's plaintext, with a 'decrypt' check in the report; None when it cannot be had."""
    if identity is None:
        report.checks.append(CheckResult("decrypt", "fail", "an age-encrypted bundle: give the receiver's identity "
                                         "with --identity FILE"))
        return None
    try:
        plain = unseal(data, identity)
    except SealError as exc:
        report.checks.append(CheckResult("decrypt", "fail", str(exc)))
        return None
    report.checks.append(CheckResult("decrypt", "pass", f"age-encrypted for {recipient_of(identity)}; decrypted"))
    return plain


def verify_bundle(data: bytes, source: str = "bundle", trusted: Collection[bytes] | None = None,
                  identity: Identity | None = None) -> BundleReport:
    """Run every check on a bundle's bytes (decrypting an encrypted one with the receiver's `identity`). With
    `trusted` keys the station key must be one of them; without, the station check is 'untrusted' and the verdict
    at best "signature valid, signer not trusted"."""
    report = BundleReport(source)
    if is_sealed(data):
        plain = _decrypted(report, data, identity)
        if plain is None:
            return report
        data = plain
    try:
        bundle = read_bundle(data)
    except BundleFormatError as exc:
        report.checks.append(CheckResult("structure", "fail", str(exc)))
        return report
    report.sha256, report.session_id = bundle.sha256, bundle.session_id
    report.checks.append(CheckResult("structure", "pass", "canonical zip of four members, manifest well-formed"))
    _station(report, bundle, trusted)
    _run(report, "signature", lambda: check_signature(bundle))
    _run(report, "members", lambda: check_members(bundle))
    records: list[EventRecord] = []

    def chain() -> str:
        rows = bundle_rows(bundle)
        records.extend(record for record, _ in rows)
        return check_chain_rows(bundle, rows)

    _run(report, "chain", chain)
    _run(report, "results", lambda: check_results(bundle, records), requires="chain")
    return report
