"""Proctor export: write completed sessions' bundles to a folder (the outbox copy when there is one).

When the station has its receiver's recipient (sync/recipient.py) the files are encrypted for it
(`<session>.hiremate.zip.age`), unless the proctor asks for plain bundles explicitly (`plain=True`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventlog import Store
from sync.bundle import build_bundle
from sync.errors import ExportError
from sync.files import write_atomic
from sync.identity import StationIdentity, load_identity
from sync.outbox import item, read_item_bytes
from sync.protocol import BUNDLE_SUFFIX
from sync.recipient import load_recipient
from sync.sealing import SEALED_SUFFIX, is_sealed, seal

__all__ = ["ExportOutcome", "bundle_for", "check_exportable", "export_each", "export_sessions"]


@dataclass
class ExportOutcome:
    """What export_each did: the files written, and each session that could not be exported with why."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (session id, reason)


def check_exportable(store: Store, session_ids: list[str]) -> None:
    """Refuse, before writing anything, unknown or incomplete sessions (naming each)."""
    problems = []
    for sid in session_ids:
        row = store.session(sid)
        if row is None:
            problems.append(f"{sid}: no such session")
        elif row.status != "completed":
            problems.append(f"{sid}: not completed (status: {row.status})")
    if problems:
        raise ExportError("; ".join(problems))


def bundle_for(store: Store, session_id: str, identity: StationIdentity, recipient: str | None = None) -> bytes:
    """The session's bundle, encrypted for `recipient` if given: the outbox file when it is already in that form
    (the outbox is kept encrypted for the saved recipient), else built (and encrypted) now."""
    queued = item(store, session_id)
    if queued is not None:
        data = read_item_bytes(store, queued)
        if is_sealed(data) == (recipient is not None):
            return data
        if recipient is not None:
            return seal(data, recipient)
    data = build_bundle(store, session_id, identity)
    return seal(data, recipient) if recipient is not None else data


def export_sessions(
    store: Store, session_ids: list[str], out_dir: Path, identity: StationIdentity | None = None, plain: bool = False
) -> list[Path]:
    """Write one bundle file per session into out_dir, encrypted for the saved recipient unless `plain` or none is
    saved; return the paths written."""
    check_exportable(store, session_ids)
    identity = identity or load_identity(store.path.parent)
    recipient = None if plain else load_recipient(store)
    suffix = BUNDLE_SUFFIX + (SEALED_SUFFIX if recipient else "")
    written = []
    for sid in dict.fromkeys(session_ids):
        path = Path(out_dir) / f"{sid}{suffix}"
        write_atomic(path, bundle_for(store, sid, identity, recipient))
        written.append(path)
    return written


def export_each(
    store: Store, session_ids: list[str], out_dir: Path, identity: StationIdentity | None = None, plain: bool = False
) -> ExportOutcome:
    """Like export_sessions, but one session that cannot be exported (unknown, not completed, cannot be scored, a
    broken chain) never stops the others: each is exported on its own, and the failures are returned, named."""
    outcome = ExportOutcome()
    ids = list(dict.fromkeys(session_ids))
    for sid in ids:
        try:
            check_exportable(store, [sid])
        except ExportError as exc:
            outcome.failed.append((sid, str(exc).removeprefix(f"{sid}: ")))
    ready = [sid for sid in ids if sid not in {failed for failed, _ in outcome.failed}]
    if not ready:
        return outcome
    identity = identity or load_identity(store.path.parent)
    recipient = None if plain else load_recipient(store)
    suffix = BUNDLE_SUFFIX + (SEALED_SUFFIX if recipient else "")
    for sid in ready:
        try:
            data = bundle_for(store, sid, identity, recipient)
        except ExportError as exc:
            outcome.failed.append((sid, str(exc).removeprefix(f"session {sid}: ")))
            continue
        path = Path(out_dir) / f"{sid}{suffix}"
        write_atomic(path, data)
        outcome.written.append(path)
    return outcome
