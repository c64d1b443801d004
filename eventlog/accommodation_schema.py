"""Migration 23: the accommodations the proctor granted on an access code (JSON; NULL: none).

Numbered 23, apart from the station's running sequence and from migration 22 (the codes' language), so that the
branches adding access-code columns do not collide.
"""

from __future__ import annotations

import sqlite3

from eventlog.migrations import migration, run

__all__: list[str] = []


@migration(23, "access codes: the accommodations granted to the candidate (JSON: extended time, type scale, ...)")
def _code_accommodations(conn: sqlite3.Connection) -> None:
    run(conn, "ALTER TABLE access_codes ADD COLUMN accommodations TEXT")
