"""The argparse tree built from the command table; a command's module is imported only when it is the one parsed."""

from __future__ import annotations

import argparse
import importlib
import os
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from i18n import LANGUAGES, N_, _s, ngettext_s
from kiosk.cli.argparse_words import translated
from kiosk.cli.table import COMMANDS, Command

__all__ = ["CliParser", "UsageError", "build_parser", "default_data_dir", "parse"]

SHARED_NOTE = N_("--data-dir and --json may be given before or after the command name, at any depth.")


class UsageError(Exception):
    """A command line that cannot be run as given: one line on stderr, exit status 2."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


def default_data_dir() -> Path:
    """HIREMATE_DATA_DIR if set, otherwise platformdirs' user data dir for the app."""
    override = os.environ.get("HIREMATE_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("hiremate", "HireMate"))


class _Version(argparse.Action):
    """--version: reads the installed distribution's metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from kiosk.services.version import APP_VERSION

        print(f"hiremate {APP_VERSION}")
        parser.exit()


def _add_shared(parser: argparse.ArgumentParser, command: Command) -> None:
    """--data-dir and --json where they apply; unset unless given, so a later level never resets an earlier one."""
    if command.is_group or command.data_dir:
        parser.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                            help=_s("station data directory (default: $HIREMATE_DATA_DIR, else the user data dir)"))
    if command.is_group or command.json:
        parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                            help=_s("print machine-readable output (commands that have it)") if command.is_group
                            else _s("print machine-readable output"))


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with its one word of its own, "usage:", in the station's language."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        """The usage line, prefixed in the station's language."""
        super().add_usage(usage, actions, groups, _s("usage: ") if prefix is None else prefix)


class CliParser(argparse.ArgumentParser):
    """A parser for one node of the command table; a leaf adds its module's arguments when it is parsed.

    argparse's own words on a help page ("usage:", "options", "positional arguments", -h's help) are ours too, in
    the catalogue: Python ships no translation of them (argparse asks the process-wide default gettext domain)."""

    def __init__(self, *, command: Command, **kwargs: Any) -> None:
        super().__init__(allow_abbrev=False, description=kwargs.pop("description", _s(command.help)),
                         epilog=_s(SHARED_NOTE) if command.is_group else None, add_help=False,
                         formatter_class=_Formatter, **kwargs)
        self._positionals.title = _s("positional arguments")
        self._optionals.title = _s("options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_s("show this help message and exit"))
        self.command = command
        self._loaded = command.is_group
        self.set_defaults(_command=command)  # the innermost parser that runs sets it last
        if command.is_group:
            _add_shared(self, command)
            sub = self.add_subparsers(title=_s("commands"), metavar="COMMAND", parser_class=CliParser)
            for child in command.children:
                sub.add_parser(child.name, help=_s(child.help), command=child)

    def load(self) -> None:
        """Import a leaf's module and add its arguments (once)."""
        if self._loaded:
            return
        self._loaded = True
        module = importlib.import_module(self.command.module)
        module.add_arguments(self)
        _add_shared(self, self.command)
        self.set_defaults(handler=module.run)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # Any: argparse's overloads
        """argparse hands a subcommand's arguments to its parser through this method: load the leaf first."""
        self.load()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        """The help text, with a leaf's own arguments."""
        self.load()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        """Refuse in one line (argparse would print the usage too)."""
        if message.startswith("argument COMMAND: invalid choice:"):
            word = message.split("'")[1] if "'" in message else message
            message = _s("unknown command {word}; commands: {commands}").format(
                word=repr(word), commands=", ".join(c.name for c in self.command.children))
        else:
            message = translated(message)
        raise UsageError(self.command.spelled, message)


def build_parser() -> CliParser:
    """The whole tree of parsers; no command module is imported until its parser runs."""
    parser = CliParser(command=COMMANDS, prog="hiremate")
    parser.add_argument("--version", action=_Version, help=_s("show the version and exit"))
    parser.add_argument("--language", dest="cli_language", default=argparse.SUPPRESS, metavar="TAG",
                        help=_s("the language hiremate writes in: {languages} (default: $HIREMATE_LANGUAGE, else en); "
                                "--json output stays the same").format(languages=", ".join(LANGUAGES)))
    return parser


def _check(args: argparse.Namespace, extras: list[str]) -> Command:
    """The command to run, refusing stray arguments, a group without a subcommand and options that do not apply."""
    command: Command = args._command
    where = command.spelled
    if extras:
        raise UsageError(where, ngettext_s("unrecognized argument: {words} (see `{command} --help`)",
                                           "unrecognized arguments: {words} (see `{command} --help`)",
                                           len(extras)).format(words=shlex.join(extras), command=where))
    if command.is_group:
        raise UsageError(where, _s("name a command: {commands} (see `{command} --help`)").format(
            commands=", ".join(c.name for c in command.children), command=where))
    if getattr(args, "json", False) and not command.json:
        raise UsageError(where, _s("--json does not apply to this command; it prints no machine-readable output"))
    if hasattr(args, "data_dir") and not command.data_dir:
        raise UsageError(where, _s("--data-dir does not apply to this command; it uses no station data directory"))
    return command


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a command line; raise UsageError (one line) or SystemExit (after --help or --version)."""
    args: argparse.Namespace
    extras: list[str]
    args, extras = build_parser().parse_known_args(list(argv))
    command = _check(args, extras)
    args.json = getattr(args, "json", False)
    if command.data_dir:
        args.data_dir = getattr(args, "data_dir", None) or default_data_dir()
    args.command = " ".join(command.path)
    return args
