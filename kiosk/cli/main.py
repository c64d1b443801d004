"""Parser assembly and dispatch for `hiremate`; each subcommand lives in its own module."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from kiosk.cli import commands
from kiosk.cli.common import CliError
from kiosk.services.version import APP_VERSION

__all__ = ["build_parser", "default_data_dir", "main"]


def default_data_dir() -> Path:
    """HIREMATE_DATA_DIR if set, otherwise platformdirs' user data dir for the app."""
    override = os.environ.get("HIREMATE_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("hiremate", "HireMate"))


def command_modules() -> list[str]:
    """Names of the subcommand modules, sorted."""
    return sorted(info.name for info in pkgutil.iter_modules(commands.__path__))


def build_parser() -> argparse.ArgumentParser:
    """The full parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="hiremate",
        description="HireMate Station: offline behavioural assessment with an append-only, hash-chained log.",
    )
    parser.add_argument("--version", action="version", version=f"hiremate {APP_VERSION}")
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help=f"station data directory (default: {default_data_dir()})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        importlib.import_module(f"kiosk.cli.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status. Failures print one line to stderr."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"hiremate {args.command}: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print(f"hiremate {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
