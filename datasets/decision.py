"""The decision game's tables: one row per scenario (decision_scenarios) and per interaction (decision_interactions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from datasets.columns import Column, TableSpec, col, from_payload
from datasets.context import FLAG_COLUMNS, IDENTITY_COLUMNS, SessionContext, TrialSpan, ms
from datasets.metrics import TASK_METRICS, metric_column
from eventlog.kinds import registered_kinds
from eventlog.records import EventRecord
from games.decision import events as ev
from scoring.model import Profile

__all__ = ["INTERACTIONS", "INTERACTION_KINDS", "SCENARIOS", "decision_rows"]

MAX_OPTIONS = next(m.max_length for m in ev.TaskStarted.model_fields["option_ids"].metadata
                   if hasattr(m, "max_length"))
INTERACTION_KINDS = tuple(sorted(kind for kind, model in registered_kinds().items()
                                 if kind.startswith("decision.") and "task_id" in model.model_fields))
"""Every decision event kind that belongs to a scenario (read from the registered payload models)."""

GAME = col("game", "string", "The game: `decision` (micro-decision scenarios, seeds 003/004).", enum=("decision",),
           nullable=False)
TRIAL = col("trial", "integer", "The scenario's number as the candidate saw it (1 = first scenario).", minimum=1,
            nullable=False, source="event trial column + 1")
TASK_ID = from_payload(ev.TaskStarted, "task_id", "The scenario's id (assets/scenarios/en/<id>.toml).", nullable=False)


def _option_columns() -> tuple[Column, ...]:
    return tuple(col(f"option_{i}_id", "string", f"The id of the option shown in place {i} (n/a when the scenario "
                     f"had fewer than {i} options).", source="decision.task_started.option_ids")
                 for i in range(1, MAX_OPTIONS + 1))


SCENARIOS = TableSpec(
    name="decision_scenarios", title="Decision game: scenarios", row="scenario (its last attempt)",
    description="Every scenario: what was shown, the first and final choice, the reasoning, its timing and the "
                "per-scenario metrics of scoring.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, GAME, TRIAL, TASK_ID,
        from_payload(ev.TaskStarted, "category", "The scenario's category (seed 004, 2.2)."),
        col("options", "integer", "How many options were shown.", minimum=0, source="decision.task_started"),
        *_option_columns(),
        from_payload(ev.TaskStarted, "reasoning_required", "A written reason was required to finish."),
        from_payload(ev.TaskStarted, "min_reasoning_chars", "The shortest reasoning accepted.", unit="characters"),
        from_payload(ev.TaskStarted, "soft_time_limit_s", "The suggested time (n/a: none).", unit="s"),
        from_payload(ev.TaskStarted, "requested_t_ns", "When the scenario was asked for, from the session start.",
                     name="onset_requested_ms", ns_to_ms=True),
        col("onset_presented_ms", "number", "When the scenario was presented, from the session start.", unit="ms",
            minimum=0, source="decision.task_started.t_ns"),
        from_payload(ev.OptionSelected, "option_id", "The first option selected.", name="first_option_id"),
        from_payload(ev.OptionSelected, "risk_level", "Risk level of the first option selected.", name="first_risk"),
        col("first_selection_latency_ms", "number", "From the presented onset to the first selection (not corrected "
            "for freezes; see first_decision_ms).", unit="ms", minimum=0),
        from_payload(ev.TaskCompleted, "option_id", "The option held when the scenario was finished.",
                     name="final_option_id"),
        from_payload(ev.TaskCompleted, "risk_level", "Risk level of the final option.", name="final_risk_level"),
        from_payload(ev.TaskCompleted, "soft_limit_exceeded", "Finished after the suggested time."),
        from_payload(ev.ReasoningSubmitted, "text", "The reasoning as submitted (free text written by the candidate).",
                     name="reasoning_text"),
        from_payload(ev.ReasoningSubmitted, "chars", "Characters of the submitted reasoning.",
                     name="reasoning_chars", unit="characters"),
        col("focus_away_ms", "number", "Time the game window was not active during the scenario.", unit="ms",
            minimum=0, source="decision.focus_gained.away_ns"),
        col("completed_ms", "number", "When the scenario was finished, from the session start.", unit="ms",
            minimum=0, source="decision.task_completed.t_ns"),
        *(metric_column(k, k.split(".", 1)[1]) for k in TASK_METRICS),
        *FLAG_COLUMNS,
    ),
)

INTERACTIONS = TableSpec(
    name="decision_interactions", title="Decision game: interactions", row="event of a scenario",
    description="Every view, selection, change, reasoning step, idle spell and focus change inside a scenario.",
    key=("session_id", "game", "trial", "event_index"), bids="events",
    columns=(
        *IDENTITY_COLUMNS, GAME, TRIAL, TASK_ID,
        col("event_index", "integer", "The event's order within the scenario (1 = task_started).", minimum=1),
        col("kind", "string", "The event kind (docs/EVENTS.md).", enum=INTERACTION_KINDS, nullable=False),
        col("t_ms", "number", "When it happened (for views and idle spells: when they ended), from the session start.",
            unit="ms", minimum=0, source="event t_ns"),
        col("since_onset_ms", "number", "From the scenario's presented onset.", unit="ms"),
        col("option_id", "string", "The option viewed, selected, changed to or completed with.",
            source="option_id / to_option"),
        from_payload(ev.OptionChanged, "from_option", "The option changed from (option_changed only)."),
        col("risk_level", "string", "Risk level of option_id (selections, changes and completion).", enum=("low",
            "medium", "high"), source="risk_level / to_risk"),
        from_payload(ev.OptionChanged, "from_risk", "Risk level of from_option (option_changed only)."),
        from_payload(ev.OptionViewed, "via", "How the option was looked at (option_viewed only)."),
        from_payload(ev.OptionViewed, "duration_ns", "How long the option was looked at.", name="view_duration_ms",
                     ns_to_ms=True),
        from_payload(ev.IdleDetected, "idle_duration_ms", "Length of the idle spell (idle_detected only).", unit="ms"),
        from_payload(ev.FocusGained, "away_ns", "Time away since focus_lost (focus_gained only).", name="away_ms",
                     ns_to_ms=True),
        col("chars", "integer", "Characters of the reasoning so far (reasoning_updated, reasoning_submitted).",
            minimum=0, unit="characters"),
        col("words", "integer", "Words of the reasoning so far (reasoning_updated, reasoning_submitted).",
            minimum=0, unit="words"),
    ),
)


@dataclass
class _Task:
    index: int
    events: list[EventRecord]
    attempts: int = 1
    first_seq: int = 0
    first_t: int = 0


def _first(events: Sequence[EventRecord], kind: str) -> EventRecord | None:
    return next((e for e in events if e.kind == kind), None)


def _last(events: Sequence[EventRecord], kind: str) -> EventRecord | None:
    return next((e for e in reversed(events) if e.kind == kind), None)


def _task_metrics(profile: Profile | None, task_id: str) -> dict[str, Any]:
    game = profile.game("decision") if profile else None
    out: dict[str, Any] = {}
    for key in TASK_METRICS:
        m = game.metric(key, task_id) if game else None
        out[key.split(".", 1)[1]] = None if m is None or m.insufficient is not None else m.value
    return out


def _scenario_row(ctx: SessionContext, task: _Task, profile: Profile | None) -> dict[str, Any]:
    evs = task.events
    start, done = evs[0], evs[-1]
    sp, dp = start.payload, done.payload
    options = list(sp.get("option_ids", []))
    picked = _first(evs, "decision.option_selected")
    text = _last(evs, "decision.reasoning_submitted")
    span = TrialSpan("decision", task.index, task.first_t, done.t_ns, task.first_seq, done.seq)
    return {
        **ctx.identity("decision"), "trial": task.index + 1, "task_id": sp["task_id"], "category": sp["category"],
        "options": len(options),
        **{f"option_{i}_id": options[i - 1] if i <= len(options) else None for i in range(1, MAX_OPTIONS + 1)},
        "reasoning_required": sp["reasoning_required"], "min_reasoning_chars": sp["min_reasoning_chars"],
        "soft_time_limit_s": sp.get("soft_time_limit_s"), "onset_requested_ms": ms(sp.get("requested_t_ns")),
        "onset_presented_ms": ms(start.t_ns),
        "first_option_id": picked.payload["option_id"] if picked else None,
        "first_risk": picked.payload["risk_level"] if picked else None,
        "first_selection_latency_ms": ms(picked.t_ns - start.t_ns) if picked else None,
        "final_option_id": dp["option_id"], "final_risk_level": dp["risk_level"],
        "soft_limit_exceeded": dp["soft_limit_exceeded"],
        "reasoning_text": text.payload["text"] if text else None,
        "reasoning_chars": text.payload["chars"] if text else None,
        "focus_away_ms": ms(sum(e.payload["away_ns"] for e in evs if e.kind == "decision.focus_gained")),
        "completed_ms": ms(done.t_ns), **_task_metrics(profile, sp["task_id"]), **ctx.flags(span, task.attempts),
    }


def _interaction_row(ctx: SessionContext, task: _Task, i: int, rec: EventRecord) -> dict[str, Any]:
    p = rec.payload
    return {
        **ctx.identity("decision"), "trial": task.index + 1, "task_id": p["task_id"], "event_index": i,
        "kind": rec.kind, "t_ms": ms(rec.t_ns), "since_onset_ms": ms(rec.t_ns - task.events[0].t_ns),
        "option_id": p.get("option_id", p.get("to_option")), "from_option": p.get("from_option"),
        "risk_level": p.get("risk_level", p.get("to_risk")), "from_risk": p.get("from_risk"), "via": p.get("via"),
        "view_duration_ms": ms(p.get("duration_ns")), "idle_duration_ms": p.get("idle_duration_ms"),
        "away_ms": ms(p.get("away_ns")), "chars": p.get("chars"), "words": p.get("words"),
    }


def decision_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord],
                  profile: Profile | None = None) -> dict[str, list[dict[str, Any]]]:
    """Scenario and interaction rows of the decision game (a scenario started again appears once)."""
    rows: dict[str, list[dict[str, Any]]] = {SCENARIOS.name: [], INTERACTIONS.name: []}
    current: _Task | None = None
    attempts: dict[str, tuple[int, int, int]] = {}
    for rec in records:
        if rec.kind == "decision.task_started":
            task_id = rec.payload["task_id"]
            n, seq, t = attempts.get(task_id, (0, rec.seq, rec.t_ns))
            attempts[task_id] = (n + 1, seq, t)
            current = _Task(rec.trial if rec.trial is not None else len(rows[SCENARIOS.name]), [rec], n + 1, seq, t)
        elif current is not None and rec.payload.get("task_id") == current.events[0].payload["task_id"]:
            current.events.append(rec)
            if rec.kind == "decision.task_completed":
                rows[SCENARIOS.name].append(_scenario_row(ctx, current, profile))
                rows[INTERACTIONS.name] += [_interaction_row(ctx, current, i, e)
                                            for i, e in enumerate(current.events, start=1)]
                current = None
    return rows
