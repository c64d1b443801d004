"""The memory games' tables: one row per digit sequence (digit_span_sequences) and per card move (card_match_moves)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from datasets.columns import TableSpec, col, from_payload
from datasets.context import FLAG_COLUMNS, IDENTITY_COLUMNS, SessionContext, TrialSpan, ms
from eventlog.records import EventRecord
from games.card_match import events as cm
from games.digit_span import events as ds

__all__ = ["CARD_MOVES", "DIGIT_SEQUENCES", "card_match_rows", "collect_attempts", "digit_span_rows"]


def _game(name: str, what: str) -> Any:
    return col("game", "string", f"The game: `{name}` ({what}).", enum=(name,), nullable=False)


DIGIT_SEQUENCES = TableSpec(
    name="digit_span_sequences", title="Digit span: sequences", row="sequence (its last attempt)",
    description="Every digit sequence shown: its digits and timing, the answer typed, and how it was scored.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, _game("digit_span", "forward and backward digit span, Wechsler procedure"),
        col("trial", "integer", "The sequence's number over the whole game (1 = first).", minimum=1, nullable=False,
            source="event trial column + 1"),
        from_payload(ds.SequenceStarted, "direction", "`forward`: type in order; `backward`: in reverse."),
        from_payload(ds.SequenceStarted, "length", "Digits in the sequence.", unit="digits"),
        from_payload(ds.SequenceStarted, "sequence", "1st or 2nd sequence of this length."),
        col("digits", "string", "The digits in the order shown.", source="digit_span.trial_started.digits"),
        from_payload(ds.Submitted, "target", "The answer asked for (the digits reversed in a backward block)."),
        from_payload(ds.Submitted, "entry", "The answer submitted."),
        from_payload(ds.Submitted, "correct", "The answer equals the target."),
        from_payload(ds.Submitted, "position_errors", "Positions where the answer differs (missing or extra digits "
                     "count once each).", unit="digits"),
        from_payload(ds.Submitted, "corrections", "Backspace presses in this answer."),
        col("keys", "integer", "Keys that changed the answer (digits and Backspace).", minimum=0,
            source="digit_span.key_typed"),
        col("mouse_keys", "integer", "Of them, presses of the on-screen keypad.", minimum=0,
            source="digit_span.key_typed.input"),
        col("first_digit_ms", "number", "When the first digit was presented, from the session start.", unit="ms",
            minimum=0, source="digit_span.digit_shown.presented_t_ns"),
        col("last_digit_ms", "number", "When the last digit was presented, from the session start.", unit="ms",
            minimum=0, source="digit_span.digit_shown.presented_t_ns"),
        col("answer_shown_ms", "number", "When the answer boxes were presented, from the session start.", unit="ms",
            minimum=0, source="digit_span.response_started.presented_t_ns"),
        from_payload(ds.Submitted, "response_ns", "From the answer boxes to the submit.", name="response_ms",
                     ns_to_ms=True),
        col("ms_per_digit", "number", "response_ms / length (digit_span.ms_per_digit is their median).", unit="ms",
            minimum=0),
        from_payload(ds.Submitted, "input", "How the answer was submitted: Enter (`key`) or the OK button (`mouse`)."),
        from_payload(ds.Submitted, "block_over", "The part (forward or backward) ended with this sequence."),
        col("end_ms", "number", "When the answer was submitted, from the session start.", unit="ms", minimum=0,
            source="digit_span.submitted.t_ns"),
        *FLAG_COLUMNS,
    ),
)

CARD_MOVES = TableSpec(
    name="card_match_moves", title="Card match: moves", row="move (two cards turned; its last attempt)",
    description="Every move of every board: the two cards, what had been seen before, the outcome and the timing.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, _game("card_match", "memory cards, seed 001"),
        col("trial", "integer", "The move's number over the whole game (1 = first).", minimum=1, nullable=False,
            source="event trial column + 1"),
        col("board", "integer", "The board's number (1 = first).", minimum=1, source="card_match.flip.board + 1"),
        col("first_position", "integer", "The first card's position (0-based, row by row).", minimum=0,
            source="card_match.flip.position"),
        col("first_symbol", "string", "The first card's face.", source="card_match.flip.symbol"),
        col("second_position", "integer", "The second card's position.", minimum=0, source="card_match.flip.position"),
        col("second_symbol", "string", "The second card's face.", source="card_match.flip.symbol"),
        from_payload(cm.MoveEnded, "outcome", "`match`: a pair, taken; `mismatch`: turned back."),
        col("first_seen_before", "boolean", "The first card had been face up before on this board.",
            source="card_match.flip.seen_before"),
        col("partner_seen_before", "boolean", "The first card's partner had been face up before on this board.",
            source="card_match.flip.partner_seen"),
        from_payload(cm.MoveEnded, "pairs_found", "Pairs found on this board after this move."),
        col("ready_ms", "number", "When the board was ready for this move (board shown or last move over), from the "
            "session start.", unit="ms", minimum=0),
        col("first_flip_ms", "number", "When the first card was chosen (the input's stamp), from the session start.",
            unit="ms", minimum=0, source="card_match.flip.t_ns"),
        col("second_flip_ms", "number", "When the second card was chosen.", unit="ms", minimum=0,
            source="card_match.flip.t_ns"),
        col("move_ms", "number", "From ready to the second card (card_match.median_move_ms is their median).",
            unit="ms", minimum=0),
        col("input", "string", "How the cards were turned: `key`, `mouse` or `both`.", enum=("key", "mouse", "both"),
            source="card_match.flip.input"),
        col("end_ms", "number", "When the move was over (cards turned back or taken, on screen), from the session "
            "start.", unit="ms", minimum=0, source="card_match.move_ended.t_ns"),
        *FLAG_COLUMNS,
    ),
)


@dataclass
class Attempt:
    index: int
    first_seq: int
    first_t: int
    attempts: int = 1
    events: list[EventRecord] = field(default_factory=list)


def collect_attempts(records: Sequence[EventRecord], start: str, end: str) -> list[tuple[Attempt, EventRecord]]:
    """Each trial's last attempt (events from its last start) and its end event, in order."""
    open_: dict[int, Attempt] = {}
    done: list[tuple[Attempt, EventRecord]] = []
    for rec in records:
        if rec.trial is None:
            continue
        if rec.kind == start and (rec.kind != "card_match.flip" or rec.payload.get("flip") == 1):
            old = open_.get(rec.trial)
            new = Attempt(rec.trial, rec.seq, rec.t_ns)
            if old is not None:
                new.attempts, new.first_seq, new.first_t = old.attempts + 1, old.first_seq, old.first_t
            open_[rec.trial] = new
        if rec.trial in open_:
            open_[rec.trial].events.append(rec)
            if rec.kind == end:
                done.append((open_.pop(rec.trial), rec))
    return done


def _first(events: Sequence[EventRecord], kind: str) -> EventRecord | None:
    return next((e for e in events if e.kind == kind), None)


def digit_span_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord]) -> dict[str, list[dict[str, Any]]]:
    """The sequence rows of one digit span game."""
    rows = []
    for attempt, end in collect_attempts(records, "digit_span.trial_started", "digit_span.submitted"):
        events = attempt.events
        started = events[0].payload
        shown = [e for e in events if e.kind == "digit_span.digit_shown"]
        keys = [e for e in events if e.kind == "digit_span.key_typed"]
        answer = _first(events, "digit_span.response_started")
        p = end.payload
        rows.append({
            **ctx.identity(game), "trial": attempt.index + 1, "direction": started["direction"],
            "length": started["length"], "sequence": started["sequence"],
            "digits": "".join(str(d) for d in started["digits"]), "target": p["target"], "entry": p["entry"],
            "correct": p["correct"], "position_errors": p["position_errors"], "corrections": p["corrections"],
            "keys": len(keys), "mouse_keys": sum(1 for k in keys if k.payload.get("input") == "mouse"),
            "first_digit_ms": ms(shown[0].t_ns) if shown else None,
            "last_digit_ms": ms(shown[-1].t_ns) if shown else None,
            "answer_shown_ms": ms(answer.t_ns) if answer else None, "response_ms": ms(p["response_ns"]),
            "ms_per_digit": p["response_ns"] / 1e6 / p["length"],
            "input": p["input"], "block_over": p["block_over"], "end_ms": ms(end.t_ns),
            **ctx.flags(TrialSpan(game, attempt.index, attempt.first_t, end.t_ns, attempt.first_seq, end.seq),
                        attempt.attempts),
        })
    return {DIGIT_SEQUENCES.name: rows}


def card_match_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord]) -> dict[str, list[dict[str, Any]]]:
    """The move rows of one card match game (the board's readiness is read from the events before each move)."""
    ready: dict[int, int] = {}
    last_ready = 0
    for rec in records:  # when the board was ready for each move: the board shown or the last move over
        if rec.kind in ("card_match.board_started", "card_match.move_ended"):
            last_ready = rec.t_ns
        elif rec.kind == "card_match.flip" and rec.payload.get("flip") == 1 and rec.trial is not None:
            ready[rec.trial] = last_ready
    rows = []
    for attempt, end in collect_attempts(records, "card_match.flip", "card_match.move_ended"):
        flips = [e for e in attempt.events if e.kind == "card_match.flip"][-2:]
        if len(flips) != 2:
            continue
        a, b = flips[0].payload, flips[1].payload
        inputs = {a["input"], b["input"]}
        rows.append({
            **ctx.identity(game), "trial": attempt.index + 1, "board": a["board"] + 1,
            "first_position": a["position"], "first_symbol": a["symbol"], "second_position": b["position"],
            "second_symbol": b["symbol"], "outcome": end.payload["outcome"], "first_seen_before": a["seen_before"],
            "partner_seen_before": a["partner_seen"], "pairs_found": end.payload["pairs_found"],
            "ready_ms": ms(ready.get(attempt.index)), "first_flip_ms": ms(flips[0].t_ns),
            "second_flip_ms": ms(flips[1].t_ns),
            "move_ms": ms(flips[1].t_ns - ready[attempt.index]) if attempt.index in ready else None,
            "input": inputs.pop() if len(inputs) == 1 else "both", "end_ms": ms(end.t_ns),
            **ctx.flags(TrialSpan(game, attempt.index, attempt.first_t, end.t_ns, attempt.first_seq, end.seq),
                        attempt.attempts),
        })
    return {CARD_MOVES.name: rows}
