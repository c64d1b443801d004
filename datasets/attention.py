"""The attention games' tables: a row per trial of the flanker (flanker_trials) and stop-signal (stop_signal_trials)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from datasets.columns import Column, TableSpec, col, from_payload
from datasets.context import FLAG_COLUMNS, IDENTITY_COLUMNS, SessionContext, TrialSpan, ms
from datasets.memory import collect_attempts
from eventlog.records import EventRecord
from games.flanker import events as fl
from games.stop_signal import events as ss
from scoring import SCORING_VERSION
from scoring.tables import table_for

__all__ = ["FLANKER_TRIALS", "STOP_TRIALS", "flanker_rows", "stop_signal_rows"]

VALID_MIN_MS = float(table_for(SCORING_VERSION)["flanker"]["valid_min_ms"])


def _timing(kind: str) -> tuple[Column, ...]:
    """The columns every timed trial has: game, trial, fixation and onset stamps, the response, the end."""
    return (
        col("trial", "integer", "The trial's number (1 = first).", minimum=1, nullable=False,
            source="event trial column + 1"),
        col("fixation_ms", "number", "The planned fixation before the stimulus.", unit="ms", minimum=0,
            source=f"{kind}.trial_started.fixation_ns"),
        col("trial_start_ms", "number", "When the last attempt's fixation began, from the session start.", unit="ms",
            minimum=0, source=f"{kind}.trial_started.t_ns"),
        col("onset_requested_ms", "number", "When the stimulus was asked for, from the session start.", unit="ms",
            minimum=0, source=f"{kind}.stimulus_onset.requested_t_ns"),
        col("onset_presented_ms", "number", "When the stimulus was presented (latencies count from here).",
            unit="ms", minimum=0, source=f"{kind}.stimulus_onset.presented_t_ns"),
        col("response_key", "string", "The key answered (n/a: none).", enum=("Left", "Right"),
            source=f"{kind}.response.key"),
        col("response_input", "string", "`key` or `mouse` (the on-screen buttons; n/a: no response).",
            enum=("key", "mouse"), source=f"{kind}.response.input"),
        col("latency_ms", "number", "From the presented onset to the response (n/a: none).", unit="ms", minimum=0,
            source=f"{kind}.response.latency_ns"),
        col("qt_event_ms", "number", "Qt's own timestamp of the response (arbitrary origin).", unit="ms",
            source=f"{kind}.response.qt_event_ms"),
    )


FLANKER_TRIALS = TableSpec(
    name="flanker_trials", title="Arrows (flanker): trials", row="trial (its last attempt)",
    description="Every trial of the conflict and rule-switch blocks: the display, the rule, the response and the "
                "outcome.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, col("game", "string", "The game: `flanker` (Eriksen & Eriksen 1974, arrows).",
                               enum=("flanker",), nullable=False),
        *_timing("flanker")[:1],
        from_payload(fl.FlankerTrialStarted, "block", "`conflict`: answer the middle arrow; `switch`: the rule "
                     "changes."),
        from_payload(fl.FlankerTrialStarted, "condition", "The outer arrows point the same way, the other way, or are "
                     "plain lines."),
        from_payload(fl.FlankerTrialStarted, "target", "The middle arrow's direction."),
        from_payload(fl.FlankerTrialStarted, "flankers", "The outer arrows' direction (n/a: plain lines)."),
        from_payload(fl.FlankerTrialStarted, "rule", "Which arrows to answer: `centre` (blue, solid, framed middle) "
                     "or `flankers` (orange, outlined, framed outer arrows)."),
        from_payload(fl.FlankerTrialStarted, "switch", "The rule differs from the previous trial's (n/a: conflict "
                     "block, or the switch block's first trial)."),
        from_payload(fl.FlankerTrialStarted, "correct_key", "The key that answers the trial."),
        *_timing("flanker")[1:],
        from_payload(fl.FlankerTrialEnded, "outcome", "`correct`, `error` (the other key) or `omission` (none in "
                     "time)."),
        col("valid", "boolean", f"A correct response of at least {VALID_MIN_MS:g} ms, as the RT metrics use.",
            source=f"scoring {SCORING_VERSION} flanker.valid_min_ms"),
        col("end_ms", "number", "When the trial ended, from the session start.", unit="ms", minimum=0,
            source="flanker.trial_ended.t_ns"),
        *FLAG_COLUMNS,
    ),
)

STOP_TRIALS = TableSpec(
    name="stop_signal_trials", title="Stop signal: trials", row="trial (its last attempt)",
    description="Every trial: the arrow, whether a stop signal came and at which delay, the response and the outcome "
                "(the single-trial data the consensus guide asks to share).",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, col("game", "string", "The game: `stop_signal` (Verbruggen et al. 2019).",
                               enum=("stop_signal",), nullable=False),
        *_timing("stop_signal")[:1],
        col("block", "integer", "The block's number (1 = first).", minimum=1, source="stop_signal.trial_started.block"),
        from_payload(ss.StopTrialStarted, "stop", "A stop signal was due on this trial."),
        from_payload(ss.StopTrialStarted, "direction", "The arrow's direction."),
        from_payload(ss.StopTrialStarted, "correct_key", "The key the arrow asks for."),
        from_payload(ss.StopTrialStarted, "ssd_ms", "The planned stop-signal delay from the staircase (n/a: go "
                     "trial).", name="ssd_planned_ms", unit="ms"),
        col("ssd_real_ms", "number", "The real delay: presented stop signal minus presented arrow (n/a: no signal "
            "shown, e.g. a response came first).", unit="ms", minimum=0, source="stop_signal.stop_onset.ssd_ns"),
        col("signal_presented_ms", "number", "When the stop signal was presented, from the session start.", unit="ms",
            minimum=0, source="stop_signal.stop_onset.presented_t_ns"),
        *_timing("stop_signal")[1:],
        from_payload(ss.StopResponse, "after_signal", "On a stop trial: the response came after the signal was shown "
                     "(n/a: go trial or no response)."),
        from_payload(ss.StopTrialEnded, "outcome", "`go_correct`, `go_error`, `go_omission`, `stop_success` (no "
                     "response) or `stop_failure` (any response)."),
        from_payload(ss.StopTrialEnded, "next_ssd_ms", "The delay the next stop trial uses.", unit="ms"),
        col("end_ms", "number", "When the trial ended, from the session start.", unit="ms", minimum=0,
            source="stop_signal.trial_ended.t_ns"),
        *FLAG_COLUMNS,
    ),
)


def _timed_row(ctx: SessionContext, game: str, events: Sequence[EventRecord], end: EventRecord) -> dict[str, Any]:
    started = events[0].payload
    onset = next((e.payload for e in events if e.kind.endswith(".stimulus_onset")), {})
    response = next((e.payload for e in events if e.kind.endswith(".response")), {})
    return {
        **ctx.identity(game), "trial": events[0].trial + 1 if events[0].trial is not None else None,
        "fixation_ms": ms(started.get("fixation_ns")), "trial_start_ms": ms(events[0].t_ns),
        "onset_requested_ms": ms(onset.get("requested_t_ns")), "onset_presented_ms": ms(onset.get("presented_t_ns")),
        "response_key": response.get("key"), "response_input": response.get("input"),
        "latency_ms": ms(response.get("latency_ns")), "qt_event_ms": response.get("qt_event_ms"),
        "outcome": end.payload["outcome"], "end_ms": ms(end.t_ns),
    }


def _rows(ctx: SessionContext, game: str, records: Sequence[EventRecord], ns: str,
          table: TableSpec) -> list[dict[str, Any]]:
    names = set(table.names)
    rows = []
    for attempt, end in collect_attempts(records, f"{ns}trial_started", f"{ns}trial_ended"):
        row = _timed_row(ctx, game, attempt.events, end)
        row.update({k: v for k, v in attempt.events[0].payload.items() if k in names})  # the plan, as recorded
        signal = next((e for e in attempt.events if e.kind == f"{ns}stop_onset"), None)
        response = next((e.payload for e in attempt.events if e.kind == f"{ns}response"), {})
        row.update({
            "trial": attempt.index + 1, "outcome": end.payload["outcome"],
            "ssd_planned_ms": attempt.events[0].payload.get("ssd_ms"),
            "ssd_real_ms": ms(signal.payload["ssd_ns"]) if signal else None,
            "signal_presented_ms": ms(signal.t_ns) if signal else None,
            "after_signal": response.get("after_signal"), "next_ssd_ms": end.payload.get("next_ssd_ms"),
            "valid": end.payload["outcome"] == "correct" and (row["latency_ms"] or 0.0) >= VALID_MIN_MS,
            **ctx.flags(TrialSpan(game, attempt.index, attempt.first_t, end.t_ns, attempt.first_seq, end.seq),
                        attempt.attempts),
        })
        if ns == "stop_signal.":
            row["block"] = attempt.events[0].payload["block"] + 1
        rows.append({k: v for k, v in row.items() if k in names})
    return rows


def flanker_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord]) -> dict[str, list[dict[str, Any]]]:
    """The trial rows of one flanker game."""
    return {FLANKER_TRIALS.name: _rows(ctx, game, records, "flanker.", FLANKER_TRIALS)}


def stop_signal_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord]) -> dict[str, list[dict[str, Any]]]:
    """The trial rows of one stop-signal game."""
    return {STOP_TRIALS.name: _rows(ctx, game, records, "stop_signal.", STOP_TRIALS)}
