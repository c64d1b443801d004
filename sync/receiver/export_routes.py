"""Researcher data from everything the receiver holds, merged across stations: a function and a streamed route.

`export_receiver(storage, format, directory)` writes the same tables as `hiremate data export` on a station
(docs/DATA.md), one session at a time; `GET /api/v1/export?format=csv|tsv|bids|jsonl` (read token) streams
them as a zip built in a temporary folder, so memory stays bounded however many sessions there are. The export
reads session by session, not in one transaction: its access row, naming every session it will read, is written
first, and the export then reads exactly those sessions (nothing is read if the row cannot be written).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from datasets import FORMATS, ExportSummary, SessionInput, export_sessions
from sync.protocol import ErrorBody
from sync.receiver.access_log import Accessor
from sync.receiver.auth import read_auth
from sync.receiver.storage import BundleStorage

__all__ = ["EXPORT_PATH", "export_receiver", "export_router", "logged_keys", "receiver_sources"]

EXPORT_PATH = "/api/v1/export"
CHUNK = 256 * 1024


def _source(storage: BundleStorage, station_key: str, session_id: str) -> SessionInput | None:
    item = storage.get(session_id, station_key)
    if item is None:
        return None
    manifest: dict[str, Any] = json.loads(item.manifest)
    s = manifest["session"]
    return SessionInput(
        session_id=item.session_id, participant=s["participant"], station_id=item.station_id,
        battery=s.get("battery"), purpose=s["purpose"], status=s["status"], anchor_wall_utc=s["anchor_wall_utc"],
        closed_utc=s.get("closed_utc"), time_zone=s["time_zone"], app_version=manifest["versions"]["app"],
        events=lambda: iter(storage.events(session_id, station_key)), results=lambda: item.results,
    )


def receiver_sources(storage: BundleStorage, keys: Sequence[tuple[str, str]] | None = None) -> Iterator[SessionInput]:
    """Every stored session (or those of `keys`, (station key, session id) pairs), in order of receipt, read from
    storage one at a time."""
    for station_key, session_id in storage.bundle_keys() if keys is None else keys:  # ids may repeat across stations
        found = _source(storage, station_key, session_id)
        if found is not None:
            yield found


def export_receiver(storage: BundleStorage, fmt: str, directory: Path, app_version: str = "unversioned",
                    progress: Callable[[int, str], None] | None = None,
                    keys: Sequence[tuple[str, str]] | None = None) -> ExportSummary:
    """Export everything the receiver holds (every station; only `keys` if given) to a new or empty folder;
    ExportError otherwise."""
    return export_sessions(receiver_sources(storage, keys), fmt, directory, app_version, progress)


def _zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())


def _build(storage: BundleStorage, fmt: str, app_version: str, keys: list[tuple[str, str]]) -> tuple[Path, Path]:
    work = Path(tempfile.mkdtemp(prefix="hiremate-export-"))
    try:
        export_receiver(storage, fmt, work / "export", app_version, keys=keys)
        _zip_folder(work / "export", work / "export.zip")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work, work / "export.zip"


def _stream(work: Path, archive: Path) -> Iterator[bytes]:
    try:
        with archive.open("rb") as data:
            while chunk := data.read(CHUNK):
                yield chunk
    finally:
        shutil.rmtree(work, ignore_errors=True)


def logged_keys(storage: BundleStorage, who: Accessor, fmt: str) -> list[tuple[str, str]]:
    """The sessions an export will read, after recording that read (AccessNotRecorded refuses it)."""
    keys = storage.bundle_keys()
    storage.log_access(who, "export", [sid for _, sid in keys], {"format": fmt, "sessions": len(keys)})
    return keys


def export_router(storage: BundleStorage, app_version: str = "unversioned") -> APIRouter:
    """The export route, behind the read token."""
    router = APIRouter()
    reader = Depends(read_auth(storage))

    @router.get(EXPORT_PATH, response_class=StreamingResponse,
                responses={200: {"content": {"application/zip": {}}, "description": "a zip of the export folder"},
                           400: {"model": ErrorBody}, 401: {"model": ErrorBody},
                           503: {"model": ErrorBody, "description": "access_log: the read could not be recorded"}})
    async def export_data(who: Accessor = reader,
                          format: str = Query("csv", description=f"one of {', '.join(FORMATS)}")) -> Any:
        """Trial tables, session summaries and codebook of every stored session (all stations), as a zip."""
        if format not in FORMATS:
            body = ErrorBody(check="format", detail=f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
            return JSONResponse(body.model_dump(), status_code=400)
        keys = await run_in_threadpool(logged_keys, storage, who, format)
        work, archive = await run_in_threadpool(_build, storage, format, app_version, keys)
        return StreamingResponse(_stream(work, archive), media_type="application/zip", headers={
            "Content-Disposition": f'attachment; filename="hiremate-export-{format}.zip"'})

    return router
