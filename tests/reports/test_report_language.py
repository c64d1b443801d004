"""A report names the language the candidate saw (issue 17); a session recorded before languages existed reads as
English; the session's language and who chose it come from its station.language events."""

from __future__ import annotations

import dataclasses

from eventlog.records import EventRecord
from reports import ReportInput, build_report
from reports.session_data import meta_from_events


def test_the_summary_names_the_language_the_candidate_saw(first: ReportInput) -> None:
    assert build_report(first).subtitle.endswith(" · in English (en)")
    spanish = dataclasses.replace(first, meta=dataclasses.replace(first.meta, language="es",
                                                                  language_source="candidate"))
    assert build_report(spanish).subtitle.endswith(" · in Spanish (es)")


def _event(seq: int, kind: str, payload: dict[str, object]) -> EventRecord:
    return EventRecord("s", seq, seq, kind, None, None, payload, "0" * 64, "0" * 64)


def test_the_session_language_is_the_last_choice_before_the_first_game() -> None:
    events = [_event(0, "session.opened", {"participant": "P-1"}),
              _event(1, "station.language", {"language": "de", "source": "access_code"}),
              _event(2, "station.game_will_start", {"game": "bart", "index": 0}),
              _event(3, "station.language", {"language": "ar", "source": "candidate"})]  # after a game: ignored
    meta = meta_from_events(events)
    assert (meta.language, meta.language_source) == ("de", "access_code")
    assert (meta_from_events(events[:1]).language, meta_from_events(events[:1]).language_source) == ("en", None)
