"""Texts the candidate reads, from assets/<kind>/<lang>/: the consent text and each game's instructions, in the
candidate's language with English as the fallback (no Qt)."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import assets
from i18n import LANGUAGES, N_, PSEUDO, translate
from i18n.pseudo import pseudo

__all__ = [
    "ASSETS",
    "UNREGISTERED",
    "Consent",
    "asset_path",
    "consent_text",
    "consent_texts",
    "consent_version",
    "instructions",
    "sha256_text",
]

ASSETS = Path(assets.__file__).resolve().parent
UNREGISTERED = "unregistered"
FALLBACK = "en"
GENERIC = N_("Follow the on-screen hints. Take your time to read them; the game starts when you press Start.")


def asset_path(kind: str, language: str, name: str) -> Path:
    """assets/<kind>/<language>/<name>, or the English one when the language has none (the pseudo-locale reads
    English and transforms it)."""
    path = ASSETS / kind / language / name
    return path if language != PSEUDO and path.exists() else ASSETS / kind / FALLBACK / name


def _read(kind: str, language: str, name: str) -> str:
    text = asset_path(kind, language, name).read_text(encoding="utf-8")
    return pseudo(text) if language == PSEUDO else text


def consent_text(language: str = FALLBACK) -> str:
    """The consent text (markdown) shown before any game, in a language (English when it has none)."""
    path = asset_path("consent", language, "consent.md")
    try:
        return _read("consent", language, "consent.md")
    except OSError as exc:
        raise FileNotFoundError(f"{path}: the consent text is missing ({exc.strerror})") from None


def instructions(game: str, language: str = FALLBACK) -> str:
    """A game's instructions (markdown) from assets/instructions/<language>/<game>.md (English when that language
    has none), or a generic line."""
    name = f"{game}.md"
    if asset_path("instructions", language, name).exists():
        return _read("instructions", language, name)
    return translate(language, GENERIC)


@dataclass(frozen=True)
class Consent:
    """A consent text as shown, with what station.consent records of it."""

    language: str
    text: str
    sha256: str
    version: str


def consent_texts() -> dict[str, Consent]:
    """The consent text of every shipped language, read once (at start, never at the candidate's click)."""
    table = _versions()
    found = {}
    for language in LANGUAGES:
        text = consent_text(language)
        digest = sha256_text(text)
        found[language] = Consent(language, text, digest, table.get(digest, UNREGISTERED))
    return found


def _versions() -> dict[str, str]:
    data = tomllib.loads((ASSETS / "consent" / "versions.toml").read_text(encoding="utf-8"))
    return {str(v.get("sha256")): str(v["version"]) for v in data.get("versions", [])}


def consent_version(text: str) -> str:
    """The version of a consent text, by its SHA-256 in assets/consent/versions.toml ('unregistered' when the text
    was changed without a new version entry; a test keeps the shipped texts registered)."""
    return _versions().get(sha256_text(text), UNREGISTERED)


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text as UTF-8 (recorded with station.consent)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
