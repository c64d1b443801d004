"""The station's heartbeat content, derived from its database on the heartbeat thread (no Qt, no window).

`StationLiveStatus().read(store)` is the sync.heartbeat_sender.HeartbeatSource the station's SyncWorker is given.
Which session it describes: the newest assessment session open in this process (its progress row's owner is
this process); else one left open by a process that is gone (`interrupted`, until the proctor resumes or
abandons it); else the newest closed one for ten minutes after it closed (`finished`); else none (`idle`). The
session's events are folded incrementally (kiosk.services.live_fold), an open practice round of the same
candidate shows as `practice`, and the battery file gives the games' count and titles and the planned minutes.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from eventlog import Store
from kiosk.services.battery import BatteryError, resolve_battery
from kiosk.services.live_fold import SessionFold
from sync.outbox import summary

__all__ = ["FINISHED_SHOWN_S", "StationLiveStatus"]

FINISHED_SHOWN_S = 600.0
_SESSIONS = """SELECT s.id, s.participant, s.battery, s.status, s.anchor_wall_utc, s.closed_utc, p.owner_pid
FROM sessions s LEFT JOIN session_progress p ON p.session_id = s.id WHERE s.purpose = 'assessment'
ORDER BY s.anchor_wall_ns DESC LIMIT 20"""
_PRACTICE = """SELECT id FROM sessions WHERE purpose = 'practice' AND status = 'open' AND participant = ?
ORDER BY anchor_wall_ns DESC LIMIT 1"""
_LAST_ERROR = """SELECT last_error FROM outbox WHERE last_error IS NOT NULL AND state != 'delivered'
ORDER BY last_attempt_utc DESC LIMIT 1"""


@lru_cache(maxsize=32)
def _battery(ref: str) -> tuple[int, tuple[tuple[str, str], ...], float] | None:
    """(games, ((name, title), ...), planned seconds) of a battery, None if it cannot be read."""
    from games.spec import game_spec

    try:
        battery = resolve_battery(ref)
    except (BatteryError, OSError, ValueError):
        return None
    titles = []
    for entry in battery.games:
        try:
            titles.append((entry.game, game_spec(entry.game).title))
        except KeyError:
            titles.append((entry.game, entry.game))
    return len(battery.games), tuple(titles), battery.minutes * 60.0


def _seconds_since(utc: str | None, now: datetime) -> float | None:
    if not utc:
        return None
    try:
        return max(0.0, (now - datetime.fromisoformat(utc)).total_seconds())
    except ValueError:
        return None


class StationLiveStatus:
    """A HeartbeatSource over the station database (keeps its folds between reads: see the module)."""

    def __init__(self, pid: int | None = None) -> None:
        self.pid = os.getpid() if pid is None else pid
        self.folds: dict[str, SessionFold] = {}

    def _fold(self, store: Store, session_id: str, titles: dict[str, str]) -> SessionFold:
        fold = self.folds.get(session_id)
        if fold is None:
            fold = self.folds[session_id] = SessionFold(session_id, titles=titles)
        rows = store.conn.execute("SELECT seq, t_ns, kind, game, trial, payload FROM events WHERE session_id = ? "
                                  "AND seq > ? ORDER BY seq", (session_id, fold.last_seq)).fetchall()
        for seq, t_ns, kind, game, trial, payload in rows:
            fold.add(seq, t_ns, kind, game, trial, json.loads(payload))
        return fold

    def _chosen(self, store: Store, now: datetime) -> tuple[str, tuple[Any, ...] | None]:
        rows = store.conn.execute(_SESSIONS).fetchall()
        live = [row for row in rows if row[3] in ("open", "interrupted")]
        mine = [row for row in live if row[6] == self.pid and row[3] == "open"]
        if mine:
            return "live", mine[0]
        if live:
            return "interrupted", live[0]
        closed = [row for row in rows if row[5]]
        recent = closed[0] if closed else None
        since = _seconds_since(recent[5], now) if recent else None
        if recent is not None and since is not None and since < FINISHED_SHOWN_S:
            return "finished", recent
        return "idle", None

    def _session_fields(self, store: Store, kind: str, row: tuple[Any, ...], now: datetime) -> dict[str, Any]:
        session_id, participant, battery_ref = row[0], row[1], row[2]
        plan = _battery(battery_ref) if battery_ref else None
        titles = dict(plan[1]) if plan else {}
        fold = self._fold(store, session_id, titles)
        state, alerts = fold.state, fold.alerts()
        between = plan is not None and state == "instructions" and fold.game_index < plan[0]
        upcoming = plan[1][fold.game_index][0] if plan and between else None
        game = _game(fold, fold.game or upcoming, fold.game_index, plan)
        if kind == "interrupted":
            state, alerts = "interrupted", ["interrupted", *alerts]
        elif kind == "live":
            practice_id = store.conn.execute(_PRACTICE, (participant,)).fetchone()
            if practice_id is not None and state == "instructions":
                round_ = self._fold(store, practice_id[0], titles)
                state, game = "practice", _game(round_, round_.last_game, fold.game_index, plan, practice=True)
            elif fold.paused:
                state = "paused"
        elapsed = _seconds_since(row[4], now) if kind == "live" else fold.last_t_s
        idle_for = None if fold.idle_since_s is None else max(0.0, (elapsed or fold.last_t_s) - fold.idle_since_s)
        return {
            "state": state, "session_id": session_id, "participant": participant, "battery": battery_ref,
            "game": game, "elapsed_s": elapsed, "remaining_s": _remaining(fold, plan, elapsed, kind),
            "alerts": alerts, "idle_s": idle_for,
            "focus_losses": fold.focus_losses, "idle_spells": fold.idle_spells, "proctor_calls": fold.proctor_calls,
            "timeline": [{"t_s": t, "kind": k, "text": text} for t, k, text in fold.timeline],
        }

    def read(self, store: Store) -> dict[str, Any]:
        """Heartbeat fields: the chosen session's state, game, times, counts, alerts and timeline; the outbox, free
        disk and the last upload error; the station's name."""
        now = datetime.now(UTC)
        kind, row = self._chosen(store, now)
        fields: dict[str, Any] = {"state": "idle"} if row is None else self._session_fields(store, kind, row, now)
        station = store.station() or {}
        error = store.conn.execute(_LAST_ERROR).fetchone()
        fields.update({
            "station_name": str(station.get("name", ""))[:200],
            "outbox": summary(store),
            "free_disk_bytes": shutil.disk_usage(store.path.parent).free,
            "last_error": str(error[0])[:500] if error else None,
        })
        return fields


def _game(fold: SessionFold, name: str | None, index: int,
          plan: tuple[int, tuple[tuple[str, str], ...], float] | None, practice: bool = False) -> dict[str, Any] | None:
    """The game as the candidate sees it: its place in the battery, title, trial now shown and length."""
    if name is None:
        return None
    seen, length = fold.trial.get(name), fold.trials.get(name)
    count = plan[0] if plan else index + 1
    return {"name": name[:64], "title": (dict(plan[1]).get(name, name) if plan else name)[:120],
            "number": min(index + 1, count), "of": count,
            "trial": seen + 1 if seen is not None else None, "trials": length, "practice": practice}


def _remaining(fold: SessionFold, plan: tuple[int, tuple[tuple[str, str], ...], float] | None,
               elapsed: float | None, kind: str) -> float | None:
    """Seconds left: the battery's planned time minus the time spent, until a sixth of it is done; then the pace
    so far applied to what is left."""
    if kind in ("finished", "interrupted") or plan is None or elapsed is None:
        return 0.0 if kind == "finished" else None
    count, _, planned = plan
    seen, length = fold.current_trial()
    within = (seen - 1) / length if seen and length else 0.0
    done = min(1.0, (min(fold.game_index, count) + (within if fold.state == "game" else 0.0)) / count)
    if done >= 1 / 6 and elapsed > 0:
        return max(0.0, elapsed * (1 - done) / done)
    return max(0.0, planned - elapsed)
