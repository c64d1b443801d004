"""Optional group labels for the adverse-impact audit, kept in their own SQLite file apart from the sessions.

A label is (participant pseudonym, attribute, group) with the date consent was given. Only consented rows
are stored; a row without consent is refused and never written. The file sits beside the receiver's
database (default DATA_DIR/receiver/groups.sqlite3) so that the pseudonymous data and the labels can be
held, backed up and deleted separately; nothing but `hiremate receiver audit` joins them.
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from eventlog import atomic

__all__ = ["GroupLabels", "ImportResult", "LabelError"]

SCHEMA = ("CREATE TABLE IF NOT EXISTS group_labels (participant TEXT NOT NULL, attribute TEXT NOT NULL, "
          "grp TEXT NOT NULL, consent_utc TEXT NOT NULL, imported_utc TEXT NOT NULL, "
          "PRIMARY KEY (participant, attribute))")
COLUMNS = ("participant", "attribute", "group", "consent")
YES = {"yes", "y", "true", "1"}


class LabelError(ValueError):
    """A label file that cannot be imported (names the file, line and field)."""


@dataclass(frozen=True)
class ImportResult:
    """What an import stored and what it refused (line number and why)."""

    stored: int
    refused: list[tuple[int, str]]


class GroupLabels:
    """The group-label database (its own file, its own table)."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None)
        with atomic(self._conn):
            self._conn.execute(SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def import_csv(self, source: Path, now_utc: str) -> ImportResult:
        """Store every consented row of a CSV file (participant,attribute,group,consent[,consent_utc]) in one
        transaction; refuse rows without consent or with an empty field (LabelError for a file we cannot read)."""
        try:
            with source.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
                if missing:
                    raise LabelError(f"{source}: line 1: missing column(s) {', '.join(missing)} (need "
                                     f"{','.join(COLUMNS)})")
                rows = list(enumerate(reader, start=2))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise LabelError(f"{source}: cannot read: {exc}") from None
        keep, refused = [], []
        for line, row in rows:
            values = {c: (row.get(c) or "").strip() for c in COLUMNS}
            empty = [c for c in ("participant", "attribute", "group") if not values[c]]
            if empty:
                refused.append((line, f"empty {', '.join(empty)}"))
            elif values["consent"].lower() not in YES:
                refused.append((line, "no consent: not stored"))
            else:
                when = (row.get("consent_utc") or "").strip() or now_utc
                keep.append((values["participant"], values["attribute"], values["group"], when, now_utc))
        with atomic(self._conn):
            self._conn.executemany("INSERT OR REPLACE INTO group_labels VALUES (?, ?, ?, ?, ?)", keep)
        return ImportResult(len(keep), refused)

    def labels(self, attribute: str) -> dict[str, str]:
        """Participant pseudonym -> group for one attribute."""
        rows = self._conn.execute("SELECT participant, grp FROM group_labels WHERE attribute = ?", (attribute,))
        return dict(rows.fetchall())

    def oldest(self) -> tuple[int, str | None]:
        """How many labels are held, and when the oldest was imported."""
        count, oldest = self._conn.execute("SELECT COUNT(*), MIN(imported_utc) FROM group_labels").fetchone()
        return int(count), oldest

    def purge_before(self, cutoff_utc: str) -> list[tuple[str, str]]:
        """Delete every label imported before the cutoff, in one transaction; (pseudonym, attribute) of each."""
        with atomic(self._conn):
            gone = self._conn.execute("SELECT participant, attribute FROM group_labels WHERE imported_utc < ? "
                                      "ORDER BY participant, attribute", (cutoff_utc,)).fetchall()
            self._conn.execute("DELETE FROM group_labels WHERE imported_utc < ?", (cutoff_utc,))
        return [(str(p), str(a)) for p, a in gone]

    def counts(self) -> list[tuple[str, str, int]]:
        """(attribute, group, labels) for every attribute and group."""
        rows = self._conn.execute("SELECT attribute, grp, COUNT(*) FROM group_labels GROUP BY attribute, grp "
                                  "ORDER BY attribute, grp")
        return [(a, g, int(n)) for a, g, n in rows.fetchall()]
