"""One grammar: the command table matches the modules and the README; shared options go anywhere; stray
arguments, options that do not apply and half commands are refused in one line with exit status 2."""

from __future__ import annotations

import importlib
import inspect
import json
import re
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli.table import COMMANDS, Command, leaves

ROOT = Path(__file__).resolve().parents[2]
LEAVES = list(leaves())


def groups(node: Command = COMMANDS) -> list[Command]:
    """The root and every group under it."""
    return [node] + [g for child in node.children if child.is_group for g in groups(child)]


def readme_commands() -> set[tuple[str, ...]]:
    """The command paths the README's command table documents (the lowercase words after `hiremate`)."""
    text = (ROOT / "README.md").read_text().split("\n## Command line\n")[1].split("\n## ")[0]
    cells = re.findall(r"^\| `hiremate ([^`]*)`", text, flags=re.MULTILINE)
    return {tuple(re.findall(r"^(?:[a-z][a-z-]*(?: |$))*", cell)[0].split()) for cell in cells}


def test_the_table_names_exactly_the_command_modules_present() -> None:
    package = ROOT / "kiosk" / "cli" / "commands"
    present = {".".join(("kiosk", "cli", "commands", *path.relative_to(package).with_suffix("").parts))
               for path in package.rglob("*.py") if not path.name.startswith("_")}
    assert present == {command.module for command in LEAVES}


@pytest.mark.parametrize("command", LEAVES, ids=lambda c: " ".join(c.path))
def test_every_command_module_defines_its_arguments_and_its_run(command: Command) -> None:
    module = importlib.import_module(command.module)
    assert callable(module.add_arguments) and callable(module.run)
    assert module.__doc__ and f"`hiremate {' '.join(command.path)}" in module.__doc__
    source = inspect.getsource(module)
    assert ("args.json" in source) == command.json  # the table's --json is honoured, and only where it says
    if not command.data_dir:
        assert "data_dir" not in source


def test_every_command_is_documented_in_the_readme_and_nothing_else_is() -> None:
    assert readme_commands() == {command.path for command in LEAVES}


@pytest.mark.parametrize("command", LEAVES + groups(), ids=lambda c: " ".join(c.path) or "hiremate")
def test_every_command_and_group_has_help(command: Command, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command.path, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: {command.spelled} ")
    for child in command.children:
        assert child.name in out


@pytest.mark.parametrize("argv", [
    ["--data-dir", "{d}", "--json", "receiver", "token", "list"],
    ["receiver", "--data-dir", "{d}", "token", "--json", "list"],
    ["receiver", "token", "list", "--json", "--data-dir", "{d}"],
    ["--json", "receiver", "token", "--data-dir", "{d}", "list"],
])
def test_shared_options_work_before_or_after_the_command_at_any_depth(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["receiver", "token", "create", "--label", "desk", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main([arg.format(d=tmp_path) for arg in argv]) == 0
    assert [row["label"] for row in json.loads(capsys.readouterr().out)] == ["desk"]


def test_the_innermost_data_dir_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "outer"), "init", "--data-dir", str(tmp_path / "inner")]) == 0
    assert (tmp_path / "inner" / "station.sqlite3").exists() and not (tmp_path / "outer").exists()


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run argv, expect exit status 2 with exactly one line on stderr and nothing on stdout; return the line."""
    assert main(argv) == 2, argv
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured
    return captured.err.strip()


@pytest.mark.parametrize(("argv", "where", "named"), [
    (["receiver", "stations", "bogus"], "receiver stations", "bogus"),
    (["receiver", "serve", "--days", "5", "--label", "x"], "receiver serve", "--days 5 --label x"),
    (["sync", "set-endpoint", "http://a:1", "--status"], "sync set-endpoint", "--status"),
    (["sync", "status", "now"], "sync status", "now"),
    (["sessions", "all"], "sessions", "all"),
    (["verify-log", "--fast"], "verify-log", "--fast"),
    (["codes", "list", "--count", "3"], "codes list", "--count 3"),
    (["receiver", "token", "list", "7"], "receiver token list", "7"),
    (["receiver", "token", "revoke", "7", "8"], "receiver token revoke", "8"),
    (["station", "show", "--name", "x"], "station show", "--name x"),
    (["init", "--data"], "init", "--data"),  # no abbreviations: --data is not --data-dir
])
def test_stray_arguments_are_refused_naming_them(
    argv: list[str], where: str, named: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refused(argv, capsys)
    assert line.startswith(f"hiremate {where}: unrecognized argument") and named in line
    assert not data_dir.exists()  # refused before anything ran


@pytest.mark.parametrize(("argv", "where", "message"), [
    (["--json", "run"], "run", "--json does not apply"),
    (["run", "--json"], "run", "unrecognized argument: --json"),
    (["receiver", "serve", "--json"], "receiver serve", "unrecognized argument: --json"),
    (["--data-dir", "/tmp", "verify", "b.zip"], "verify", "--data-dir does not apply"),
    (["verify", "b.zip", "--data-dir", "/tmp"], "verify", "unrecognized arguments: --data-dir /tmp"),
    (["play", "--list", "--seed", "3"], "play", "--seed does not apply"),
    (["play", "bart", "--speed", "2"], "play", "applies only with --autoplay"),
    (["station", "show", "--pem", "--json"], "station show", "give one"),
])
def test_options_that_do_not_apply_are_refused(
    argv: list[str], where: str, message: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refused(argv, capsys)
    assert line.startswith(f"hiremate {where}: ") and message in line


# `hiremate sync` alone is last release's spelling of `sync run`, and `hiremate station` of `station show`
# (tests/cli/test_deprecated.py), until the next one.
@pytest.mark.parametrize("group", [g for g in groups() if g.path not in (("sync",), ("station",))],
                         ids=lambda c: " ".join(c.path) or "hiremate")
def test_a_group_without_a_subcommand_names_its_commands(
    group: Command, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refused(list(group.path), capsys)
    assert line.startswith(f"{group.spelled}: name a command: ")
    assert all(child.name in line for child in group.children)


@pytest.mark.parametrize(("argv", "where"), [(["bogus"], "hiremate"), (["receiver", "bogus"], "hiremate receiver"),
                                             (["receiver", "token", "delete"], "hiremate receiver token")])
def test_an_unknown_command_is_refused_naming_it(argv: list[str], where: str, capsys) -> None:
    line = refused(argv, capsys)
    assert line.startswith(f"{where}: unknown command {argv[-1]!r}; commands: ")


@pytest.mark.parametrize(("argv", "message"), [
    (["codes", "issue"], "hiremate codes issue: the following arguments are required: --count"),
    (["codes", "issue", "--count", "x"], "hiremate codes issue: argument --count: invalid int value: 'x'"),
    (["receiver", "serve", "--port", "http"], "hiremate receiver serve: argument --port: invalid int value"),
    (["receiver", "token", "revoke", "first"], "hiremate receiver token revoke: argument ID: a token ID is a number"),
    (["score"], "hiremate score: the following arguments are required: SESSION"),
])
def test_malformed_arguments_are_one_line_without_the_usage_block(argv: list[str], message: str, capsys) -> None:
    assert refused(argv, capsys).startswith(message)
