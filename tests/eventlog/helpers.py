"""Payload kinds and helpers used by the event-log tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pydantic import Field

from eventlog import Payload, register_kind


@register_kind("test.tick")
class Tick(Payload):
    """A small event with a counter and a label."""

    n: int = Field(ge=0)
    label: str = ""


@register_kind("test.values")
class Values(Payload):
    """An event with nested, mixed values (for round-trip tests)."""

    numbers: list[float] = Field(default_factory=list)
    flags: dict[str, bool] = Field(default_factory=dict)
    note: str | None = None


def raw_connection(db_path: Path) -> sqlite3.Connection:
    """A plain connection with the append-only triggers dropped, to tamper with the log by hand."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TRIGGER events_refuse_update")
    conn.execute("DROP TRIGGER events_refuse_delete")
    return conn
