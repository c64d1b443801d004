"""The translators' bulk tool: `missing` lists what a language lacks as TOML, `fill` writes TOML into the .po files,
marking machine-made translations, and refuses a file that names an unknown message without writing anything."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

import i18n.catalogue as catalogue
from i18n import LOCALE_DIR
from i18n.catalogue import MACHINE, fill, missing_toml, po_path, read_catalogue


@pytest.fixture
def locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the catalogues the tool may change."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    monkeypatch.setattr(catalogue, "LOCALE_DIR", copy)
    return copy


def entry(language: str, english: str) -> tuple[object, list[str]]:
    message = read_catalogue(po_path(language), language).get(english)
    assert message is not None
    return message.string, list(message.user_comments)


def test_fill_writes_each_language_and_marks_machine_translations(locale: Path, tmp_path: Path) -> None:
    source = tmp_path / "new.toml"
    source.write_text('["Start the game"]\nes = "Comenzar"\nde = "Los"\n', encoding="utf-8")
    assert fill(source) == {"es": 1, "de": 1, "ar": 0}
    assert entry("es", "Start the game") == ("Comenzar", [MACHINE])
    assert entry("de", "Start the game")[0] == "Los"
    assert entry("ar", "Start the game")[0] == "ابدأ اللعبة"
    fill(source, reviewed=True)
    assert entry("es", "Start the game") == ("Comenzar", [])


def test_an_unknown_message_is_named_and_nothing_is_written(locale: Path, tmp_path: Path) -> None:
    before = po_path("es").read_bytes()
    source = tmp_path / "bad.toml"
    source.write_text('["Start the game"]\nes = "Comenzar"\n\n["No such message"]\nes = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'No such message' is not in the catalogue"):
        fill(source)
    source.write_text('["Start the game"]\nfr = "Commencer"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="language 'fr' is not one of es, de, ar"):
        fill(source)
    assert po_path("es").read_bytes() == before


def test_missing_lists_untranslated_messages_as_toml_to_fill(locale: Path, tmp_path: Path) -> None:
    assert missing_toml("de") == ""
    catalog = read_catalogue(po_path("de"), "de")
    message = catalog.get("Start the game")
    assert message is not None
    message.string = ""
    po_path("de").write_bytes(catalogue._po_bytes(catalog))
    listed = tomllib.loads(missing_toml("de"))
    assert listed == {"Start the game": {"de": ""}}
