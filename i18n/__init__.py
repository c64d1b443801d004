"""Translations (stdlib gettext, no Qt): the candidate's and the station's language, and the shipped languages."""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from i18n.pseudo import PSEUDO, PseudoTranslations

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "PSEUDO",
    "_",
    "_r",
    "_s",
    "candidate_language",
    "check_language",
    "describe_language",
    "is_rtl",
    "language_name",
    "ngettext",
    "ngettext_r",
    "ngettext_s",
    "report_language",
    "reporting_in",
    "session_language",
    "set_candidate_language",
    "set_station_language",
    "station_language",
    "translate",
    "translation",
]

DOMAIN = "hiremate"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "de": "Deutsch", "ar": "العربية"}
"""The shipped languages, each by its own name (the name a speaker of it looks for on the welcome screen)."""
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
RLM = "\u200f"
"""RIGHT-TO-LEFT MARK (Unicode bidirectional algorithm, UAX #9): sets a paragraph's direction without showing."""
TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

_current = {"candidate": "en", "station": "en"}
_report: ContextVar[str] = ContextVar("report_language", default="en")
"""The language of the report or page being written now: a context variable, so that the receiver's threads
and tasks each write their own report in their own language."""


def check_language(tag: str) -> str:
    """The tag if it names a shipped language (or the pseudo-locale); a one-line ValueError otherwise."""
    if tag in LANGUAGES or tag == PSEUDO:
        return tag
    shipped = ", ".join(LANGUAGES)
    raise ValueError(f"language {tag!r} is not shipped (choose one of {shipped})")


def is_rtl(tag: str) -> bool:
    """Whether a language is written right to left."""
    return tag.split("-")[0] in RTL_LANGUAGES


def language_name(tag: str) -> str:
    """A language's own name ("Deutsch"), or the tag when it is not shipped."""
    return LANGUAGES.get(tag, tag)


@cache
def translation(tag: str) -> gettext.NullTranslations:
    """The catalogue of a language: English is the source (no catalogue); a missing one falls back to English."""
    if tag == PSEUDO:
        return PseudoTranslations()
    if tag == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [tag], fallback=True)


def translate(tag: str, message: str) -> str:
    """A message in a given language (reports and exports name theirs). In a right-to-left language a line that
    starts with a left-to-right word (a key name: "Tab ...") gets a right-to-left mark first, so that the line
    reads right to left instead of being taken for a left-to-right paragraph."""
    if not message:
        return message
    text = translation(tag).gettext(message)
    if is_rtl(tag) and text != message:
        text = "\n".join(RLM + line if _starts_left_to_right(line) else line for line in text.split("\n"))
    return text


def _starts_left_to_right(line: str) -> bool:
    strong = next((c for c in line if unicodedata.bidirectional(c) in ("L", "R", "AL")), "")
    return unicodedata.bidirectional(strong) == "L" if strong else False


def set_candidate_language(tag: str) -> None:
    """The language of everything the candidate sees from now on."""
    _current["candidate"] = check_language(tag)


def candidate_language() -> str:
    """The language the candidate sees now."""
    return _current["candidate"]


def set_station_language(tag: str) -> None:
    """The language of the station's own screens (proctor panel) and the candidate's default."""
    _current["station"] = check_language(tag)


def station_language() -> str:
    """The language of the station's own screens."""
    return _current["station"]


ENGLISH_NAMES: dict[str, str] = {"en": "English", "es": "Spanish", "de": "German", "ar": "Arabic"}
"""The shipped languages' names in English (reports and exports are written in English)."""
SOURCES = {"access_code": "set on the access code", "candidate": "chosen by the candidate",
           "station_default": "the station's default"}
"""Who chose a session's language (station.language's source), in words."""


def session_language(records: Iterable[Any]) -> tuple[str, str | None]:
    """A session's language and who chose it, from its events: the last station.language before its first game;
    ("en", None) for a session without one (recorded before languages existed)."""
    found: tuple[str, str | None] = ("en", None)
    for record in records:
        if record.kind == "station.game_will_start":
            break
        if record.kind == "station.language":
            found = (str(record.payload["language"]), str(record.payload.get("source")))
    return found


def describe_language(tag: str, source: str | None = None) -> str:
    """A session's language for a report: "Spanish (es), chosen by the candidate"."""
    text = f"{ENGLISH_NAMES.get(tag, tag)} ({tag})"
    return f"{text}, {SOURCES[source]}" if source in SOURCES else text


def _(message: str) -> str:
    """A message the candidate reads, in the candidate's language."""
    return translate(_current["candidate"], message)


def _s(message: str) -> str:
    """A message the proctor reads, in the station's language."""
    return translate(_current["station"], message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """A message with a number, in the candidate's language (the language's plural rule picks the form)."""
    return translation(_current["candidate"]).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is defined; it is translated where it is shown."""
    return message


@contextmanager
def reporting_in(tag: str) -> Iterator[str]:
    """Within the block, `_r()` writes in this language (a report, a PDF, the recruiter's pages)."""
    token = _report.set(check_language(tag))
    try:
        yield tag
    finally:
        _report.reset(token)


def report_language() -> str:
    """The language reports are being written in now (English outside `reporting_in`)."""
    return _report.get()


def _r(message: str) -> str:
    """A message of a report or a recruiter's page, in the report's language (`reporting_in`)."""
    return translate(_report.get(), message)


def ngettext_r(singular: str, plural: str, n: int) -> str:
    """A message with a number, in the report's language."""
    return translation(_report.get()).ngettext(singular, plural, n)


def ngettext_s(singular: str, plural: str, n: int) -> str:
    """A message with a number, in the station's language (the proctor's screens)."""
    return translation(_current["station"]).ngettext(singular, plural, n)
