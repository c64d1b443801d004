"""A stored profile's English texts in the language of the report being written (`reporting_in`), never changed."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache

from i18n import LOCALE_DIR, _r, report_language, reporting_in

__all__ = ["known", "localise", "messages"]

TEMPLATE = LOCALE_DIR / "hiremate.pot"
"""The catalogue's template (package data, kept in step with the sources by tests/i18n): every message scoring marks,
each with the file that marks it."""
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_TEXT_NAMES = frozenset({"appearance", "cells", "communication", "conditions", "figure", "findings", "game", "games",
                         "high_trials", "language", "limit", "low_trials", "method", "name", "names", "nets", "parts",
                         "problem_list", "reasons", "risk", "said", "scale", "series", "table", "thinking", "trait",
                         "what"})
"""The placeholders that hold words (a message, a list of them, or ids); every other one holds a number."""
_NUMBER = r"[-+]?\d+(?:\.\d+)?(?: ?%|x)?"
_NUMBER_RE = re.compile(_NUMBER)
_DATA = re.compile(r"[^A-Za-z]*|'[^']*'|[a-z][a-z0-9_.]*(, [a-z][a-z0-9_.]*)*")
"""What a captured value that is no message may be: numbers and signs, a quoted value, lower-case ids (a game, a
language tag, "frames.sd_ms", "1.5x") or a list of them. Anything else is words the catalogue does not know."""
_SEPARATORS = ("; ", ", ")
_ARABIC_SEPARATORS = {"; ": "\u061b ", ", ": "\u060c "}
"""Arabic's own semicolon and comma between the items of a list of messages."""


def _unquote(line: str) -> str:
    value = ast.literal_eval(line)
    return value if isinstance(value, str) else ""


def _entries(text: str) -> list[tuple[list[str], str]]:
    """The (references, msgid) of each entry of a .pot, one entry per block between blank lines."""
    out: list[tuple[list[str], str]] = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        refs = [ref for line in lines if line.startswith("#:") for ref in line[2:].split()]
        first = next((i for i, line in enumerate(lines) if line.startswith("msgid ")), None)
        if first is None:
            continue
        parts = [lines[first][6:], *lines[first + 1:first + 1 + _length(lines[first + 1:])]]
        msgid = "".join(_unquote(part) for part in parts)
        if msgid:
            out.append((refs, msgid))
    return out


def _length(lines: list[str]) -> int:
    """How many continuation lines the msgid has (up to its msgstr or msgid_plural)."""
    return next((i for i, line in enumerate(lines) if not line.startswith('"')), len(lines))


Template = tuple[str, re.Pattern[str], tuple[tuple[str, str], ...]]
"""A composed message: its English text, its anchored regex and its pieces (("text", literal), ("word" or "number",
placeholder))."""


@cache
def messages() -> tuple[frozenset[str], tuple[Template, ...]]:
    """Scoring's catalogue messages: (fixed texts, composed templates), the templates with the most fixed text first
    so that the most specific one is tried first."""
    scoring = [msgid for refs, msgid in _entries(TEMPLATE.read_text(encoding="utf-8"))
               if any(ref.startswith("scoring/") for ref in refs)]
    fixed = frozenset(m for m in scoring if not _PLACEHOLDER.search(m))
    templates = sorted((m for m in scoring if _PLACEHOLDER.search(m)),
                       key=lambda m: (-len(_PLACEHOLDER.sub("", m)), m))
    return fixed, tuple((m, _compile(m), _pieces(m)) for m in templates)


@cache
def _lowered() -> dict[str, str]:
    """The fixed messages by their lower-case form."""
    return {message.lower(): message for message in messages()[0]}


def _pieces(template: str) -> tuple[tuple[str, str], ...]:
    parts = _PLACEHOLDER.split(template)
    return tuple(("text", part) if i % 2 == 0 else ("word" if part in _TEXT_NAMES else "number", part)
                 for i, part in enumerate(parts) if part or i % 2)


def _compile(template: str) -> re.Pattern[str]:
    """Fixed text as itself, each placeholder a group: a number, or (a word placeholder) the shortest text; a
    repeated placeholder must repeat its value."""
    pattern, seen = [], set()
    for i, part in enumerate(_PLACEHOLDER.split(template)):
        if i % 2 == 0:
            pattern.append(re.escape(part))
        else:
            group = ".+?" if part in _TEXT_NAMES else _NUMBER
            pattern.append(f"(?P={part})" if part in seen else f"(?P<{part}>{group})")
            seen.add(part)
    return re.compile("".join(pattern), re.DOTALL)


def _parses(text: str, pieces: tuple[tuple[str, str], ...], at: int = 0,
            got: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """Every way the text splits into the template's pieces, shortest values first (the regex finds only one)."""
    got = got if got is not None else {}
    if not pieces:
        if at == len(text):
            yield dict(got)
        return
    kind, piece = pieces[0]
    if kind == "text" or piece in got:
        literal = piece if kind == "text" else got[piece]
        if text.startswith(literal, at):
            yield from _parses(text, pieces[1:], at + len(literal), got)
        return
    for end in range(at + 1, len(text) + 1):
        if kind == "number" and not _NUMBER_RE.fullmatch(text, at, end):
            continue
        got[piece] = text[at:end]
        yield from _parses(text, pieces[1:], end, got)
        del got[piece]


def _render(text: str) -> str | None:
    """The text in the report's language if it is a scoring message or made from one; None if it is not."""
    fixed, templates = messages()
    if text in fixed:
        return _r(text)
    for template, pattern, pieces in templates:
        if pattern.fullmatch(text) is None:
            continue
        for found in _parses(text, pieces):
            values = {name: _value(value) for name, value in found.items()}
            if all(v is not None for v in values.values()):
                return _r(template).format(**values)
    return None


def _value(value: str) -> str | None:
    """A captured value: a message translated, a list of messages translated item by item, data (numbers, ids) as
    it is; None for words that are no message (then the template did not really match)."""
    rendered = _render(value)
    if rendered is not None:
        return rendered
    label = _lowered().get(value)  # a trait's label written in lower case ("too few ... for risk tolerance")
    if label is not None:
        return _r(label)
    for separator in _SEPARATORS:
        items = _split(value, separator)
        if items is not None:
            joint = _ARABIC_SEPARATORS[separator] if report_language().split("-")[0] == "ar" else separator
            return joint.join(_render(item) or item for item in items)
    return value if _DATA.fullmatch(value) else None


def _split(text: str, separator: str) -> list[str] | None:
    """The text as several messages joined by the separator (a message may itself hold it), or None."""
    start = text.find(separator)
    while start != -1:
        head, tail = text[:start], text[start + len(separator):]
        if known(head):
            rest = [tail] if known(tail) else _split(tail, separator)
            if rest is not None:
                return [head, *rest]
        start = text.find(separator, start + 1)
    return None


def known(text: str) -> bool:
    """Whether a text is a scoring message or made from one (so that it can be shown in another language)."""
    with reporting_in("en"):
        return _render(text) is not None


def localise(text: str) -> str:
    """A text of a stored profile in the language of `reporting_in` (English outside it, byte for byte): a fixed
    message through the catalogue; a composed one by its template, translated and filled with the values it was
    made with (a value that is itself a message is translated too). A text scoring did not make comes back as it
    is, never an error."""
    if report_language() == "en" or not text:
        return text
    return _render(text) or text
