"""`hiremate`'s entry point: parse (old spellings rewritten, with a warning), run, report failure in one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from i18n import _s, set_station_language, station_language
from kiosk.cli.common import CliError
from kiosk.cli.deprecated import modernise
from kiosk.cli.language import LanguageError, cli_language
from kiosk.cli.parser import UsageError, build_parser, default_data_dir, parse

__all__ = ["build_parser", "default_data_dir", "main"]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status. Failures print one line to stderr, never a traceback.

    Every file the command creates is owner-only (umask 077 while it runs): the station's data, and also exports,
    reports and code sheets written elsewhere hold personal or secret data (the umask is restored on return)."""
    previous, language = os.umask(0o077), station_language()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        os.umask(previous)
        set_station_language(language)  # a caller in the same process (a test) keeps its own language


def _main(argv: list[str]) -> int:
    try:  # first, so that help, usage errors and everything after them are in the proctor's language
        set_station_language(cli_language(argv, os.environ.get("HIREMATE_LANGUAGE")))
    except LanguageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    argv, warning = modernise(argv)
    if warning:
        print(warning, file=sys.stderr)
    try:
        args = parse(argv)
    except UsageError as exc:
        print(_one_line(str(exc)), file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version print, then argparse exits
        return exc.code if isinstance(exc.code, int) else 0
    where = f"hiremate {args.command}"
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"{where}: {_one_line(str(exc))}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:  # the reader went away (`hiremate sessions | head`): stop quietly, like SIGPIPE would
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print(_s("{where}: interrupted").format(where=where), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or an unforeseen OS error: still one line (HIREMATE_DEBUG=1 shows the traceback)
        import sqlite3

        from eventlog.errors import EventLogError

        if isinstance(exc, EventLogError):  # a damaged or foreign log that a command did not name itself
            print(f"{where}: {_one_line(str(exc))}", file=sys.stderr)
            return 1
        if isinstance(exc, sqlite3.DatabaseError) and not os.environ.get("HIREMATE_DEBUG"):
            print(_s("{where}: the station database cannot be read: {error} (`hiremate verify-log` names the "
                     "damaged page)").format(where=where, error=_one_line(str(exc))), file=sys.stderr)
            return 1
        if os.environ.get("HIREMATE_DEBUG"):
            raise
        print(_s("{where}: unexpected {kind}: {error} (set HIREMATE_DEBUG=1 to see where)").format(
            where=where, kind=type(exc).__name__, error=_one_line(str(exc))), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
