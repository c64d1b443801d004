"""Migration 22: the language the proctor chose for an access code (NULL: the station's default language).

Numbered 22, apart from the station's running sequence, so that other branches adding access-code columns (23) do
not collide with it.
"""

from __future__ import annotations

import sqlite3

from eventlog.migrations import migration, run

__all__: list[str] = []


@migration(22, "access codes: the language the proctor chose for the candidate (NULL: the station's default)")
def _code_language(conn: sqlite3.Connection) -> None:
    run(conn, "ALTER TABLE access_codes ADD COLUMN language TEXT")
