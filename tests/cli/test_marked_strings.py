"""Every English text `hiremate` prints comes from the catalogue: an AST walk over kiosk/cli flags a literal with
words in it passed to print(), CliError(), UsageError(), argparse's ArgumentTypeError or an option's help= that is
not wrapped in _s() / ngettext_s() / _r() / N_() (issue 17), so that the coverage cannot rot.

Allowed: texts without words (formats, ids: `f"  {key}: {low}-{high}"`), option names and `commands` in
backticks, and a line that says why with `# i18n-ok: ...` (a key name, SQLite's own answer). The commands not yet
translated are listed in PENDING; the list can only shrink (a listed file that is clean fails the test too).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "kiosk" / "cli"
MARKERS = frozenset({"_s", "_r", "N_", "ngettext_s", "ngettext_r"})
SHOWN = frozenset({"print", "CliError", "UsageError", "ArgumentTypeError"})
WORD = re.compile(r"[A-Za-z]{3,}")
NOT_WORDS = re.compile(r"`[^`]*`|--?[a-z][a-z0-9-]*|\{[^{}]*\}|%\(?\w*\)?[sd]|\bhiremate\b")
ALLOWED = "# i18n-ok"
PENDING = frozenset({
    # `report`: its --language is the report helpers' change at the same time; still English, see docs/I18N.md
    "commands/report.py",
})


@dataclass(frozen=True)
class Literal:
    """A text shown to the proctor, where it is and whether it came through the catalogue."""

    file: str
    line: int
    text: str
    marked: bool


def _text(node: ast.expr) -> str | None:
    """The literal words of a string or f-string (placeholders as {}), None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "a" + f"b"
        parts = [_text(node.left), _text(node.right)]
        return "".join(p for p in parts if p is not None) if any(p is not None for p in parts) else None
    if isinstance(node, ast.IfExp):
        parts = [_text(node.body), _text(node.orelse)]
        return " ".join(p for p in parts if p is not None) if any(p is not None for p in parts) else None
    return None


def has_words(text: str) -> bool:
    """Whether a literal holds words a person reads (not only placeholders, option names or `commands`)."""
    return bool(WORD.search(NOT_WORDS.sub(" ", text)))


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _shown_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of a call that reach the proctor's screen."""
    name = _name(call.func)
    if name in SHOWN:
        return list(call.args[:1])
    return [kw.value for kw in call.keywords if kw.arg == "help"] if name == "add_argument" else []


def literals(path: Path) -> list[Literal]:
    """Every text a file shows, marked (inside a catalogue call) or not."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    marked_nodes = {id(n) for call in ast.walk(tree) if isinstance(call, ast.Call) and _name(call.func) in MARKERS
                    for n in ast.walk(call)}
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        for argument in _shown_arguments(call):
            parts = {id(v) for n in ast.walk(argument) if isinstance(n, ast.JoinedStr) for v in n.values}
            parts |= {id(n.slice) for n in ast.walk(argument) if isinstance(n, ast.Subscript)}  # row["key"]
            parts |= {id(n.args[0]) for n in ast.walk(argument)  # row.get("key")
                      if isinstance(n, ast.Call) and _name(n.func) == "get" and n.args}
            for node in ast.walk(argument):
                text = _text(node) if isinstance(node, ast.Constant | ast.JoinedStr) and id(node) not in parts \
                    else None
                if text is None or not has_words(text):
                    continue
                span = lines[node.lineno - 1:(node.end_lineno or node.lineno)]
                allowed = any(ALLOWED in line for line in span)
                found.append(Literal(path.relative_to(CLI).as_posix() if path.is_relative_to(CLI) else path.name,
                                     node.lineno, text,
                                     id(node) in marked_nodes or allowed))
    return found


def all_literals() -> list[Literal]:
    """The texts of every module of kiosk/cli."""
    return [lit for path in sorted(CLI.rglob("*.py")) for lit in literals(path)]


def test_every_text_the_cli_prints_is_marked_for_the_catalogue() -> None:
    unmarked = [f"{lit.file}:{lit.line}: {lit.text!r}" for lit in all_literals()
                if not lit.marked and lit.file not in PENDING]
    assert unmarked == [], "wrap these in _s(...) (or say why not with # i18n-ok):\n" + "\n".join(unmarked)


def test_the_pending_list_only_names_files_that_still_have_english() -> None:
    pending = {lit.file for lit in all_literals() if not lit.marked}
    assert sorted(PENDING - pending) == [], "translated now: remove them from PENDING"
    assert all((CLI / name).exists() for name in PENDING)


def test_the_walk_catches_an_unmarked_print_an_error_and_a_help(tmp_path: Path) -> None:
    """Control: the walker flags what it should and lets marked texts, formats and allowed lines through."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        'from i18n import _s\n'
        'print(f"wrote {n} files")\n'
        'raise CliError("no such session")\n'
        'parser.add_argument("--x", help="how many codes")\n'
        'print(_s("wrote {n} files").format(n=1))\n'
        'print(f"  {key}: {low}-{high}")\n'
        'print(f"--identity {exc}")\n'
        'print(f"integrity_check: {x}")  # i18n-ok: a pragma\n', encoding="utf-8")
    found = literals(probe)
    assert [(lit.line, lit.marked) for lit in found] == [(2, False), (3, False), (4, False), (5, True), (8, True)]
