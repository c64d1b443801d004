"""The dashboard's live feed: one poller per receiver process turns stored heartbeats into cards for its viewers.

Heartbeats may reach any receiver process (several share one PostgreSQL database), so a process cannot learn of
them from its own requests: while at least one dashboard is connected, it reads each station's heartbeat counter
every `poll_s` (one small query), fetches the stations whose counter moved, and pushes their cards to every
connected viewer. It also marks a station `silent` when its last heartbeat is older than `stale_after_s`, and
pushes that change too. With no viewer connected, it does not poll.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi.concurrency import run_in_threadpool

from sync.receiver.storage import BundleStorage, LiveRow

__all__ = ["DashboardOptions", "LiveFeed", "card"]


@dataclass(frozen=True)
class DashboardOptions:
    """How often the feed looks, when a station counts as stopped, how long a login lasts."""

    poll_s: float = 0.5
    stale_after_s: float = 20.0
    keepalive_s: float = 15.0
    login_hours: float = 12.0


def _age_s(received_utc: str, now: datetime) -> float:
    try:
        return max(0.0, (now - datetime.fromisoformat(received_utc)).total_seconds())
    except ValueError:
        return 0.0


def card(row: LiveRow, now: datetime, stale_after_s: float) -> dict[str, Any]:
    """What the dashboard shows of a station: its latest heartbeat, when it came, and whether it is silent."""
    age = _age_s(row.received_utc, now)
    return {"key": row.public_key, "station_id": row.station_id, "seq": row.seq, "received_utc": row.received_utc,
            "age_s": round(age, 1), "silent": age > stale_after_s, "beat": json.loads(row.body)}


class LiveFeed:
    """Cards of every station with a heartbeat, kept fresh while viewers are subscribed (see the module)."""

    def __init__(self, storage: BundleStorage, options: DashboardOptions) -> None:
        self.storage = storage
        self.options = options
        self.viewers: set[asyncio.Queue[dict[str, Any]]] = set()
        self.rows: dict[str, LiveRow] = {}
        self._silent: dict[str, bool] = {}
        self._task: asyncio.Task[None] | None = None
        self.polls = 0

    def cards(self) -> list[dict[str, Any]]:
        """Every station's card now, by station name."""
        now = datetime.now(UTC)
        made = [card(row, now, self.options.stale_after_s) for row in self.rows.values()]
        return sorted(made, key=lambda c: (str(c["beat"].get("station_name") or ""), c["station_id"], c["key"]))

    async def subscribe(self) -> tuple[list[dict[str, Any]], asyncio.Queue[dict[str, Any]]]:
        """A new viewer: every card now, and the queue its updates will arrive in."""
        if not self.viewers:
            self.rows = {row.public_key: row for row in await run_in_threadpool(self.storage.live)}
            self._silent = {}
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)
        self.viewers.add(queue)
        snapshot = self.cards()
        self._silent.update({c["key"]: c["silent"] for c in snapshot})
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._poll())
        return snapshot, queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        """A viewer left; the poller stops when the last one has."""
        self.viewers.discard(queue)

    def _push(self, item: dict[str, Any]) -> None:
        for queue in list(self.viewers):
            if queue.full():  # a viewer that does not read: drop it rather than grow without bound
                self.viewers.discard(queue)
            else:
                queue.put_nowait(item)

    async def _changed(self) -> list[str]:
        versions = await run_in_threadpool(self.storage.live_versions)
        moved = [key for key, seq in versions.items() if key not in self.rows or self.rows[key].seq != seq]
        if moved:
            fresh = await run_in_threadpool(self.storage.live) if len(moved) > 8 else [
                row for key in moved for row in await run_in_threadpool(self.storage.live, key)]
            self.rows.update({row.public_key: row for row in fresh if row.public_key in moved})
        return moved

    async def _poll(self) -> None:
        while self.viewers:
            await asyncio.sleep(self.options.poll_s)
            try:
                moved = set(await self._changed())
            except Exception:  # a database hiccup: try again at the next poll
                continue
            self.polls += 1
            now = datetime.now(UTC)
            for key, row in self.rows.items():
                made = card(row, now, self.options.stale_after_s)
                if key in moved or made["silent"] != self._silent.get(key):
                    self._silent[key] = made["silent"]
                    self._push(made)
