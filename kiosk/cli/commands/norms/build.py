"""`hiremate norms build SESSION... -o norms.toml`: a norm table from the station's sessions (docs/SCORING.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "add_norm_arguments", "finish", "run"]


def add_norm_arguments(parser: argparse.ArgumentParser) -> None:
    """What the station and the receiver commands share: sessions, --all, the group, the battery, the output."""
    parser.add_argument("sessions", nargs="*", metavar="SESSION", help=_s("session id, unique start or pseudonym"))
    parser.add_argument("--all", action="store_true", help=_s("every assessment session held"))
    parser.add_argument("--group", required=True, metavar="TEXT",
                        help=_s("who the norm group is, in words (e.g. 'applicants to the Berlin warehouse, 2025')"))
    parser.add_argument("--battery", metavar="NAME", help=_s("the battery to keep (default: the first session's)"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help=_s("the TOML file to write"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The sessions and the table's description."""
    add_norm_arguments(parser)


def finish(args: argparse.Namespace, items: list[Any]) -> int:
    """Build the table from scored sessions, write it, say what went in and what was left out."""
    from kiosk.cli.commands.report import _write
    from scoring import SCORING_VERSION, ScoringError
    from scoring.norms import build_norms, norms_toml
    from sync.outbox import utc_now

    if not args.sessions and not args.all:
        raise CliError(_s("name the sessions to build the norm table from, or give --all"))
    try:
        table = build_norms(items, args.group, utc_now(), SCORING_VERSION, args.battery)
    except ScoringError as exc:  # NormError
        raise CliError(str(exc)) from None
    _write(args.output, norms_toml(table).encode("utf-8"))
    if args.json:
        print_json({"output": str(args.output), "sessions": len(table.sessions), "excluded": table.excluded,
                    "traits": {k: v.n for k, v in table.traits.items()}})
        return 0
    print(_s("wrote {path}: {count} session(s), battery {battery}, scoring {version}; {excluded} left out").format(
        path=args.output, count=len(table.sessions), battery=table.battery, version=table.scoring_version,
        excluded=len(table.excluded)))
    for sid, why in table.excluded.items():
        print(_s("  left out {session}: {reason}").format(session=sid, reason=why))
    for key, norm in table.traits.items():
        line = _s("  {trait}: n={n}, mean {mean}, SD {sd}") if norm.sd else _s("  {trait}: n={n}, mean {mean}")
        note = "" if norm.percentiles else _s(" (no percentiles below {count} people)").format(
            count=table.min_n_for_percentiles)
        print(line.format(trait=key, n=norm.n, mean=f"{norm.mean:.1f}", sd=f"{norm.sd or 0:.1f}") + note)
    return 0


def run(args: argparse.Namespace) -> int:
    """Score the sessions again with the current version and build the table."""
    from kiosk.services.scored_sessions import scored_sessions
    from kiosk.services.session_lookup import SessionLookupError

    with open_store(args) as store:
        try:
            items = scored_sessions(store, args.sessions, args.all)
        except SessionLookupError as exc:
            raise CliError(str(exc)) from None
    return finish(args, items)
