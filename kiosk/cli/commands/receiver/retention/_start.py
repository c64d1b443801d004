"""What `hiremate receiver serve` does for retention: a purge before it serves, then one a day (not a command)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.cli.commands.receiver._shared import open_storage

__all__ = ["existing_groups", "purge_all", "purge_at_start", "start_daily_purge"]


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def existing_groups(args: argparse.Namespace) -> Any:
    """The group-label file if there is one (--groups, else beside the receiver's files), else None: a purge never
    creates it."""
    from kiosk.cli.commands.receiver.groups._db import DEFAULT_GROUPS
    from sync.receiver.groups import GroupLabels

    path = getattr(args, "groups", None) or args.data_dir / DEFAULT_GROUPS
    return GroupLabels(path) if path.exists() else None


def purge_all(storage: Any, args: argparse.Namespace, actor: str, record_empty: bool) -> list[str]:
    """Expired sessions, then expired group labels (if the file exists): what went, one line each."""
    lines: list[str] = storage.purge_expired(actor=actor, record_empty=record_empty).lines()
    labels = existing_groups(args)
    if labels is not None:
        try:
            gone = storage.purge_labels(labels, actor=actor, record_empty=record_empty)
        finally:
            labels.close()
        if gone:
            lines.append(f"removed {len(gone)} group label(s) past the personal-data period, of "
                         f"{', '.join(sorted({p for p, _ in gone}))}")
    return lines


def purge_at_start(storage: Any, args: argparse.Namespace) -> None:
    """Remove what is past its retention before serving (recorded only when something went); a failure is said
    and serving goes on (the daily purge tries again)."""
    try:
        lines = purge_all(storage, args, "receiver start", record_empty=False)
    except Exception as exc:  # the receiver still serves: the data stays until the next purge succeeds
        _say(f"retention purge at start failed: {exc}")
        return
    for line in lines:
        _say(f"retention: {line}")


def start_daily_purge(args: argparse.Namespace, interval_s: float | None = None) -> Any:
    """A DailyPurge thread with its own connection to the database (serving workers may close theirs)."""
    from sync.receiver.retention import DAY_S, DailyPurge

    def purge() -> list[str]:
        storage = open_storage(args, pool_size=1)
        try:
            return purge_all(storage, args, "receiver daily", record_empty=False)
        finally:
            storage.close()

    return DailyPurge(purge, DAY_S if interval_s is None else interval_s, _say).start()
