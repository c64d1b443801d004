"""The language of `hiremate`'s own words: `--language TAG` before the command, else HIREMATE_LANGUAGE, else en."""

from __future__ import annotations

from i18n import LANGUAGES, _s, check_language

__all__ = ["OPTION", "LanguageError", "cli_language"]

OPTION = "--language"
ROOT_VALUE_OPTIONS = frozenset({"--data-dir", OPTION})
"""The options before the command that take a value (so that a value is not taken for the command)."""


class LanguageError(Exception):
    """A language that is not shipped: one line naming the shipped ones."""


def _given(argv: list[str]) -> str | None:
    """The value of `--language` among the options before the command (the command's own `--language`, as in
    `codes issue --language ar`, is the candidate's language, not the proctor's)."""
    found = None
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "--":
        word = argv[i]
        if word.startswith(OPTION + "="):
            found = word.partition("=")[2]
        elif word == OPTION:
            found = argv[i + 1] if i + 1 < len(argv) else ""
        i += 2 if word in ROOT_VALUE_OPTIONS else 1
    return found


def cli_language(argv: list[str], environment: str | None) -> str:
    """The language to print in: the global option, else the environment's, else English; LanguageError for one
    that is not shipped (named with the source it came from)."""
    given = _given(argv)
    tag, source = (given, OPTION) if given is not None else (environment or "en", "HIREMATE_LANGUAGE")
    try:
        return check_language(tag)
    except ValueError:
        raise LanguageError(_s("hiremate: {source}: {tag} is not a shipped language; choose one of {shipped}").format(
            source=source, tag=repr(tag), shipped=", ".join(LANGUAGES))) from None
