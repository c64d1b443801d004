"""Proctor export: write completed sessions' signed bundles to a folder (the outbox copy when there is one)."""

from __future__ import annotations

from pathlib import Path

from eventlog import Store
from sync.bundle import build_bundle
from sync.errors import ExportError
from sync.files import write_atomic
from sync.identity import StationIdentity, load_or_create_identity
from sync.outbox import item, read_item_bytes
from sync.protocol import BUNDLE_SUFFIX

__all__ = ["bundle_for", "check_exportable", "export_sessions"]


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


def bundle_for(store: Store, session_id: str, identity: StationIdentity) -> bytes:
    """The bytes already in the outbox for this session, or a freshly built bundle."""
    queued = item(store, session_id)
    if queued is not None:
        return read_item_bytes(store, queued)
    return build_bundle(store, session_id, identity)


def export_sessions(
    store: Store, session_ids: list[str], out_dir: Path, identity: StationIdentity | None = None
) -> list[Path]:
    """Write one bundle file per session into out_dir; return the paths written."""
    check_exportable(store, session_ids)
    identity = identity or load_or_create_identity(store.path.parent)
    written = []
    for sid in dict.fromkeys(session_ids):
        path = Path(out_dir) / f"{sid}{BUNDLE_SUFFIX}"
        write_atomic(path, bundle_for(store, sid, identity))
        written.append(path)
    return written
