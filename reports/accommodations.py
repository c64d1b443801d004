"""What a report says about the session's accommodations and the language its reasoning was scored in."""

from __future__ import annotations

from scoring.model import Profile, Trait

__all__ = ["accommodation_facts", "accommodation_notice", "comparability_line", "language_fact"]

_LANGUAGES = {"en": "English", "es": "Spanish", "de": "German", "ar": "Arabic"}


def accommodation_facts(profile: Profile | None) -> list[tuple[str, str]]:
    """The summary tiles: the accommodations granted, and the language when the profile names one."""
    out: list[tuple[str, str]] = []
    acc = profile.accommodations if profile is not None else None
    if acc is not None:
        parts = [f"extended time {acc.extended_time:g}x" if acc.extended_time else "",
                 f"larger type {acc.type_scale:.0%}" if acc.type_scale else "",
                 "high contrast" if acc.high_contrast else "", "breaks between games" if acc.breaks else ""]
        out.append(("Accommodations", ", ".join(p for p in parts if p) or "recorded, none changing the games"))
    lang = profile.language if profile is not None else None
    if profile is not None and lang is not None and (lang.language != "en" or lang.keyword_table != "en"):
        out.append(("Language", language_fact(profile)))  # English, as every session before languages: no tile
    return out


def language_fact(profile: Profile) -> str:
    """The session's language and the keyword table its written reasoning was counted with."""
    lang = profile.language
    assert lang is not None
    name = _LANGUAGES.get(lang.language.split("-")[0], lang.language)
    made = " (machine translation, not yet reviewed)" if lang.keyword_table_made_by == "machine translation" else ""
    return f"{name}; reasoning keywords: {lang.keyword_table} table v{lang.keyword_table_version}{made}"


def accommodation_notice(profile: Profile) -> str | None:
    """One sentence for page 1 when the session ran with accommodations: which traits are not comparable."""
    acc = profile.accommodations
    if acc is None:
        return None
    traits = [t.label for t in profile.traits if t.position is not None and comparability_line(t) is not None]
    which = (f" Not comparable with candidates without them: {', '.join(traits)} (marked in the evidence)."
             if traits else "")
    return f"{acc.note}{which}"


def comparability_line(t: Trait) -> str | None:
    """The evidence's line for a trait an accommodation changed."""
    if t.comparability is None or t.comparability.comparable:
        return None
    return f"Not comparable with sessions without accommodations: {t.comparability.reason}"
