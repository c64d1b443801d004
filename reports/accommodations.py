"""What a report says about the session's accommodations and the language its reasoning was scored in."""

from __future__ import annotations

from i18n import N_, _r
from scoring.model import Profile, Trait
from scoring.words import localise

__all__ = ["accommodation_facts", "accommodation_notice", "comparability_line", "language_fact", "language_name"]

_LANGUAGES = {"en": N_("English"), "es": N_("Spanish"), "de": N_("German"), "ar": N_("Arabic")}


def language_name(tag: str) -> str:
    """A language's name in the report's language ("Spanish" in an English report), or the tag when not shipped."""
    name = _LANGUAGES.get(tag.split("-")[0])
    return _r(name) if name else tag


def accommodation_facts(profile: Profile | None) -> list[tuple[str, str]]:
    """The summary tiles: the accommodations granted, and the language when the profile names one."""
    out: list[tuple[str, str]] = []
    acc = profile.accommodations if profile is not None else None
    if acc is not None:
        parts = [_r("extended time {factor}x").format(factor=f"{acc.extended_time:g}") if acc.extended_time else "",
                 _r("larger type {scale}").format(scale=f"{acc.type_scale:.0%}") if acc.type_scale else "",
                 _r("high contrast") if acc.high_contrast else "", _r("breaks between games") if acc.breaks else ""]
        out.append((_r("Accommodations"), ", ".join(p for p in parts if p) or _r("recorded, none changing the games")))
    lang = profile.language if profile is not None else None
    if profile is not None and lang is not None and (lang.language != "en" or lang.keyword_table != "en"):
        out.append((_r("Language"), language_fact(profile)))  # English, as every session before languages: no tile
    return out


def language_fact(profile: Profile) -> str:
    """The session's language and the keyword table its written reasoning was counted with."""
    lang = profile.language
    assert lang is not None
    made = lang.keyword_table_made_by == "machine translation"
    text = (_r("{language}; reasoning keywords: {table} table v{version} (machine translation, not yet reviewed)")
            if made else _r("{language}; reasoning keywords: {table} table v{version}"))
    return text.format(language=language_name(lang.language), table=lang.keyword_table,
                       version=lang.keyword_table_version)


def accommodation_notice(profile: Profile) -> str | None:
    """One sentence for page 1 when the session ran with accommodations: which traits are not comparable."""
    acc = profile.accommodations
    if acc is None:
        return None
    traits = [localise(t.label) for t in profile.traits if t.position is not None and comparability_line(t) is not None]
    which = (" " + _r("Not comparable with candidates without them: {traits} (marked in the evidence).").format(
        traits=", ".join(traits)) if traits else "")
    return f"{localise(acc.note)}{which}"


def comparability_line(t: Trait) -> str | None:
    """The evidence's line for a trait an accommodation changed."""
    if t.comparability is None or t.comparability.comparable:
        return None
    return _r("Not comparable with sessions without accommodations: {reason}").format(
        reason=localise(t.comparability.reason))
