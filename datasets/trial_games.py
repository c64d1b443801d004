"""The trial games' tables (IGT, Tower of London, faces, effort, money): one row per trial, its last attempt.

Every table starts with the identity, the game and the trial number, and ends with the trial's onset (requested
and presented), its end and the flag columns; in between are the game's own columns (datasets/trial_columns.py).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from datasets.context import SessionContext, TrialSpan, ms
from datasets.trial_columns import EFFORT, FACES, IGT, MONEY, TOWER
from eventlog.records import EventRecord
from scoring.trials import Trial, parse_trials

__all__ = ["TRIAL_GAME_TABLES", "trial_game_rows"]

TRIAL_GAME_TABLES = {"igt": IGT, "tower": TOWER, "faces": FACES, "effort": EFFORT, "money": MONEY}
"""The table of each trial game, by game name."""


def _response(p: dict[str, Any]) -> dict[str, Any]:
    return {"rt_ms": ms(p.get("rt_ns")), "input": p.get("input"), "key": p.get("key"),
            "qt_event_ms": p.get("qt_event_ms")}


def _igt(t: Trial) -> dict[str, Any]:
    p = t.ended.payload
    return {"deck": p["deck"], "card": p["card"], "win_cents": p["win_cents"], "loss_cents": p["loss_cents"],
            "net_cents": p["net_cents"], "total_cents": p["total_cents"], "good_deck": p["deck"] in "CD",
            "infrequent_loss_deck": p["deck"] in "BD", "block": t.index // 20 + 1, **_response(p)}


def _tower(t: Trial) -> dict[str, Any]:
    p, s = t.ended.payload, t.started.payload
    moves = [e.payload for e in t.events if e.kind == "tower.move"]
    return {"start": s["start"], "goal": s["goal"], "min_moves": p["min_moves"], "max_moves": s["max_moves"],
            "outcome": p["outcome"], "moves": p["moves"], "excess_moves": p["excess_moves"],
            "perfect": p["outcome"] == "solved" and p["excess_moves"] == 0, "planning_ms": ms(p["planning_ns"]),
            "execution_ms": ms(p["execution_ns"]), "total_ms": ms(p["total_ns"]),
            "move_path": " ".join(f"{m['from_peg']}>{m['to_peg']}" for m in moves),
            "mouse_moves": sum(1 for m in moves if m["input"] == "mouse")}


def _faces(t: Trial) -> dict[str, Any]:
    p, s = t.ended.payload, t.started.payload
    return {"part": p["part"], "stimulus": s["stimulus"], "emotion": p["emotion"], "intensity": p["intensity"],
            "context": s.get("context"), "response": p["response"], "correct": p["correct"], **_response(p)}


def _effort(t: Trial) -> dict[str, Any]:
    p, s = t.ended.payload, t.started.payload
    presses = [e for e in t.events if e.kind == "effort.press"]
    task = next((e for e in t.events if e.kind == "effort.task_started"), None)
    gaps = [e.payload["since_prev_ns"] for e in presses if e.payload.get("since_prev_ns") is not None]
    press_s = None if p.get("press_ns") in (None, 0) else p["press_ns"] / 1e9
    return {"probability": p["probability"], "easy_reward_cents": s["easy_reward_cents"],
            "hard_reward_cents": s["hard_reward_cents"], "choice": p["choice"], "choice_rt_ms": ms(p["choice_rt_ns"]),
            "required": p["required"], "presses": p["presses"], "completed": p["completed"],
            "task_onset_ms": None if task is None else ms(task.t_ns), "press_ms": ms(p.get("press_ns")),
            "press_rate": None if press_s is None else p["presses"] / press_s,
            "median_interpress_ms": ms(round(statistics.median(gaps))) if gaps else None,
            "mouse_presses": sum(1 for e in presses if e.payload.get("input") == "mouse"), "won": p["won"],
            "earned_cents": p["earned_cents"], "total_cents": p["total_cents"], "active_ms": ms(p["active_ns"])}


def _money(t: Trial) -> dict[str, Any]:
    p, s = t.ended.payload, t.started.payload
    available = p["available_cents"]
    return {"part": p["part"], "round": p["round"], "available_cents": available,
            "partner_sent_cents": s.get("partner_sent_cents"), "offer_cents": s.get("offer_cents"),
            "amount_cents": p["amount_cents"], "share": p["amount_cents"] / available if available else None,
            "accepted": p.get("accepted"), "partner_returned_cents": p.get("partner_returned_cents"),
            "candidate_cents": p["candidate_cents"], "partner_cents": p["partner_cents"],
            "total_cents": p["total_cents"], "adjustments": p["adjustments"], **_response(p)}


_ROWS: dict[str, Callable[[Trial], dict[str, Any]]] = {"igt": _igt, "tower": _tower, "faces": _faces,
                                                       "effort": _effort, "money": _money}


def trial_game_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord]) -> dict[str, list[dict[str, Any]]]:
    """The rows of one trial game of a session (a trial started again for any reason appears once: its last attempt)."""
    table = TRIAL_GAME_TABLES[game]
    rows = []
    for t in parse_trials(records, f"{game}.").trials:
        first = t.first or t.started
        span = TrialSpan(game, t.index, first.t_ns, t.ended.t_ns, first.seq, t.ended.seq)
        rows.append({**ctx.identity(game), "trial": t.index + 1, **_ROWS[game](t),
                     "onset_requested_ms": ms(t.started.payload.get("requested_t_ns")),
                     "onset_presented_ms": ms(t.started.t_ns), "end_ms": ms(t.ended.t_ns),
                     **ctx.flags(span, t.attempts)})
    return {table.name: rows}
