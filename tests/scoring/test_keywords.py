"""The keyword tables per language (assets/keywords) and the Unicode-aware word and keyword counts of scoring 1.3.0."""

from __future__ import annotations

import hashlib
import json

import pytest

from scoring.keywords import (
    KeywordTableError,
    count_reasoning,
    keyword_table,
    keywords_dir,
    legacy_weights,
    normalise,
)
from scoring.tables import TABLES

SEED_004 = {"because": 1.0, "therefore": 1.5, "however": 1.2, "although": 1.2, "since": 1.0, "consequently": 1.5,
            "thus": 1.5, "hence": 1.5, "whereas": 1.2, "firstly": 1.0, "secondly": 1.0, "finally": 1.0, "if": 0.8,
            "then": 0.8, "assuming": 1.3, "considering": 1.2, "given": 1.0, "implies": 1.5}

SHIPPED = {  # sha256 of each shipped table's keywords as canonical JSON: a change of a shipped table is a new version
    ("en", "1"): "7e2e44faeaac538b147d514bf3af183a9f65ad0ea22f995781d21e42aa947c2e",
    ("es", "1"): "8cc0ad0649dab341c509aeb71d12b515d5d27489f09655d1243ab0d60b6807c2",
    ("de", "1"): "17254d5e65a83b6aae7c2d46fa77999bf78f96a0ad4a10400615f8fec09d8b29",
    ("ar", "1"): "3346f180a08ba2fe6eec5a38734e64ac9ed4683b034751d51985b2072ce6fb39",
}


def _digest(language: str, version: str) -> str:
    table = keyword_table(language, version)
    data = {" ".join(k): w for k, w in sorted(table.phrases.items())}
    return hashlib.sha256(json.dumps([table.folds, table.prefixes, data], ensure_ascii=False,
                                     sort_keys=True).encode()).hexdigest()


def test_the_english_table_is_seed_004s_list_and_every_old_version_uses_it() -> None:
    assert legacy_weights("en", "1") == SEED_004
    for version in ("1.0.0", "1.1.0", "1.2.0"):
        assert dict(TABLES[version]["decision"]["keywords"]) == SEED_004
    assert "seed 004" in keyword_table("en", "1").source.lower()


@pytest.mark.parametrize(("language", "version"), sorted(SHIPPED))
def test_shipped_tables_are_pinned_cite_their_source_and_say_who_made_them(language: str, version: str) -> None:
    table = keyword_table(language, version)
    assert _digest(language, version) == SHIPPED[(language, version)]
    assert "seed 004" in table.source.lower()
    if language != "en":
        assert table.made_by == "machine translation"
        assert "not reviewed by a native speaker" in table.source


def test_1_3_0_pins_a_table_for_every_station_language() -> None:
    assert dict(TABLES["1.3.0"]["decision"]["keyword_tables"]) == {"en": "1", "es": "1", "de": "1", "ar": "1"}
    assert {p.stem for p in keywords_dir().glob("*.toml")} == {"en", "es", "de", "ar"}


def test_a_missing_version_is_refused_naming_the_file() -> None:
    with pytest.raises(KeywordTableError, match=r"es\.toml.*version '9'"):
        keyword_table("es", "9")


def test_normalising_removes_punctuation_of_every_script_and_folds_case() -> None:
    assert normalise("¿Porque,") == "porque"
    assert normalise("«Schließlich»") == "schliesslich"
    assert normalise("لِأَنَّ،", ("marks", "tatweel")) == "لان"
    assert normalise("إذاً؟", ("marks",)) == "اذا"
    assert normalise("بـالتـالي", ("tatweel",)) == "بالتالي"


def test_words_are_tokens_with_a_letter_or_digit() -> None:
    en = keyword_table("en", "1")
    assert count_reasoning("Because — it is 2 times cheaper ...", en)[0] == 6
    ar = keyword_table("ar", "1")
    assert count_reasoning("اخترت هذا ، لأن السعر أقل .", ar)[0] == 5


def test_phrases_are_matched_longest_first_and_count_once() -> None:
    es = keyword_table("es", "1")
    words, hits, score = count_reasoning("Por lo tanto, sin embargo: por tanto.", es)
    assert (words, hits, score) == (7, 3, pytest.approx(1.5 + 1.2 + 1.5))


def test_arabic_reads_a_keyword_behind_and_or_so() -> None:
    ar = keyword_table("ar", "1")
    # وبالتالي = "and consequently" (1.5); فلذلك = "so therefore" (1.5); ولو = "and if" (0.8); وقت (time) is no
    # keyword even though it starts with و.
    assert count_reasoning("وبالتالي فلذلك ولو وقت", ar) == (4, 3, pytest.approx(3.8))
