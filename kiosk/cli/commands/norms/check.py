"""`hiremate norms check FILE`: whether the sessions a norm table used are still held, or were erased since."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from i18n import N_, _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "add_check_arguments", "load_table", "report_inputs", "run"]

WHY = {"erased": N_("erased"), "purged": N_("purged by retention"), "gone": N_("no longer stored (no record of why)")}


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """The norm table file."""
    parser.add_argument("table", type=Path, metavar="FILE", help=_s("a norm table written by `norms build`"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The norm table file."""
    add_check_arguments(parser)


def load_table(path: Path) -> Any:
    """The norm table, or a one-line CliError."""
    from scoring import ScoringError
    from scoring.norms import load_norms

    try:
        return load_norms(path)
    except ScoringError as exc:  # NormError
        raise CliError(str(exc), status=2) from None


def report_inputs(args: argparse.Namespace, table: Any, rows: list[dict[str, Any]], where: str) -> int:
    """Print each session's state; exit 1 when any is no longer held (the table should be rebuilt)."""
    missing = [row for row in rows if row["state"] != "held"]
    if args.json:
        print_json({"table": str(args.table), "group": table.group, "created_utc": table.created_utc,
                    "sessions": rows, "rebuild": bool(missing)})
        return 1 if missing else 0
    print(_s("{path}: built {when} from {count} session(s) ({group})").format(
        path=args.table, when=table.created_utc, count=len(rows), group=table.group))
    for row in missing:
        why = _s(WHY[row["state"]]) if row["state"] in WHY else row["state"]
        line = _s("  {session}: {why} at {when}") if row.get("when_utc") else _s("  {session}: {why}")
        print(line.format(session=row["session_id"], why=why, when=row.get("when_utc")))
    if missing:
        print(_s("{missing} of the {count} sessions are no longer held {where}: rebuild the table without them "
                 "(`norms build`)").format(missing=len(missing), count=len(rows), where=where))
        return 1
    print(_s("every session it used is still held {where}").format(where=where))
    return 0


def run(args: argparse.Namespace) -> int:
    """Check the table's sessions against the station's sessions and tombstones."""
    from eventlog.tombstones import tombstones

    table = load_table(args.table)
    with open_store(args) as store:
        stones = {stone.session_id: stone.erased_utc for stone in tombstones(store.conn)}
        held = {sid for sid in table.sessions if store.session(sid) is not None}
    rows = [{"session_id": sid, "state": "held" if sid in held else "erased" if sid in stones else "gone",
             "when_utc": stones.get(sid)} for sid in table.sessions]
    return report_inputs(args, table, rows, _s("at this station"))
