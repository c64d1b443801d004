"""What a session was run in, read from its station events: its language and its accommodations (from 1.3.0)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from i18n import N_
from scoring.keywords import KeywordTable, keyword_table, table_language
from scoring.model import ReasoningLanguage
from scoring.stream import Stream, get

__all__ = ["SessionContext", "reasoning_language", "session_context"]


@dataclass(frozen=True)
class SessionContext:
    """The session's language (BCP 47) and who chose it, and the accommodations granted (None: none recorded)."""

    language: str = "en"
    chosen_by: str = N_("not recorded")
    accommodations: dict[str, Any] | None = None


def session_context(stream: Stream) -> SessionContext:
    """The last station.language before the first game event (English without one) and the station.accommodations
    recorded at the session's start (the last one before the first game, as for the language)."""
    first_game = min((records[0].seq for records in stream.games.values() if records), default=None)
    language, chosen_by, granted = "en", N_("not recorded"), None
    for rec in stream.station:
        if first_game is not None and rec.seq > first_game:
            break
        if rec.kind == "station.language":
            language, chosen_by = get(rec, "language", str), get(rec, "source", str)
        elif rec.kind == "station.accommodations":
            granted = dict(rec.payload)
    return SessionContext(language, chosen_by, granted)


def reasoning_language(context: SessionContext, decision: Any) -> tuple[KeywordTable, ReasoningLanguage]:
    """The keyword table the session's reasoning is scored with, and how the profile names it: the table of the
    session's language, or the default language's (English) when there is none, saying so."""
    pinned = decision["keyword_tables"]
    wanted = table_language(context.language)
    used = wanted if wanted in pinned else str(decision["default_language"])
    table = keyword_table(used, str(pinned[used]))
    note = "" if used == wanted else N_("No keyword table for {language}: the {table} table was used, so keyword "
                                        "counts and reasoning depth undercount this session's reasoning.").format(
        language=repr(context.language), table=used)
    return table, ReasoningLanguage(language=context.language, chosen_by=context.chosen_by, keyword_table=used,
                                    keyword_table_version=table.version, keyword_table_made_by=table.made_by,
                                    note=note)
