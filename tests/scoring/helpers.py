"""Hand-built, validly chained event streams for scoring tests (no database needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventlog.canonical import GENESIS_HASH, canonical_json, chain_hash, event_bytes
from eventlog.records import EventRecord

MS = 1_000_000


class StreamBuilder:
    """Appends events with gapless seq and a valid hash chain; `close()` returns the records."""

    def __init__(self, session_id: str = "s-test", participant: str = "P-0001") -> None:
        self.session_id = session_id
        self.records: list[EventRecord] = []
        self.t_ns = 0
        self.add("session.opened", 0, {
            "purpose": "assessment", "participant": participant, "battery": None, "app_version": "test",
            "platform": "test", "time_zone": "UTC", "anchor_wall_utc": "2025-01-01T00:00:00+00:00"})

    def add(self, kind: str, t_ns: int, payload: dict[str, Any], game: str | None = None,
            trial: int | None = None) -> EventRecord:
        """Append one event at t_ns (the builder's clock moves to it)."""
        seq = len(self.records)
        prev = self.records[-1].hash if self.records else GENESIS_HASH
        data = event_bytes(self.session_id, seq, t_ns, kind, game, trial, canonical_json(payload))
        rec = EventRecord(self.session_id, seq, t_ns, kind, game, trial, payload, prev, chain_hash(prev, data))
        self.records.append(rec)
        self.t_ns = max(self.t_ns, t_ns)
        return rec

    def after(self, ms: float, kind: str, payload: dict[str, Any], game: str | None = None,
              trial: int | None = None) -> EventRecord:
        """Append one event `ms` milliseconds after the previous one."""
        return self.add(kind, self.t_ns + round(ms * MS), payload, game, trial)

    def close(self, reason: str = "completed") -> list[EventRecord]:
        """Append session.closed and return every record."""
        self.after(10, "session.closed", {"reason": reason, "event_count": len(self.records) + 1})
        return list(self.records)


def bart_game(b: StreamBuilder, balloons: Sequence[tuple[int, int]], capacity: int = 128,
              gap_ms: float = 400, cents: int = 5, colour: str = "blue",
              colours: Sequence[str] | None = None, capacities: Sequence[int] | None = None) -> None:
    """Play BART into the builder: each balloon is (pumps attempted, burst point); burst if pumps >= point."""
    cols = list(colours or [colour] * len(balloons))
    caps = list(capacities or [capacity] * len(balloons))
    palette = sorted({(c, k) for c, k in zip(cols, caps, strict=True)})
    b.after(5, "bart.game_started", {"balloons": len(balloons), "colours": [
        {"colour": c, "capacity": k} for c, k in palette], "cents_per_pump": cents, "seed": 1}, game="bart")
    total = bursts = 0
    for i, (want, point) in enumerate(balloons):
        b.after(900, "bart.balloon_started", {"balloon": i, "colour": cols[i], "capacity": caps[i]}, "bart", i)
        n = min(want, point)
        for p in range(1, n + 1):
            b.after(gap_ms, "bart.pump", {
                "balloon": i, "pump": p, "since_prev_ns": None if p == 1 else round(gap_ms * MS),
                "size": p / max(caps), "temp_cents": 0 if p == point else p * cents, "total_cents": total,
                "new_max": False, "rapid": p > 1 and gap_ms < 250, "qt_event_ms": None, "input": "key"}, "bart", i)
        if n >= point:
            bursts += 1
            b.after(1, "bart.burst", {"balloon": i, "pumps": n, "lost_cents": (n - 1) * cents}, "bart", i)
            outcome = "burst"
        else:
            total += n * cents
            b.after(300, "bart.collected", {"balloon": i, "pumps": n, "amount_cents": n * cents,
                                            "total_cents": total}, "bart", i)
            outcome = "collected"
        b.after(1, "bart.balloon_ended", {"balloon": i, "outcome": outcome, "pumps": n, "burst_point": point,
                                          "colour": cols[i]}, "bart", i)
    b.after(5, "bart.game_ended", {"balloons": len(balloons), "total_cents": total, "bursts": bursts,
                                   "collects": len(balloons) - bursts}, game="bart")
