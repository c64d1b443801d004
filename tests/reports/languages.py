"""What a report in another language must not show: the English of this branch's report and recruiter messages.

The catalogue template names where each message is marked (`#: reports/summary.py:40`); a message marked in one of
OWN_FILES is ours to translate. Its literal parts (the text between `{placeholders}`) must not appear in a report
written in a language that translates it. Text that is not ours stays English for now and may share words with ours:
the profile scoring wrote (trait names, evidence sentences), the long texts of reports/texts.py and its siblings, the
battery, role and scenario files. A part of our message that also occurs in that text cannot tell whose it is, so it
is left out of the check (`foreign`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from babel.messages.pofile import read_po

from i18n import LOCALE_DIR, translation

__all__ = ["OWN_FILES", "english_left", "normalise", "own_fragments"]

ROOT = Path(__file__).resolve().parents[2]
OWN_FILES = frozenset({
    *(f"reports/{name}.py" for name in (
        "build", "html", "pdf", "pdf_canvas", "document", "canvas", "style", "fonts", "sections", "summary", "labels",
        "accommodations", "audit", "session_data", "evidence", "memory_sections", "trial_sections", "game_charts",
        "trait_charts", "trial_charts", "memory_charts")),
    *(f"kiosk/ui/recruiter/{name}.py" for name in ("list_page", "pin_page", "window", "launch")),
})
OTHERS = ("reports/texts.py", "reports/trial_texts.py", "reports/trial_labels.py", "reports/memory_data.py")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalise(text: str) -> str:
    """One line: bidirectional marks out (pdftotext adds them), every run of white space one space."""
    return " ".join(BIDI_MARKS.sub("", unicodedata.normalize("NFC", text)).split())


def own_fragments(language: str) -> dict[str, str]:
    """{literal part: its message} of every message marked in OWN_FILES that the language translates."""
    with (LOCALE_DIR / "hiremate.pot").open("rb") as handle:
        template = read_po(handle)
    catalogue = translation(language)
    out: dict[str, str] = {}
    for message in template:
        if not message.id or not any(path in OWN_FILES for path, _ in message.locations):
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if catalogue.gettext(msgid) == msgid:
            continue  # the same in this language (a citation, "PDF"): nothing to find
        for part in PLACEHOLDER.split(msgid):
            part = part.strip(" .,:;()·")
            if len(part) >= 8 and " " in part:  # a single short word could be anybody's
                out[part] = msgid
    return out


def foreign_text(extra: Iterable[str]) -> str:
    """English that is not ours: the other report helper's text files and the given strings (a profile's JSON,
    scenario, battery and role texts)."""
    files = [(ROOT / path).read_text(encoding="utf-8") for path in OTHERS]
    return normalise(" ".join([*files, *extra]))


def english_left(shown: str, language: str, foreign: str) -> list[str]:
    """Our English messages' parts still in a report's text (those also in foreign text left out)."""
    text = normalise(shown)
    return sorted({f"{part!r} (from {msgid!r})" for part, msgid in own_fragments(language).items()
                   if _holds(text, part) and not _holds(foreign, part)})


def _holds(text: str, part: str) -> bool:
    """The part as whole words ("% perfect" is not in "% perfectos")."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None
