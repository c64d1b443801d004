"""Consent texts carry versions: every shipped text, in every language, has an entry in assets/consent/versions.toml,
so a change of a text cannot ship without a new version (issue 20, item 5); each language's text is its own version
(issue 17)."""

from __future__ import annotations

import tomllib

from i18n import LANGUAGES
from kiosk.services.texts import ASSETS, UNREGISTERED, consent_text, consent_texts, consent_version, sha256_text


def test_every_shipped_consent_text_has_a_version() -> None:
    data = tomllib.loads((ASSETS / "consent" / "versions.toml").read_text(encoding="utf-8"))
    versions = [v["version"] for v in data["versions"]]
    assert len(versions) == len(set(versions))  # a version names one text
    shipped = sorted((ASSETS / "consent").glob("*/consent.md"))
    assert {path.parent.name for path in shipped} == set(LANGUAGES)
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        version = consent_version(text)
        assert version != UNREGISTERED, f"{path.parent.name}/consent.md changed: add its new version to versions.toml"
        assert version.startswith(path.parent.name + "-")
    assert consent_version(consent_text()) == "en-1"


def test_each_language_shows_its_own_registered_text() -> None:
    consents = consent_texts()
    assert {tag: c.version for tag, c in consents.items()} == {"en": "en-1", "es": "es-1", "de": "de-1", "ar": "ar-1"}
    assert len({c.sha256 for c in consents.values()}) == len(LANGUAGES)


def test_a_changed_text_is_not_taken_for_a_registered_version() -> None:
    changed = consent_text() + "\nOne more sentence.\n"
    assert sha256_text(changed) != sha256_text(consent_text())
    assert consent_version(changed) == UNREGISTERED


def test_a_language_without_a_text_falls_back_to_english() -> None:
    assert consent_text("fr") == consent_text("en")
