"""The catalogue tools (build time, Babel): extract the messages, update each language, compile, report coverage.

    python -m i18n.catalogue extract    # sources -> locale/hiremate.pot, merged into every locale/<lang>/.po
    python -m i18n.catalogue compile    # every .po -> its .mo (the station reads .mo with the stdlib's gettext)
    python -m i18n.catalogue coverage   # translated / total per language (and the share machine-made)

The compiled .mo files are committed, so a fresh clone and the packaged app have them without Babel;
tests/i18n/test_catalogue.py fails when the template, a .po or a .mo is behind the sources.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from i18n import DOMAIN, LANGUAGES, LOCALE_DIR

__all__ = ["MACHINE", "Coverage", "compiled", "coverage", "extracted", "po_path", "read_catalogue", "template"]

ROOT = LOCALE_DIR.parent.parent
SOURCES = ("kiosk", "games", "reports", "datasets", "i18n")
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
    done = [m for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))]
    machine = [m for m in done if MACHINE in m.user_comments]
    return Coverage(language, len(messages), len(done), len(machine))


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
    else:
        print(f"unknown command {command!r}: extract, compile or coverage", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
