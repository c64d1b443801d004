"""What `hiremate receiver serve` does for retention: a purge before it serves, then one a day (not a command)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.cli.commands.receiver._shared import open_storage

__all__ = ["purge_at_start", "start_daily_purge"]


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def purge_at_start(storage: Any) -> None:
    """Remove the sessions past their retention before serving (recorded only when something went); a failure is
    said and serving goes on (the daily purge tries again)."""
    try:
        outcome = storage.purge_expired(actor="receiver start", record_empty=False)
    except Exception as exc:  # the receiver still serves: the data stays until the next purge succeeds
        _say(f"retention purge at start failed: {exc}")
        return
    for line in outcome.lines():
        _say(f"retention: {line}")


def start_daily_purge(args: argparse.Namespace, interval_s: float | None = None) -> Any:
    """A DailyPurge thread with its own connection to the database (serving workers may close theirs)."""
    from sync.receiver.retention import DAY_S, DailyPurge

    def purge() -> Any:
        storage = open_storage(args, pool_size=1)
        try:
            return storage.purge_expired(actor="receiver daily", record_empty=False)
        finally:
            storage.close()

    return DailyPurge(purge, DAY_S if interval_s is None else interval_s, _say).start()
