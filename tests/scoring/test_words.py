"""The words scoring stores in a profile, shown in the report's language (scoring/words.py): every text of the stored
profiles is a catalogue message or made from one, comes out translated with its numbers kept, and the stored bytes
never change."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from i18n import reporting_in
from i18n.pseudo import is_pseudo
from scoring import SUPPORTED_VERSIONS, rescore_canonical
from scoring.accommodation_tables import APPEARANCE_WHY
from scoring.words import known, localise
from tests.scoring.speed_golden import digest, load_events, load_results

MACHINE_FIELDS = frozenset({"key", "game", "group", "unit", "kind", "sources", "scoring_version", "session_id",
                            "participant", "not_comparable", "language", "keyword_table", "keyword_table_version",
                            "keyword_table_made_by", "value", "details"})
"""Fields a machine reads (ids, keys, codes): never shown translated. Every other string of a profile is a text."""
NUMBER = re.compile(r"\d+(?:\.\d+)?")
IDS = re.compile(r"\b[a-z]+_[a-z_]+\b|'[a-z-]+'|\b(bart|flanker|decision|digits?)\b|\bp\(respond\|signal\)")
"""What may stay in Latin letters inside a translated text: game and series ids, quoted language tags, the
p(respond|signal) notation."""


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in MACHINE_FIELDS:
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str) and value:
        yield value


@cache
def profiles() -> tuple[tuple[str, str, bytes], ...]:
    """(session, version, canonical JSON) of every stored golden session under every scoring version."""
    return tuple((records[0].session_id, version, rescore_canonical(records, version))
                 for records in load_events() for version in SUPPORTED_VERSIONS)


@cache
def texts() -> tuple[str, ...]:
    return tuple(sorted({text for _, _, canonical in profiles() for text in _texts(json.loads(canonical))}))


def test_marking_the_texts_left_every_stored_profile_byte_identical() -> None:
    assert {(s, v): digest(c) for s, v, c in profiles()} == {
        (s, v): d for s, by_version in load_results().items() for v, d in by_version.items()}


def test_every_text_of_the_profiles_is_a_message_or_made_from_one() -> None:
    assert len(texts()) > 300
    assert [text for text in texts() if not known(text)] == []


def test_outside_a_report_and_in_english_every_text_comes_back_byte_for_byte() -> None:
    for text in texts():
        assert localise(text) == text
    with reporting_in("en"):
        assert all(localise(text) == text for text in texts())


@pytest.mark.parametrize("language", ["es", "de", "ar"])
def test_each_text_is_translated_and_keeps_its_numbers(language: str) -> None:
    with reporting_in(language):
        for text in texts():
            shown = localise(text)
            if re.search(r"[A-Za-z]{2,}", IDS.sub("", text)):
                assert shown != text, f"{language}: {text!r} stayed English"
            assert not Counter(NUMBER.findall(text)) - Counter(NUMBER.findall(shown)), (text, shown)


def test_in_the_pseudo_locale_no_english_word_is_left() -> None:
    """A text scoring makes that is not a catalogue template keeps plain English words here, and fails."""
    with reporting_in("en-XA"):
        left = [(text, shown) for text in texts() if not is_pseudo(IDS.sub("", shown := localise(text)))]
    assert left == []


def test_a_value_that_is_itself_a_message_is_translated_in_place() -> None:
    text = "too few unburst balloons to compute it reliably"
    with reporting_in("es"):
        assert localise(text) == "globos sin explotar insuficientes para calcularlo de forma fiable"
    # two reasons joined by "; " where each reason holds a "; " of its own (comparability.py)
    reason = f"larger type: {APPEARANCE_WHY}; high contrast: {APPEARANCE_WHY}."
    with reporting_in("de"):
        shown = localise(reason)
    assert shown.startswith("größere Schrift: die Reize") and "; hoher Kontrast: die Reize" in shown, shown
    with reporting_in("ar"):
        assert "\u061b تباين عالٍ: " in localise(reason)  # Arabic's own semicolon between the two reasons


def test_a_trait_label_written_in_lower_case_is_still_the_label() -> None:
    with reporting_in("de"):
        assert localise("too few usable observations for risk tolerance") == \
            "zu wenige verwertbare Beobachtungen für Risikotoleranz"


def test_a_text_scoring_did_not_make_comes_back_unchanged_never_an_error() -> None:
    with reporting_in("ar"):
        for text in ("", "Something a newer scoring version wrote.", "12 things", "{count} {what}", "}{"):
            assert localise(text) == text
        # a template's shape with words it does not know is not that template
        assert localise("too few gremlins in the machine to compute it reliably") == \
            "too few gremlins in the machine to compute it reliably"
