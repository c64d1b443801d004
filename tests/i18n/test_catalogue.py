"""The gettext catalogues are in step with the sources: the template lists every marked message, each language's .po
has all of them with the same placeholders, the committed .mo is the .po compiled, and every machine-made
translation says so (issue 17)."""

from __future__ import annotations

import re

import pytest

from i18n import LANGUAGES, RLM, translate
from i18n.catalogue import MACHINE, TEMPLATE, compiled, coverage, po_path, read_catalogue, template, updated

OTHERS = [tag for tag in LANGUAGES if tag != "en"]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_the_template_lists_every_marked_message() -> None:
    assert TEMPLATE.read_bytes() == template(), "run: python -m i18n.catalogue extract"


@pytest.mark.parametrize("language", OTHERS)
def test_each_catalogue_is_merged_and_compiled(language: str) -> None:
    assert po_path(language).read_bytes() == updated(language), "run: python -m i18n.catalogue extract"
    assert po_path(language, ".mo").read_bytes() == compiled(language), "run: python -m i18n.catalogue compile"


@pytest.mark.parametrize("language", OTHERS)
def test_every_translation_keeps_the_placeholders_and_is_marked_when_machine_made(language: str) -> None:
    for message in read_catalogue(po_path(language), language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= wanted, f"{language}: {ids[0]!r} -> {string!r}"
        if language != "ar" or len(strings) == 1:  # Arabic's 'one'/'two' forms spell the number out
            assert all(set(PLACEHOLDER.findall(s)) == wanted for s in strings[:1] + strings[2:] if s), ids[0]
        assert MACHINE in message.user_comments, f"{language}: {ids[0]!r} lacks the machine-translation comment"
        assert not message.fuzzy  # gettext skips fuzzy entries: a review flag must never be 'fuzzy'


@pytest.mark.parametrize("language", OTHERS)
def test_every_message_is_translated_and_the_share_is_reported(language: str) -> None:
    found = coverage(language)
    print(f"{language}: {found.translated}/{found.total} translated, {found.machine} machine-made")
    assert found.translated == found.total


def test_the_station_reads_the_compiled_catalogues() -> None:
    assert translate("de", "Start the game") == "Spiel starten"
    assert translate("ar", "Start the game") == "ابدأ اللعبة"
    assert translate("es", "Start the game") == "Empezar el juego"
    assert translate("en", "Start the game") == "Start the game"
    assert translate("fr", "Start the game") == "Start the game"  # not shipped: English


def test_an_arabic_line_that_starts_with_a_key_name_still_reads_right_to_left() -> None:
    assert translate("ar", "Tab moves to the buttons; Enter or Space chooses.").startswith(RLM + "Tab ")
    assert not translate("ar", "Welcome to HireMate").startswith(RLM)  # starts with an Arabic letter already
    assert not translate("de", "Tab moves to the buttons; Enter or Space chooses.").startswith(RLM)
