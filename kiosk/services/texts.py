"""Texts the candidate reads, from assets/: the consent text and each game's instructions (no Qt)."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import assets

__all__ = ["ASSETS", "UNREGISTERED", "consent_text", "consent_version", "instructions", "sha256_text"]

ASSETS = Path(assets.__file__).resolve().parent
UNREGISTERED = "unregistered"
GENERIC = "Follow the on-screen hints. Take your time to read them; the game starts when you press Start."


def consent_text(language: str = "en") -> str:
    """The consent text (markdown) shown before any game."""
    path = ASSETS / "consent" / f"{language}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileNotFoundError(f"{path}: the consent text is missing ({exc.strerror})") from None


def instructions(game: str) -> str:
    """A game's instructions (markdown) from assets/instructions/<game>.md, or a generic line."""
    path = ASSETS / "instructions" / f"{game}.md"
    return path.read_text(encoding="utf-8") if path.exists() else GENERIC


def consent_version(text: str) -> str:
    """The version of a consent text, by its SHA-256 in assets/consent/versions.toml ('unregistered' when the text
    was changed without a new version entry; a test keeps the shipped texts registered)."""
    digest = sha256_text(text)
    data = tomllib.loads((ASSETS / "consent" / "versions.toml").read_text(encoding="utf-8"))
    return next((str(v["version"]) for v in data.get("versions", []) if v.get("sha256") == digest), UNREGISTERED)


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text as UTF-8 (recorded with station.consent)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
