"""Consent texts carry versions: every shipped text has an entry in assets/consent/versions.toml, so a change of the
text cannot ship without a new version (issue 20, item 5)."""

from __future__ import annotations

import tomllib

from kiosk.services.texts import ASSETS, UNREGISTERED, consent_text, consent_version, sha256_text


def test_every_shipped_consent_text_has_a_version() -> None:
    data = tomllib.loads((ASSETS / "consent" / "versions.toml").read_text(encoding="utf-8"))
    versions = [v["version"] for v in data["versions"]]
    assert len(versions) == len(set(versions))  # a version names one text
    for path in sorted((ASSETS / "consent").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        version = consent_version(text)
        assert version != UNREGISTERED, f"{path.name} changed: add its new version to versions.toml"
        assert version.startswith(path.stem + "-")
    assert consent_version(consent_text()) == "en-1"


def test_a_changed_text_is_not_taken_for_a_registered_version() -> None:
    changed = consent_text() + "\nOne more sentence.\n"
    assert sha256_text(changed) != sha256_text(consent_text())
    assert consent_version(changed) == UNREGISTERED
