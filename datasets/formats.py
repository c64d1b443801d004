"""Cells and delimited files: UTF-8, `.` decimals, `true`/`false`, `n/a` for missing; CSV (RFC 4180) and TSV."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, Literal

__all__ = ["MISSING", "TableWriter", "cell", "tsv_escape", "tsv_unescape"]

MISSING = "n/a"
Delimited = Literal["csv", "tsv"]
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]")


def _number(x: float) -> str:
    text = repr(x)
    if "e" in text or "n" in text:  # an exponent (1e-05), nan or inf
        if math.isnan(x) or math.isinf(x):
            return MISSING
        text = format(x, ".17f").rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def cell(value: Any) -> str:
    """One value as text: n/a for None, true/false, integers as written, floats shortest round-trip, no exponent."""
    kind = type(value)
    if kind is str:
        return str(value)  # the same object (its type is str exactly), typed
    if kind is float:
        return _number(value)
    if kind is int:
        return str(value)
    if value is None:
        return MISSING
    if kind is bool:
        return "true" if value else "false"
    return str(value)


def tsv_escape(text: str) -> str:
    """TSV has no quoting: backslash, tab, newline and carriage return are written as \\\\, \\t, \\n, \\r."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return _NEEDS_ESCAPE.sub(lambda m: _TSV_ESCAPES[m.group()], text)


def tsv_unescape(text: str) -> str:
    """The inverse of tsv_escape."""
    if "\\" not in text:
        return text
    out, i = io.StringIO(), 0
    back = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in back:
            out.write(back[text[i + 1]])
            i += 2
        else:
            out.write(ch)
            i += 1
    return out.getvalue()


class TableWriter:
    """Appends rows of one table to a CSV or TSV file with the columns in order; rows are written as they come."""

    def __init__(self, path: Path, columns: Sequence[str], kind: Delimited) -> None:
        self.path = path
        self.columns = list(columns)
        self._known = set(self.columns)
        self.kind = kind
        self.rows = 0
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._file, lineterminator="\n") if kind == "csv" else None
        self._line(self.columns)

    def _line(self, cells: Sequence[str]) -> None:
        if self._csv is not None:
            self._csv.writerow(cells)
        else:
            self._file.write("\t".join(tsv_escape(c) for c in cells) + "\n")

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Append rows (a column missing from a row is n/a; a key that is not a column is an error)."""
        columns, known = self.columns, self._known
        for row in rows:
            if not row.keys() <= known:
                unknown = sorted(set(row) - known)
                raise KeyError(f"{self.path.name}: values for columns that are not in the table: {unknown}")
            self._line([cell(row.get(name)) for name in columns])
            self.rows += 1

    def close(self) -> None:
        """Flush and close the file."""
        self._file.close()
