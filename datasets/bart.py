"""The balloon game's tables: one row per balloon (bart_balloons) and one per pump (bart_pumps)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from datasets.columns import TableSpec, col, from_payload
from datasets.context import FLAG_COLUMNS, IDENTITY_COLUMNS, SessionContext, TrialSpan, ms
from eventlog.records import EventRecord
from games.bart.events import BalloonEnded, BalloonStarted, BartGameStarted, Burst, Collected, Pump

__all__ = ["BALLOONS", "PUMPS", "bart_rows"]

GAME = col("game", "string", "The game: `bart` (Balloon Analogue Risk Task, Lejuez et al. 2002).", enum=("bart",),
           nullable=False)
TRIAL = col("trial", "integer", "The balloon's number as the candidate saw it (1 = first balloon).", minimum=1,
            nullable=False, source="event trial column + 1")

BALLOONS = TableSpec(
    name="bart_balloons", title="Balloon risk game: balloons", row="balloon (its last attempt)",
    description="Every balloon of every balloon game: its stimulus parameters, pumps, outcome, money and timing.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, GAME, TRIAL,
        from_payload(BalloonStarted, "colour", "The balloon's colour (each colour has its own capacity)."),
        from_payload(BalloonStarted, "capacity", "Most pumps a balloon of this colour can take; its burst point "
                     "is drawn uniformly from 1..capacity.", unit="pumps"),
        from_payload(BalloonEnded, "burst_point", "The pump at which this balloon would burst (hidden from the "
                     "candidate).", unit="pumps"),
        from_payload(BartGameStarted, "cents_per_pump", "Money a pump adds to the temporary bank.", unit="cents"),
        from_payload(BalloonStarted, "requested_t_ns", "When the view asked for the balloon to be drawn, from the "
                     "session start (n/a in sessions recorded before it was logged).", name="onset_requested_ms",
                     ns_to_ms=True),
        col("onset_presented_ms", "number", "When the new balloon was first painted, from the session start "
            "(bart.balloon_started t_ns; docs/TIMING.md).", unit="ms", minimum=0, source="bart.balloon_started.t_ns"),
        from_payload(BalloonEnded, "pumps", "Pumps on this balloon (the bursting pump included).", unit="pumps"),
        from_payload(BalloonEnded, "outcome", "`collected`: the candidate banked the money; `burst`: it was lost."),
        from_payload(Collected, "amount_cents", "Money banked from this balloon (0 if it burst).", name="earned_cents",
                     unit="cents"),
        from_payload(Burst, "lost_cents", "Money in the temporary bank lost by the burst (0 if collected).",
                     unit="cents"),
        from_payload(Collected, "total_cents", "Total banked after this balloon.", unit="cents"),
        col("capacity_share", "number", "Pumps as a percentage of the capacity (the risk tolerance trait's item; "
            "50 maximises expected earnings).", unit="%", minimum=0),
        col("first_pump_latency_ms", "number", "From the balloon's presented onset to its first pump (n/a without "
            "pumps).", unit="ms", source="bart.pump.t_ns - bart.balloon_started.t_ns"),
        col("median_interpump_ms", "number", "Median time between consecutive pumps of this balloon (n/a with fewer "
            "than two pumps).", unit="ms", minimum=0, source="bart.pump.since_prev_ns"),
        col("rapid_pumps", "integer", "Pumps flagged rapid (less than the game's rapid_pump_ms after the previous "
            "one).", minimum=0, source="bart.pump.rapid"),
        col("mouse_pumps", "integer", "Pumps made with the on-screen button rather than the key.", minimum=0,
            source="bart.pump.input"),
        col("end_ms", "number", "When the balloon was collected or burst, from the session start.", unit="ms",
            minimum=0, source="bart.balloon_ended.t_ns"),
        col("duration_ms", "number", "From the presented onset to the collect or burst.", unit="ms", minimum=0),
        *FLAG_COLUMNS,
    ),
)

PUMPS = TableSpec(
    name="bart_pumps", title="Balloon risk game: pumps", row="pump of a balloon's last attempt",
    description="Every pump, with its timing from the balloon's onset and the previous pump, and the banks after it.",
    key=("session_id", "game", "trial", "pump"), bids="events",
    columns=(
        *IDENTITY_COLUMNS, GAME, TRIAL,
        from_payload(Pump, "pump", "The pump's number on this balloon (1 = first)."),
        col("t_ms", "number", "When the pump was made (the input handler's stamp), from the session start.",
            unit="ms", minimum=0, source="bart.pump.t_ns"),
        col("since_onset_ms", "number", "From the balloon's presented onset to this pump.", unit="ms"),
        from_payload(Pump, "since_prev_ns", "From the previous pump of this balloon (n/a on its first pump).",
                     name="since_prev_ms", ns_to_ms=True),
        from_payload(Pump, "size", "Balloon radius after the pump, relative to the largest capacity of the game."),
        from_payload(Pump, "temp_cents", "The temporary bank after the pump (0 on a bursting pump).", unit="cents"),
        from_payload(Pump, "total_cents", "The total banked so far (before this balloon's collect).", unit="cents"),
        from_payload(Pump, "new_max", "More pumps than any earlier balloon of the game reached."),
        from_payload(Pump, "rapid", "Less than the game's rapid_pump_ms after the previous pump."),
        from_payload(Pump, "input", "`key` (Space) or `mouse` (the on-screen Pump button; touch counts as mouse)."),
        from_payload(Pump, "qt_event_ms", "Qt's own timestamp of the input event (arbitrary origin; only "
                     "differences within a session mean anything; n/a when the platform gave none).", unit="ms"),
        col("bursting", "boolean", "This pump burst the balloon.", source="bart.burst"),
    ),
)


@dataclass
class _Balloon:
    index: int
    started: EventRecord
    attempts: int = 1
    first_seq: int = 0
    first_t: int = 0
    pumps: list[EventRecord] = field(default_factory=list)
    collected: EventRecord | None = None
    burst: EventRecord | None = None


def _balloons(records: Sequence[EventRecord]) -> tuple[list[tuple[_Balloon, EventRecord]], int | None]:
    """Finished balloons (last attempt) with their balloon_ended event; the game's cents per pump."""
    done: list[tuple[_Balloon, EventRecord]] = []
    open_: dict[int, _Balloon] = {}
    cents: int | None = None
    for rec in records:
        p = rec.payload
        if rec.kind == "bart.game_started":
            cents = p.get("cents_per_pump")
        elif rec.kind == "bart.balloon_started":
            old = open_.get(p["balloon"])
            new = _Balloon(p["balloon"], rec, first_seq=rec.seq, first_t=rec.t_ns)
            if old is not None:
                new.attempts, new.first_seq, new.first_t = old.attempts + 1, old.first_seq, old.first_t
            open_[p["balloon"]] = new
        elif rec.kind in ("bart.pump", "bart.collected", "bart.burst") and p.get("balloon") in open_:
            b = open_[p["balloon"]]
            if rec.kind == "bart.pump":
                b.pumps.append(rec)
            elif rec.kind == "bart.collected":
                b.collected = rec
            else:
                b.burst = rec
        elif rec.kind == "bart.balloon_ended" and p.get("balloon") in open_:
            done.append((open_.pop(p["balloon"]), rec))
    return done, cents


def _balloon_row(ctx: SessionContext, game: str, b: _Balloon, end: EventRecord, cents: int | None,
                 total: int) -> dict[str, Any]:
    start, p = b.started, end.payload
    onset = start.t_ns
    gaps = [r.payload["since_prev_ns"] for r in b.pumps if r.payload.get("since_prev_ns") is not None]
    span = TrialSpan(game, b.index, b.first_t, end.t_ns, b.first_seq, end.seq)
    return {
        **ctx.identity(game), "trial": b.index + 1, "colour": start.payload["colour"],
        "capacity": start.payload["capacity"], "burst_point": p["burst_point"], "cents_per_pump": cents,
        "onset_requested_ms": ms(start.payload.get("requested_t_ns")), "onset_presented_ms": ms(onset),
        "pumps": p["pumps"], "outcome": p["outcome"],
        "earned_cents": b.collected.payload["amount_cents"] if b.collected else 0,
        "lost_cents": b.burst.payload["lost_cents"] if b.burst else 0, "total_cents": total,
        "capacity_share": 100.0 * p["pumps"] / start.payload["capacity"],
        "first_pump_latency_ms": ms(b.pumps[0].t_ns - onset) if b.pumps else None,
        "median_interpump_ms": ms(statistics.median(gaps)) if gaps else None,
        "rapid_pumps": sum(1 for r in b.pumps if r.payload.get("rapid")),
        "mouse_pumps": sum(1 for r in b.pumps if r.payload.get("input") == "mouse"),
        "end_ms": ms(end.t_ns), "duration_ms": ms(end.t_ns - onset),
        **ctx.flags(span, b.attempts),
    }


def _pump_row(ctx: SessionContext, game: str, b: _Balloon, rec: EventRecord) -> dict[str, Any]:
    p = rec.payload
    bursting = b.burst is not None and p["pump"] == b.burst.payload["pumps"]
    return {
        **ctx.identity(game), "trial": b.index + 1, "pump": p["pump"], "t_ms": ms(rec.t_ns),
        "since_onset_ms": ms(rec.t_ns - b.started.t_ns), "since_prev_ms": ms(p.get("since_prev_ns")),
        "size": p["size"], "temp_cents": p["temp_cents"], "total_cents": p["total_cents"],
        "new_max": p["new_max"], "rapid": p["rapid"], "input": p["input"], "qt_event_ms": p.get("qt_event_ms"),
        "bursting": bursting,
    }


def bart_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord]) -> dict[str, list[dict[str, Any]]]:
    """The balloon and pump rows of one balloon game of a session."""
    balloons, cents = _balloons(records)
    rows: dict[str, list[dict[str, Any]]] = {BALLOONS.name: [], PUMPS.name: []}
    total = 0
    for b, end in balloons:
        if b.collected is not None:
            total = b.collected.payload["total_cents"]
        rows[BALLOONS.name].append(_balloon_row(ctx, game, b, end, cents, total))
        rows[PUMPS.name] += [_pump_row(ctx, game, b, rec) for rec in b.pumps]
    return rows
