"""Researcher data from the station's own log (the panel's "Export data…" and `hiremate data export`)."""

from __future__ import annotations

from pathlib import Path

from datasets import ExportError, ExportSummary, export_sessions, select_sessions, station_sources
from datasets.export import Progress
from eventlog import Store
from i18n import _s
from kiosk.services.version import APP_VERSION

__all__ = ["export_all", "stored_profile"]


def stored_profile(store: Store, session_id: str) -> bytes | None:
    """The stored result of a session in the newest scoring version that has one, or None."""
    from scoring import SUPPORTED_VERSIONS
    from sync.stored_results import first_stored_results

    found = first_stored_results(store, session_id, SUPPORTED_VERSIONS)
    return None if found is None else found[1]


def export_all(store: Store, directory: Path, fmt: str, progress: Progress | None = None,
               actor: str | None = None) -> ExportSummary:
    """Every closed assessment session into a new or empty `directory` in format `fmt`, recorded in the access
    record under `actor` when one is named; ExportError when there is nothing to export or the folder cannot
    take it."""
    rows = select_sessions(store, [], True, None)
    if not rows:
        raise ExportError(_s("there is no closed assessment session to export yet"))
    sources = station_sources(store, rows, lambda sid: stored_profile(store, sid))
    summary = export_sessions(sources, fmt, directory, APP_VERSION, progress=progress)
    if actor is not None:
        from kiosk.services.privacy import record_access

        record_access(store, "data_export", actor, [row.id for row in rows], output=str(directory), format=fmt)
    return summary
