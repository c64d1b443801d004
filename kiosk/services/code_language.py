"""The language the proctor chose per access code (access_codes.language, migration 22) and the session's language
as its events record it (station.language); no Qt."""

from __future__ import annotations

from collections.abc import Iterable

import i18n
from eventlog import EventRecord
from i18n import check_language
from kiosk.services.stationdb import StationDb

__all__ = ["DEFAULT_LANGUAGE", "code_language", "session_language", "set_code_language"]

DEFAULT_LANGUAGE = "en"
"""A session without a station.language event was shown English (every session before languages existed)."""


def set_code_language(db: StationDb, participants: Iterable[str], language: str | None) -> None:
    """Set (None: clear) the language of the codes bound to these pseudonyms; refuses a language not shipped."""
    if language is not None:
        check_language(language)
    with db.atomic():
        for participant in participants:
            db.conn.execute("UPDATE access_codes SET language = ? WHERE participant = ?", (language, participant))


def code_language(db: StationDb, ref: str | None) -> str | None:
    """The language chosen for a code (by its stored hash), or None when the proctor chose none."""
    if ref is None:
        return None
    row = db.conn.execute("SELECT language FROM access_codes WHERE code = ?", (ref,)).fetchone()
    return str(row[0]) if row and row[0] else None


def session_language(events: Iterable[EventRecord]) -> str:
    """The session's language: the last station.language before its first game (English without one)."""
    return i18n.session_language(events)[0]
