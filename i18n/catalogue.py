"""The catalogue tools (build time, Babel): extract the messages, update each language, compile, report coverage.

    python -m i18n.catalogue extract    # sources -> locale/hiremate.pot, merged into every locale/<lang>/.po
    python -m i18n.catalogue compile    # every .po -> its .mo (the station reads .mo with the stdlib's gettext)
    python -m i18n.catalogue coverage   # translated / total per language (and the share machine-made)
    python -m i18n.catalogue missing es # the untranslated messages of a language, as TOML to fill in
    python -m i18n.catalogue fill FILE  # a TOML file's translations into the .po files (machine-made)
    python -m i18n.catalogue fill --reviewed FILE   # the same, checked by a native speaker: no machine comment

A TOML file for `fill` holds one table per message (its English text as the key) and a value per language; a plural
message (ngettext) takes the list of the language's forms (Arabic has six):

    ["Sessions"]
    es = "Sesiones"
    de = "Sitzungen"
    ar = "الجلسات"

The compiled .mo files are committed, so a fresh clone and the packaged app have them without Babel;
tests/i18n/test_catalogue.py fails when the template, a .po or a .mo is behind the sources.
"""

from __future__ import annotations

import io
import json
import sys
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from i18n import DOMAIN, LANGUAGES, LOCALE_DIR

__all__ = ["MACHINE", "Coverage", "compiled", "coverage", "extracted", "fill", "missing_toml", "po_path",
           "read_catalogue", "template"]

ROOT = LOCALE_DIR.parent.parent
SOURCES = ("kiosk", "games", "reports", "datasets", "sync", "i18n", "scoring")
KEYWORDS = {"_": None, "_s": None, "_r": None, "N_": None, "ngettext": (1, 2), "ngettext_s": (1, 2),
            "ngettext_r": (1, 2)}
MACHINE = "machine translation, needs native review"
"""The translator comment on every translation a machine (not a native speaker) made."""
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
FIXED_DATE = datetime(2026, 12, 3, tzinfo=UTC)
"""The template's creation date, fixed: the files change only when the messages do (the tests compare bytes)."""


def po_path(language: str, suffix: str = ".po") -> Path:
    """Where a language's catalogue lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def extracted() -> Catalog:
    """Every message the sources mark (_, _s, N_, ngettext), with the comments written above them."""
    catalog = Catalog(project="HireMate Station", domain=DOMAIN, charset="utf-8", creation_date=FIXED_DATE)
    for source in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / source, keywords=KEYWORDS, comment_tags=("i18n:",), strip_comment_tags=True):
            catalog.add(message, None, [(f"{source}/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def read_catalogue(path: Path, language: str | None = None) -> Catalog:
    """A .po or .pot file."""
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=116, include_lineno=False, sort_output=True, ignore_obsolete=True)
    return out.getvalue()


def template() -> bytes:
    """The template as it should be written now."""
    return _po_bytes(extracted())


def updated(language: str) -> bytes:
    """A language's .po merged with the current messages (its translations and comments kept)."""
    catalog = read_catalogue(po_path(language), language) if po_path(language).exists() else Catalog(
        locale=language, domain=DOMAIN, project="HireMate Station")
    catalog.update(extracted(), no_fuzzy_matching=True, update_creation_date=False)
    return _po_bytes(catalog)


def compiled(language: str) -> bytes:
    """A language's .mo as compiled from its .po now (fuzzy entries are left out, as gettext would)."""
    out = io.BytesIO()
    write_mo(out, read_catalogue(po_path(language), language), use_fuzzy=False)
    return out.getvalue()


@dataclass(frozen=True)
class Coverage:
    """How much of one language's catalogue is translated."""

    language: str
    total: int
    translated: int
    machine: int

    @property
    def share(self) -> float:
        """Translated / total (1.0 for an empty catalogue)."""
        return self.translated / self.total if self.total else 1.0


def coverage(language: str) -> Coverage:
    """Translated / total messages of a language, and how many of the translations are machine-made."""
    messages = [m for m in read_catalogue(po_path(language), language) if m.id]
    done = [m for m in messages if _translated(m)]
    machine = [m for m in done if MACHINE in m.user_comments]
    return Coverage(language, len(messages), len(done), len(machine))


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def missing_toml(language: str) -> str:
    """The untranslated messages of a language's .po, as TOML tables with an empty value to fill in."""
    catalog = read_catalogue(po_path(language), language)
    lines: list[str] = []
    for message in catalog:
        if message.id and not _translated(message):
            forms = ", ".join('""' for _ in range(catalog.num_plurals))
            value = f"[{forms}]" if isinstance(message.id, tuple) else '""'
            lines += [f"[{json.dumps(_key(message), ensure_ascii=False)}]", f"{language} = {value}", ""]
    return "\n".join(lines)


def _string(value: object, message: Message, language: str) -> str | tuple[str, ...]:
    plural = isinstance(message.id, tuple)
    if plural and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if not plural and isinstance(value, str):
        return value
    wanted = "a list of plural forms" if plural else "one string"
    raise ValueError(f"{language}: {_key(message)!r} needs {wanted}, got {value!r}")


def fill(source: Path, *, reviewed: bool = False) -> dict[str, int]:
    """Write a TOML file's translations into the .po files; per language, how many were written. A message the
    template lacks or a language not shipped is an error naming it, and then no file is written."""
    table = tomllib.loads(source.read_text(encoding="utf-8"))
    catalogs = {language: read_catalogue(po_path(language), language) for language in LANGUAGES if language != "en"}
    written = dict.fromkeys(catalogs, 0)
    for english, values in table.items():
        for language, value in values.items():
            if language not in catalogs:
                raise ValueError(f"{english!r}: language {language!r} is not one of {', '.join(catalogs)}")
            message = catalogs[language].get(english)
            if message is None:
                raise ValueError(f"{english!r} is not in the catalogue (run: python -m i18n.catalogue extract)")
            message.string = _string(value, message, language)
            message.flags.discard("fuzzy")
            comments = [c for c in message.user_comments if c != MACHINE]
            message.user_comments = comments if reviewed else [*comments, MACHINE]
            written[language] += 1
    for language, catalog in catalogs.items():
        po_path(language).write_bytes(_po_bytes(catalog))
    return written


def main(argv: list[str]) -> int:
    """The command line (see the module's docstring)."""
    command = argv[0] if argv else "coverage"
    others = [lang for lang in LANGUAGES if lang != "en"]
    if command == "extract":
        TEMPLATE.write_bytes(template())
        for language in others:
            po_path(language).parent.mkdir(parents=True, exist_ok=True)
            po_path(language).write_bytes(updated(language))
    elif command == "compile":
        for language in others:
            po_path(language, ".mo").write_bytes(compiled(language))
    elif command == "coverage":
        for language in others:
            c = coverage(language)
            print(f"{language}: {c.translated}/{c.total} translated ({c.share:.0%}), {c.machine} machine-made")
    elif command == "missing" and len(argv) == 2 and argv[1] in others:
        print(missing_toml(argv[1]))
    elif command == "fill" and len(argv) >= 2:
        try:
            written = fill(Path(argv[-1]), reviewed="--reviewed" in argv[1:-1])
        except (ValueError, OSError, tomllib.TOMLDecodeError) as error:
            print(f"fill: {error}", file=sys.stderr)
            return 2
        print(", ".join(f"{language}: {n} written" for language, n in written.items()))
    else:
        print(f"unknown command {' '.join(argv)!r}: extract, compile, coverage, missing LANG or fill [--reviewed] FILE",
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
