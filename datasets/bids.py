"""A BIDS dataset of behaviour: sub-<label>/ses-<n>/beh/*_task-<game>_{beh,events}.tsv with JSON sidecars.

Labels (BIDS allows letters and digits only): a participant's label is its pseudonym with every other
character removed (`P-1a2b3c4d` -> `P1a2b3c4d`); if that label is empty or already taken in this export
by another pseudonym, `x` and the first 8 hex digits of the pseudonym's SHA-256 are appended. A task's
label is the game name without underscores (`simple_rt` -> `simplert`). Sessions are numbered per
participant in export order, oldest first (`ses-1`, `ses-2`, ...); `sub-<label>_sessions.tsv` maps each to
its HireMate session id and holds the session's summary row. participants.tsv maps labels to pseudonyms.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from datasets.columns import Column, TableSpec, col
from datasets.formats import MISSING, cell, tsv_escape
from datasets.summary import SESSIONS
from datasets.tables import TABLES, SessionRows

__all__ = ["BIDS_VERSION", "BidsSink", "bids_columns", "label", "task_label"]

BIDS_VERSION = "1.9.0"
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
RENAMED = {"session_id": "hiremate_session_id"}
ONSET = col("onset", "number", "When the event began, in seconds from the session's start (BIDS onset).", unit="s")
DURATION = col("duration", "number", "How long it lasted (0 for an instant; a view or idle spell lasts).", unit="s")
README = """HireMate Station behavioural data (BIDS)

Written by `hiremate data export --format bids`. Each participant is a pseudonym; names and e-mails never
leave the station. Each game is a task: `_beh.tsv` holds one row per trial (balloon, reaction-time trial,
decision scenario), `_events.tsv` one row per pump (bart) or scenario interaction (decision). Every column is
described in the JSON sidecar beside it. `sub-<label>_sessions.tsv` maps `ses-<n>` to the HireMate session id
and holds the session's metrics, traits and quality flags. docs/CODEBOOK.md and docs/DATA.md in HireMate
Station describe the same tables as CSV.
"""


def label(pseudonym: str) -> str:
    """The BIDS label of a pseudonym before collision handling: its letters and digits."""
    return _NOT_ALNUM.sub("", pseudonym)


def task_label(game: str) -> str:
    """The BIDS task label of a game name."""
    return _NOT_ALNUM.sub("", game)


def bids_columns(table: TableSpec) -> list[Column]:
    """A table's columns as written in BIDS: onset and duration first in events files, session_id renamed."""
    cols = [Column(**{**c.__dict__, "name": RENAMED.get(c.name, c.name)}) for c in table.columns]
    if table.bids == "events":
        cols = [ONSET, DURATION, *cols]
    if table.bids == "sessions":
        cols = [col("session_id", "string", "The BIDS session label (ses-<n>)."),
                col("acq_time", "datetime", "When the session started (UTC).", source="anchor_wall_utc"), *cols]
    return cols


def _sidecar_entry(c: Column) -> dict[str, Any]:
    entry: dict[str, Any] = {"LongName": c.name, "Description": c.description}
    if c.unit:
        entry["Units"] = c.unit
    if c.enum:
        entry["Levels"] = {v: v for v in c.enum}
    elif c.type == "boolean":
        entry["Levels"] = {"true": "yes", "false": "no"}
    return entry


def sidecar(columns: list[Column], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON sidecar describing every column."""
    return {**(extra or {}), **{c.name: _sidecar_entry(c) for c in columns}}


def _bids_cell(value: Any) -> str:
    text = cell(value)
    return MISSING if text == "" else tsv_escape(text)


def _events_timing(table: TableSpec, row: dict[str, Any]) -> tuple[float, float]:
    t = row["t_ms"] / 1000.0
    if table.name == "decision_interactions":
        for key in ("view_duration_ms", "away_ms"):
            if row.get(key) is not None:
                return t - row[key] / 1000.0, row[key] / 1000.0
        if row.get("idle_duration_ms") is not None:
            return t - row["idle_duration_ms"] / 1000.0, row["idle_duration_ms"] / 1000.0
    return t, 0.0


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class BidsSink:
    """Writes each session's files as it comes; participants.tsv at the end."""

    def __init__(self, directory: Path, app_version: str) -> None:
        self.root = directory
        self.files = 0
        self.labels: dict[str, str] = {}  # pseudonym -> label
        self.sessions: dict[str, int] = {}  # label -> sessions written
        _write_json(directory / "dataset_description.json", {
            "Name": "HireMate Station behavioural data", "BIDSVersion": BIDS_VERSION, "DatasetType": "raw",
            "GeneratedBy": [{"Name": "HireMate Station", "Version": app_version,
                             "Description": "hiremate data export --format bids"}]})
        (directory / "README").write_text(README, encoding="utf-8")
        self.files += 2

    def _label(self, pseudonym: str) -> str:
        if pseudonym in self.labels:
            return self.labels[pseudonym]
        found = label(pseudonym)
        if not found or found in self.labels.values():
            found += "x" + hashlib.sha256(pseudonym.encode("utf-8")).hexdigest()[:8]
        self.labels[pseudonym] = found
        return found

    def _tsv(self, path: Path, table: TableSpec, rows: list[dict[str, Any]], extra: dict[str, Any]) -> None:
        columns = bids_columns(table)
        lines = ["\t".join(c.name for c in columns)]
        for row in rows:
            values = {RENAMED.get(k, k): v for k, v in row.items()}
            if table.bids == "events":
                values["onset"], values["duration"] = _events_timing(table, row)
            lines.append("\t".join(_bids_cell(values.get(c.name)) for c in columns))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _write_json(path.with_suffix(".json"), sidecar(columns, extra))
        self.files += 2

    def _append_session(self, sub: str, ses: str, rows: SessionRows) -> None:
        path = self.root / f"sub-{sub}" / f"sub-{sub}_sessions.tsv"
        path.parent.mkdir(parents=True, exist_ok=True)
        columns = bids_columns(SESSIONS)
        summary = {RENAMED.get(k, k): v for k, v in rows.rows[SESSIONS.name][0].items()}
        summary.update({"session_id": f"ses-{ses}", "acq_time": rows.source.anchor_wall_utc.replace("+00:00", "Z")})
        new = not path.exists()
        with path.open("a", encoding="utf-8") as out:
            if new:
                out.write("\t".join(c.name for c in columns) + "\n")
            out.write("\t".join(_bids_cell(summary.get(c.name)) for c in columns) + "\n")
        if new:
            _write_json(path.with_suffix(".json"), sidecar(columns))
            self.files += 2

    def add(self, rows: SessionRows) -> None:
        """Write one session's task files and its sessions.tsv row."""
        sub = self._label(rows.source.participant)
        n = self.sessions.get(sub, 0) + 1
        self.sessions[sub] = n
        beh = self.root / f"sub-{sub}" / f"ses-{n}" / "beh"
        for table in TABLES:
            if table.bids not in ("beh", "events"):
                continue
            by_game: dict[str, list[dict[str, Any]]] = {}
            for row in rows.rows[table.name]:
                by_game.setdefault(row["game"], []).append(row)
            for game, found in by_game.items():
                stem = f"sub-{sub}_ses-{n}_task-{task_label(game)}_{table.bids}"
                beh.mkdir(parents=True, exist_ok=True)
                extra = {"TaskName": task_label(game), "TaskDescription": table.description} \
                    if table.bids == "beh" else {}
                self._tsv(beh / f"{stem}.tsv", table, found, extra)
        self._append_session(sub, str(n), rows)

    def close(self) -> int:
        """Write participants.tsv and participants.json."""
        lines = ["participant_id\tpseudonym"] + [f"sub-{lab}\t{tsv_escape(p)}" for p, lab in self.labels.items()]
        (self.root / "participants.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        _write_json(self.root / "participants.json", {
            "participant_id": {"Description": "The BIDS subject label: the pseudonym's letters and digits."},
            "pseudonym": {"Description": "The participant's HireMate pseudonym (never a name or e-mail)."}})
        return self.files + 2
