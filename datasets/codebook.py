"""The codebook of every export table, as Markdown (docs/CODEBOOK.md) and as a Frictionless Data Package.

Both are rendered from the table specifications (datasets/tables.py), whose columns take their types,
allowed values and bounds from the event payload models and the scoring tables. Regenerate the doc with
`python -m datasets.codebook > docs/CODEBOOK.md`; a test fails when it is out of date.
"""

from __future__ import annotations

import sys
from typing import Any

from datasets.columns import Column, TableSpec
from datasets.context import IGNORED_INPUT_SUFFIX
from datasets.formats import MISSING
from datasets.tables import TABLES
from scoring import SCORING_VERSION

__all__ = ["CONVENTIONS", "allowed_values", "datapackage", "render_markdown", "table_schema"]

CONVENTIONS = f"""\
- Files are UTF-8 without a byte-order mark, one header line, `\\n` line ends. CSV follows RFC 4180 (fields
  with a comma, quote or line break are quoted); TSV has no quoting: a backslash, tab, line feed or carriage
  return inside a value is written `\\\\`, `\\t`, `\\n`, `\\r` (read with `quoting=csv.QUOTE_NONE` in pandas,
  `quote = ""` in readr, then unescape; only free text such as `reasoning_text` can hold them).
- Missing values are `{MISSING}` (as in BIDS). Booleans are `true` / `false`. Decimals use `.`, never an exponent.
- Times called `*_ms` are milliseconds with up to six decimals, exact to the nanosecond the station stamped:
  `t_ms`, `*_onset_*_ms`, `trial_start_ms`, `end_ms`, `completed_ms` count from the session's start (t = 0 is
  `anchor_wall_utc` in the sessions table); the other `*_ms` are durations. docs/TIMING.md says what each
  stamp means. Dates and times of day are ISO 8601 in UTC.
- `trial` is the number the candidate saw: balloon, trial or scenario 1 is the first one. A trial that was
  started again (after a false start, a pause or a crash resume) is one row holding its last attempt, with
  `attempts`, `paused`, `paused_ms`, `repeated_after_resume` and `ignored_inputs` saying what happened;
  ignored inputs are events whose kind ends in `{IGNORED_INPUT_SUFFIX}`.
- `participant` is the pseudonym; names, e-mails and access codes are never exported.
- Metric, trait and quality columns come from the session's stored results (the scoring version that first
  scored it, named in `scoring_version`) and equal `hiremate score SESSION --json`; thresholds quoted below
  are those of scoring {SCORING_VERSION}."""


def allowed_values(c: Column) -> str:
    """The allowed values of a column as text: its enumeration or its bounds."""
    if c.enum:
        return ", ".join(f"`{v}`" for v in c.enum)
    lo = "" if c.minimum is None else f"{c.minimum:g}"
    hi = "" if c.maximum is None else f"{c.maximum:g}"
    if lo and hi:
        return f"{lo} to {hi}"
    return f">= {lo}" if lo else f"<= {hi}" if hi else ""


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown() -> str:
    """docs/CODEBOOK.md: conventions, then every table and every column."""
    lines = ["# Codebook of the researcher exports", "",
             "Generated from the table specifications by `python -m datasets.codebook > docs/CODEBOOK.md`; a test",
             "fails when this file and the code disagree. `hiremate data export` writes these tables (docs/DATA.md);",
             "the same descriptions are in `datapackage.json` (CSV, TSV) and in the BIDS sidecars.", "",
             "## Conventions", "", CONVENTIONS]
    for table in TABLES:
        lines += ["", f"## `{table.name}`: {table.title}", "", f"One row per {table.row}. {table.description}",
                  f"Key: {', '.join(f'`{k}`' for k in table.key)}.", "",
                  "| column | type | unit | allowed values | meaning | from |", "|---|---|---|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.unit} | {_md_cell(allowed_values(c))} | {_md_cell(c.description)} "
                  f"| {_md_cell(c.source)} |" for c in table.columns]
    return "\n".join(lines) + "\n"


def _field(c: Column) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "type": c.type, "description": c.description}
    if c.unit:
        out["unit"] = c.unit
    if c.type == "boolean":
        out["trueValues"], out["falseValues"] = ["true"], ["false"]
    if c.type == "datetime":
        out["format"] = "any"
    constraints = c.constraints()
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(table: TableSpec) -> dict[str, Any]:
    """The Frictionless Table Schema of one table."""
    return {"fields": [_field(c) for c in table.columns], "missingValues": [MISSING],
            "primaryKey": list(table.key)}


def datapackage(kind: str, app_version: str, tables: tuple[TableSpec, ...] = TABLES) -> dict[str, Any]:
    """datapackage.json for a CSV or TSV export: one tabular resource per table file."""
    dialect = {"delimiter": ","} if kind == "csv" else {"delimiter": "\t", "quoteChar": "\u0000",
                                                       "doubleQuote": False}
    return {
        "name": "hiremate-export", "title": "HireMate Station researcher export",
        "profile": "tabular-data-package",
        "description": "Trial tables and session summaries of HireMate Station sessions (pseudonyms only).",
        "version": app_version,
        "resources": [{
            "name": t.name.replace("_", "-"), "title": t.title, "description": f"One row per {t.row}. "
            f"{t.description}", "path": f"{t.name}.{kind}", "profile": "tabular-data-resource",
            "format": kind, "mediatype": "text/csv" if kind == "csv" else "text/tab-separated-values",
            "encoding": "utf-8", "dialect": dialect, "schema": table_schema(t),
        } for t in tables],
    }


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
