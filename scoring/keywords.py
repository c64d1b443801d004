"""Logical-keyword tables per language (assets/keywords/<lang>.toml) and Unicode-aware reasoning word counts."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["KeywordTable", "KeywordTableError", "count_reasoning", "keyword_table", "keywords_dir", "legacy_weights",
           "normalise", "table_language"]

_FOLDS = ("marks", "tatweel")
_TATWEEL = "\u0640"


class KeywordTableError(ValueError):
    """A keyword table file is missing, unreadable or malformed; the message names the file and the field."""


@dataclass(frozen=True)
class KeywordTable:
    """One version of one language's weighted logical keywords, normalised for matching."""

    language: str
    version: str
    source: str
    made_by: str
    folds: tuple[str, ...]
    prefixes: tuple[str, ...]
    phrases: Mapping[tuple[str, ...], float]
    """Each keyword as its normalised words (one or more) -> weight."""

    @property
    def longest(self) -> int:
        """The most words any keyword has."""
        return max((len(p) for p in self.phrases), default=1)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every normalised word that appears in a keyword."""
        return frozenset(word for phrase in self.phrases for word in phrase)


def keywords_dir() -> Path:
    """Where the shipped keyword tables live (assets/keywords)."""
    import assets

    return Path(assets.__file__).resolve().parent / "keywords"


def table_language(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag, lower case ("es-MX" -> "es")."""
    return tag.split("-", 1)[0].lower()


def normalise(token: str, folds: tuple[str, ...] = ()) -> str:
    """A token as matched: NFKC, case-folded, every punctuation and symbol character removed; with the fold
    "marks" combining marks dropped after canonical decomposition, with "tatweel" the Arabic elongation stroke."""
    text = unicodedata.normalize("NFKC", token).casefold()
    if "marks" in folds:
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
        text = unicodedata.normalize("NFC", text)
    if "tatweel" in folds:
        text = text.replace(_TATWEEL, "")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PS")


def _is_word(token: str) -> bool:
    """A whitespace token counts as a word when it holds a letter or a digit (a lone dash or comma does not)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def _match_form(word: str, table: KeywordTable, vocabulary: frozenset[str]) -> str:
    """The word, or the word without one of the table's prefixes when only that form is a keyword word."""
    if word in vocabulary:
        return word
    for prefix in table.prefixes:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) > 1 and rest in vocabulary:
            return rest
    return word


def count_reasoning(text: str, table: KeywordTable) -> tuple[int, int, float]:
    """(words, keyword hits, keyword score): words are whitespace tokens holding a letter or digit; keywords are
    matched on the normalised words, longest phrase first, without overlap, each hit counting once."""
    tokens = text.split()
    words = [normalise(tok, table.folds) for tok in tokens if _is_word(tok)]
    vocabulary = table.vocabulary
    forms = [_match_form(w, table, vocabulary) for w in words if w]
    hits: list[float] = []
    i = 0
    while i < len(forms):
        for size in range(min(table.longest, len(forms) - i), 0, -1):
            weight = table.phrases.get(tuple(forms[i:i + size]))
            if weight is not None:
                hits.append(weight)
                i += size
                break
        else:
            i += 1
    return len(words), len(hits), sum(hits)


def _field(data: Mapping[str, Any], name: str, typ: type, where: str) -> Any:
    value = data.get(name)
    if not isinstance(value, typ) or (isinstance(value, bool) and typ is not bool):
        raise KeywordTableError(f"{where}: field {name!r} must be a {typ.__name__}, got {value!r}")
    return value


def _phrases(raw: Mapping[str, Any], folds: tuple[str, ...], where: str) -> dict[tuple[str, ...], float]:
    out: dict[tuple[str, ...], float] = {}
    for key, weight in raw.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            raise KeywordTableError(f"{where}: keyword {key!r} must have a positive weight, got {weight!r}")
        phrase = tuple(w for w in (normalise(part, folds) for part in key.split()) if w)
        if not phrase or phrase in out:
            raise KeywordTableError(f"{where}: keyword {key!r} is empty or repeats another once normalised")
        out[phrase] = float(weight)
    return out


@cache
def keyword_table(language: str, version: str) -> KeywordTable:
    """One version of a language's table from assets/keywords/<language>.toml (KeywordTableError if absent)."""
    path = keywords_dir() / f"{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KeywordTableError(f"keyword table {path}: cannot be read ({exc})") from None
    if data.get("language") != language:
        raise KeywordTableError(f"keyword table {path}: field 'language' must be {language!r}")
    tables = [t for t in data.get("tables", []) if isinstance(t, dict) and t.get("version") == version]
    if len(tables) != 1:
        raise KeywordTableError(f"keyword table {path}: needs exactly one [[tables]] entry with version {version!r}")
    entry, where = tables[0], f"keyword table {path} version {version}"
    folds = tuple(_field(entry, "folds", list, where))
    if any(f not in _FOLDS for f in folds):
        raise KeywordTableError(f"{where}: field 'folds' may hold only {', '.join(_FOLDS)}, got {folds!r}")
    prefixes = tuple(_field(entry, "prefixes", list, where))
    return KeywordTable(language, version, _field(entry, "source", str, where).strip(),
                        _field(entry, "made_by", str, where), folds, prefixes,
                        _phrases(_field(entry, "keywords", dict, where), folds, where))


def legacy_weights(language: str = "en", version: str = "1") -> dict[str, float]:
    """A single-word table as the word -> weight dict of scoring 1.0.0-1.2.0 (which matched ASCII-stripped tokens)."""
    table = keyword_table(language, version)
    if table.longest != 1 or table.folds or table.prefixes:
        raise KeywordTableError(f"keyword table {language} version {version} is not a single-word table")
    return {phrase[0]: weight for phrase, weight in table.phrases.items()}
