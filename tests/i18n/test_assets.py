"""Candidate content per language (assets/<kind>/<lang>/): every shipped language has the consent text, every game's
instructions and every scenario; a translated scenario changes only texts; every translated file is declared
machine-made or reviewed in assets/translations.toml (issue 17)."""

from __future__ import annotations

import fnmatch
import tomllib

import pytest

from games.decision.scenarios import load_scenarios, localised
from i18n import LANGUAGES
from kiosk.services.texts import ASSETS, asset_path, instructions

OTHERS = [tag for tag in LANGUAGES if tag != "en"]
ENGLISH_GAMES = sorted(p.stem for p in (ASSETS / "instructions" / "en").glob("*.md"))


@pytest.mark.parametrize("language", OTHERS)
def test_every_game_and_the_consent_have_their_text_in_each_language(language: str) -> None:
    assert (ASSETS / "consent" / language / "consent.md").exists()
    have = sorted(p.stem for p in (ASSETS / "instructions" / language).glob("*.md"))
    assert have == ENGLISH_GAMES
    for game in ENGLISH_GAMES:
        assert instructions(game, language) != instructions(game, "en")


def test_a_language_without_a_file_falls_back_to_english() -> None:
    assert asset_path("instructions", "fr", "bart.md") == ASSETS / "instructions" / "en" / "bart.md"
    assert instructions("bart", "fr") == instructions("bart", "en")


@pytest.mark.parametrize("language", OTHERS)
def test_every_scenario_is_translated_and_keeps_its_ids_risks_and_tags(language: str) -> None:
    for scenario in load_scenarios():
        shown = localised(scenario, language)
        assert shown.title != scenario.title and shown.prompt != scenario.prompt, scenario.id
        for english, translated in zip(scenario.options, shown.options, strict=True):
            assert translated.text != english.text, f"{language} {scenario.id} option {english.id}"
            assert (translated.id, translated.risk_level, translated.tags) == (english.id, english.risk_level,
                                                                               english.tags)
        assert (shown.id, shown.category, shown.min_chars) == (scenario.id, scenario.category, scenario.min_chars)


def test_every_translated_file_says_who_made_it() -> None:
    declared = tomllib.loads((ASSETS / "translations.toml").read_text(encoding="utf-8"))
    patterns = [p for group in ("machine", "reviewed") for lang in declared.get(group, {}).values() for p in lang]
    for kind in ("consent", "instructions", "scenarios"):
        for path in sorted((ASSETS / kind).glob("*/*")):
            relative = path.relative_to(ASSETS).as_posix()
            if path.parent.name != "en":
                assert any(fnmatch.fnmatch(relative, p) for p in patterns), f"{relative} is not in translations.toml"
