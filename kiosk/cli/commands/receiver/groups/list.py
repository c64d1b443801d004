"""`hiremate receiver groups list`: how many consented labels are stored per attribute and group."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.receiver.groups._db import add_groups_argument, open_groups
from kiosk.cli.common import print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The label database."""
    add_groups_argument(parser)


def run(args: argparse.Namespace) -> int:
    """One line per attribute and group (never a participant)."""
    labels = open_groups(args)
    try:
        counts = labels.counts()
    finally:
        labels.close()
    if args.json:
        print_json([{"attribute": a, "group": g, "labels": n} for a, g, n in counts])
        return 0
    for attribute, group, n in counts:
        print(f"{attribute}  {group}  {n}")
    print(_s("{count} label(s)").format(count=sum(n for _, _, n in counts)))
    return 0
