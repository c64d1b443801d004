"""Last release's spellings (`serve ...`, `sync --status`, ...) rewritten to today's commands, with a warning line.

They go in the next release. Each rewrite only moves words: today's parser then checks the result as strictly
as a new spelling (a stray argument is refused, not ignored).
"""

from __future__ import annotations

import shlex

__all__ = ["modernise"]

RECEIVER_ACTIONS = ("enroll", "stations", "token", "make-cert")
SYNC_SUBCOMMANDS = ("run", "status", "set-endpoint", "set-ca", "set-recipient")
SYNC_MODES = {"--status": ("status", False), "--set-endpoint": ("set-endpoint", True),
              "--set-ca-file": ("set-ca", True)}

# Options of the old commands that take a value (so the value is not mistaken for a positional word).
TOP_VALUE_OPTIONS = frozenset({"--data-dir"})
SERVE_VALUE_OPTIONS = TOP_VALUE_OPTIONS | {"--label", "--db", "--host", "--port", "--tls-cert", "--tls-key", "-o",
                                           "--out", "--days"}
SYNC_VALUE_OPTIONS = TOP_VALUE_OPTIONS | {"--endpoint", "--ca-file", "--set-endpoint", "--set-ca-file"}


def _positionals(tokens: list[str], value_options: frozenset[str]) -> list[int]:
    """Indexes of the words that are neither options nor option values."""
    found: list[int] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "--":
            return found + list(range(i + 1, len(tokens)))
        if token.startswith("-") and token != "-":
            i += 2 if token in value_options else 1
            continue
        found.append(i)
        i += 1
    return found


def _serve(rest: list[str]) -> tuple[list[str], list[str], str]:
    """`serve [ACTION [ACTION2]] ...` -> `receiver ACTION ...` (`receiver serve ...` without an action)."""
    words = _positionals(rest, SERVE_VALUE_OPTIONS)
    if not words or rest[words[0]] not in RECEIVER_ACTIONS:
        return ["receiver", "serve"], rest, "`hiremate serve`"
    taken = words[:2] if rest[words[0]] == "token" else words[:1]
    moved = [rest[k] for k in taken]
    tail = [token for k, token in enumerate(rest) if k not in taken]
    return ["receiver", *moved], tail, f"`hiremate serve {' '.join(moved)}`"


def _sync_mode(rest: list[str], i: int) -> tuple[list[str], list[str], str] | None:
    """The rewrite when rest[i] is one of the old mode flags (--flag VALUE or --flag=VALUE), else None."""
    flag, equals, inline = rest[i].partition("=")
    if flag not in SYNC_MODES:
        return None
    sub, takes_value = SYNC_MODES[flag]
    if not takes_value:
        return None if equals else (["sync", sub], rest[:i] + rest[i + 1:], f"`hiremate sync {flag}`")
    value, after = ([inline], i + 1) if equals else (rest[i + 1:i + 2], i + 2)
    return ["sync", sub, *value], rest[:i] + rest[after:], f"`hiremate sync {flag}`"


def _sync(rest: list[str]) -> tuple[list[str], list[str], str] | None:
    """`sync --status|--set-endpoint URL|--set-ca-file FILE ...` -> `sync status|set-endpoint URL|set-ca FILE`;
    `sync [--endpoint URL] ...` -> `sync run ...`. None when the line is already today's grammar (or help)."""
    if _positionals(rest, SYNC_VALUE_OPTIONS):
        return None  # a subcommand (or a stray word the parser will refuse)
    i = 0
    while i < len(rest):
        rewritten = _sync_mode(rest, i)
        if rewritten is not None:
            return rewritten
        i += 2 if rest[i] in SYNC_VALUE_OPTIONS else 1
    if any(token in ("-h", "--help") for token in rest):
        return None
    return ["sync", "run"], rest, "`hiremate sync` without a subcommand"


def _station(rest: list[str]) -> tuple[list[str], list[str], str] | None:
    """`station [--pem] ...` (no subcommand) -> `station show ...`."""
    if _positionals(rest, TOP_VALUE_OPTIONS) or any(token in ("-h", "--help") for token in rest):
        return None
    return ["station", "show"], rest, "`hiremate station` without a subcommand"


def _command_index(argv: list[str]) -> int | None:
    """Where the command word is: the first word that is not a top-level option or its value."""
    found = _positionals(argv, TOP_VALUE_OPTIONS)
    return found[0] if found else None


def modernise(argv: list[str]) -> tuple[list[str], str | None]:
    """argv in today's grammar, and a one-line deprecation warning when it was spelled the old way."""
    i = _command_index(argv)
    if i is None or argv[i] not in ("serve", "sync", "station"):
        return argv, None
    rest = argv[i + 1:]
    rewritten = {"serve": _serve, "sync": _sync, "station": _station}[argv[i]](rest)
    if rewritten is None:
        return argv, None
    words, tail, old = rewritten
    new = shlex.join(words)
    warning = f"hiremate: {old} is deprecated and goes in the next release; use `hiremate {new}`"
    return [*argv[:i], *words, *tail], warning
