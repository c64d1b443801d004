"""Exporting sessions to a folder as CSV, TSV, JSON Lines or BIDS, one session at a time (bounded memory)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, Protocol

from datasets.codebook import datapackage, render_markdown
from datasets.context import SessionInput
from datasets.formats import TableWriter
from datasets.tables import TABLES, SessionRows, session_rows

__all__ = ["FORMATS", "ExportError", "ExportSummary", "Format", "export_sessions"]

Format = Literal["csv", "tsv", "bids", "jsonl"]
FORMATS: tuple[str, ...] = ("csv", "tsv", "bids", "jsonl")
Progress = Callable[[int, str], None]


class ExportError(Exception):
    """An export that cannot start or finish; the message is one line naming what is wrong."""


@dataclass
class ExportSummary:
    """What an export wrote."""

    format: str
    directory: Path
    sessions: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    scoring_errors: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary a command prints."""
        trials = sum(n for name, n in self.rows.items() if name != "sessions")
        text = (f"exported {self.sessions} session(s), {trials} trial and event row(s), as {self.format} to "
                f"{self.directory} ({self.files} file(s))")
        if self.scoring_errors:
            text += f"; {len(self.scoring_errors)} session(s) could not be scored (see scoring_error)"
        return text


class Sink(Protocol):
    """Where the rows of each session go."""

    def add(self, rows: SessionRows) -> None:
        """Write one session."""
        ...

    def close(self) -> int:
        """Finish the files; return how many were written."""
        ...


class DelimitedSink:
    """One CSV or TSV file per table, plus datapackage.json and CODEBOOK.md."""

    def __init__(self, directory: Path, kind: Literal["csv", "tsv"], app_version: str) -> None:
        self.directory, self.kind, self.app_version = directory, kind, app_version
        self.writers = {t.name: TableWriter(directory / f"{t.name}.{kind}", t.names, kind) for t in TABLES}

    def add(self, rows: SessionRows) -> None:
        """Append the session's rows to every table."""
        for name, found in rows.rows.items():
            self.writers[name].write(found)

    def close(self) -> int:
        """Close the tables and write the data package descriptor and the codebook."""
        for writer in self.writers.values():
            writer.close()
        package = datapackage(self.kind, self.app_version)
        (self.directory / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")
        (self.directory / "CODEBOOK.md").write_text(render_markdown(), encoding="utf-8")
        return len(self.writers) + 2


class JsonlSink:
    """events.jsonl (every event, canonical lines as in bundles) and sessions.jsonl (one summary object each)."""

    def __init__(self, directory: Path) -> None:
        self.events: IO[str] = (directory / "events.jsonl").open("w", encoding="utf-8", newline="\n")
        self.sessions: IO[str] = (directory / "sessions.jsonl").open("w", encoding="utf-8", newline="\n")

    def add(self, rows: SessionRows) -> None:
        """Append the session's events and its summary row."""
        for rec in rows.records:
            self.events.write(rec.to_json() + "\n")
        for row in rows.rows["sessions"]:
            self.sessions.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")

    def close(self) -> int:
        """Close both files."""
        self.events.close()
        self.sessions.close()
        return 2


def _prepare(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{directory} is a file; name a new or empty folder")
    if directory.is_dir() and any(directory.iterdir()):
        raise ExportError(f"{directory} is not empty; name a new or empty folder (nothing was written)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create {directory}: {exc.strerror or exc}") from None


def _sink(fmt: str, directory: Path, app_version: str) -> Sink:
    if fmt == "csv":
        return DelimitedSink(directory, "csv", app_version)
    if fmt == "tsv":
        return DelimitedSink(directory, "tsv", app_version)
    if fmt == "jsonl":
        return JsonlSink(directory)
    from datasets.bids import BidsSink

    return BidsSink(directory, app_version)


def export_sessions(sources: Iterable[SessionInput], fmt: str, directory: Path, app_version: str = "unversioned",
                    progress: Progress | None = None) -> ExportSummary:
    """Write every session of `sources` (read one at a time) to `directory` in format `fmt`."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    _prepare(directory)
    summary = ExportSummary(fmt, directory, rows={t.name: 0 for t in TABLES})
    try:
        sink = _sink(fmt, directory, app_version)
        for source in sources:
            rows = session_rows(source)
            sink.add(rows)
            summary.sessions += 1
            for name, found in rows.rows.items():
                summary.rows[name] += len(found)
            if rows.scoring_error:
                summary.scoring_errors.append((source.session_id, rows.scoring_error))
            if progress is not None:
                progress(summary.sessions, source.session_id)
        summary.files = sink.close()
    except OSError as exc:
        raise ExportError(f"cannot write to {directory}: {exc.strerror or exc}") from None
    return summary

