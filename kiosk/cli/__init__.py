"""The `hiremate` command line: one entry point, subcommands discovered from kiosk.cli.commands."""

from kiosk.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
