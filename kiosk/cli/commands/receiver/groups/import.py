"""`hiremate receiver groups import FILE.csv`: consented group labels, stored apart from the sessions."""

from __future__ import annotations

import argparse
from pathlib import Path

from i18n import _s
from kiosk.cli.commands.receiver.groups._db import add_groups_argument, open_groups
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The CSV file and the label database."""
    parser.add_argument("file", type=Path, metavar="FILE.csv",
                        help=_s("columns participant,attribute,group,consent (yes/no) and optionally consent_utc"))
    add_groups_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Store the consented rows in one transaction; list the refused ones."""
    from sync.outbox import utc_now
    from sync.receiver.groups import LabelError

    labels = open_groups(args)
    try:
        result = labels.import_csv(args.file, utc_now())
    except LabelError as exc:
        raise CliError(str(exc)) from None
    finally:
        labels.close()
    if args.json:
        print_json({"stored": result.stored, "refused": [{"line": n, "why": w} for n, w in result.refused]})
        return 0
    print(_s("stored {stored} label(s); refused {refused}").format(stored=result.stored, refused=len(result.refused)))
    for line, why in result.refused:
        print(_s("  line {line}: {reason}").format(line=line, reason=why))
    return 0
