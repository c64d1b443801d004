"""The reaction-time family's table (rt_trials): one row per trial of simple RT, choice RT and go/no-go."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from datasets.columns import TableSpec, col, from_payload
from datasets.context import FLAG_COLUMNS, IDENTITY_COLUMNS, SessionContext, TrialSpan, ms
from eventlog.records import EventRecord
from games.reaction.events import (
    Response,
    RtGameStarted,
    StimulusOnset,
    TrialEnded,
    TrialStarted,
)
from games.reaction.rules import CLICK_PREFIX
from scoring import SCORING_VERSION
from scoring.tables import table_for

__all__ = ["RT_GAMES", "RT_TRIALS", "rt_rows"]

RT_GAMES = ("simple_rt", "choice_rt", "go_nogo")
_T = table_for(SCORING_VERSION)["rt"]
VALID_MIN_MS = float(_T["valid_min_ms"])
LAPSE_MS = float(_T["lapse_ms"])

RT_TRIALS = TableSpec(
    name="rt_trials", title="Reaction-time games: trials", row="trial (its last attempt)",
    description="Every trial of simple RT, choice RT and go/no-go: stimulus, foreperiod, onset, response, latency "
                "and outcome, with the anticipation and lapse flags scoring uses.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS,
        col("game", "string", "The game: simple RT, choice RT or go/no-go (docs/REACTION.md).", enum=RT_GAMES,
            nullable=False),
        col("trial", "integer", "The trial's number as the candidate saw it (1 = first trial).", minimum=1,
            nullable=False, source="event trial column + 1"),
        from_payload(RtGameStarted, "variant", "The variant of the game."),
        from_payload(TrialStarted, "stimulus", "The stimulus shown (a position in choice RT; go/no-go shape)."),
        from_payload(TrialStarted, "is_go", "A response is called for (false on a no-go trial)."),
        from_payload(TrialStarted, "correct_key", "The key that answers correctly (n/a on a no-go trial)."),
        from_payload(RtGameStarted, "timeout_ms", "The response window after the presented onset.", unit="ms"),
        from_payload(TrialStarted, "foreperiod_ns", "The drawn foreperiod of the last attempt, from trial start to "
                     "the planned onset.", name="foreperiod_ms", ns_to_ms=True),
        col("trial_start_ms", "number", "When the last attempt began (fixation shown), from the session start.",
            unit="ms", minimum=0, source="rt.trial_started.t_ns"),
        from_payload(StimulusOnset, "requested_t_ns", "When the stimulus was asked for, from the session start.",
                     name="onset_requested_ms", ns_to_ms=True),
        from_payload(StimulusOnset, "presented_t_ns", "When the stimulus frame was presented (latencies count from "
                     "here), from the session start.", name="onset_presented_ms", ns_to_ms=True),
        col("foreperiod_actual_ms", "number", "The foreperiod actually given: onset requested minus trial start.",
            unit="ms", source="rt.stimulus_onset.requested_t_ns - rt.trial_started.t_ns"),
        from_payload(Response, "key", "The key answered with (n/a without a response); on-screen buttons are "
                     f"`{CLICK_PREFIX}<key>`.", name="response_key"),
        col("response_input", "string", "How the response was given: `key` or `mouse` (n/a without a response).",
            enum=("key", "mouse")),
        from_payload(Response, "latency_ns", "From the presented onset to the response (rt.response or "
                     "rt.commission; n/a without a response).", name="latency_ms", ns_to_ms=True),
        from_payload(Response, "qt_event_ms", "Qt's own timestamp of the response (arbitrary origin).", unit="ms"),
        from_payload(TrialEnded, "outcome", "`hit` right key in time; `error` wrong key (choice RT); `omission` no "
                     "response on a go trial; `commission` response on a no-go trial; `withheld` none on a no-go."),
        col("correct", "boolean", "The trial went as asked: outcome `hit` or `withheld`."),
        col("valid", "boolean", f"A response in the valid range {VALID_MIN_MS:g} ms <= latency < timeout "
            "(Whelan 2008), the responses reaction-time statistics use.", source=f"scoring {SCORING_VERSION} "
            "rt.valid_min_ms"),
        col("anticipation", "boolean", f"A false start on this trial, or a response under {VALID_MIN_MS:g} ms "
            "(counted in rt.anticipations).", source="rt.false_start; rt.valid_min_ms"),
        col("false_starts", "integer", "Responses before the onset on this trial (each repeated the trial).",
            minimum=0, source="rt.false_start"),
        col("lapse", "boolean", f"A valid response of {LAPSE_MS:g} ms or slower (counted in rt.lapses; "
            "Dinges & Powell 1985).", source=f"scoring {SCORING_VERSION} rt.lapse_ms"),
        col("end_ms", "number", "When the trial ended (response or end of the window), from the session start.",
            unit="ms", minimum=0, source="rt.trial_ended.t_ns"),
        *FLAG_COLUMNS,
    ),
)


@dataclass
class _Trial:
    index: int
    started: EventRecord
    attempts: int = 1
    first_seq: int = 0
    first_t: int = 0
    false_starts: int = 0
    onset: EventRecord | None = None
    response: EventRecord | None = None


def _row(ctx: SessionContext, game: str, tr: _Trial, end: EventRecord, game_p: dict[str, Any]) -> dict[str, Any]:
    sp = tr.started.payload
    onset = tr.onset.payload if tr.onset else {}
    resp = tr.response.payload if tr.response else {}
    latency = resp.get("latency_ns")
    latency_ms = ms(latency)
    timeout = game_p.get("timeout_ms")
    valid = latency_ms is not None and timeout is not None and VALID_MIN_MS <= latency_ms < timeout
    key = resp.get("key")
    outcome = end.payload["outcome"]
    span = TrialSpan(game, tr.index, tr.first_t, end.t_ns, tr.first_seq, end.seq)
    requested = onset.get("requested_t_ns")
    return {
        **ctx.identity(game), "trial": tr.index + 1, "variant": sp.get("variant", game_p.get("variant")),
        "stimulus": sp["stimulus"], "is_go": sp["is_go"], "correct_key": sp.get("correct_key"),
        "timeout_ms": timeout, "foreperiod_ms": ms(sp["foreperiod_ns"]), "trial_start_ms": ms(tr.started.t_ns),
        "onset_requested_ms": ms(requested), "onset_presented_ms": ms(onset.get("presented_t_ns")),
        "foreperiod_actual_ms": None if requested is None else ms(requested - tr.started.t_ns),
        "response_key": key,
        "response_input": None if key is None else "mouse" if key.startswith(CLICK_PREFIX) else "key",
        "latency_ms": latency_ms, "qt_event_ms": resp.get("qt_event_ms"), "outcome": outcome,
        "correct": outcome in ("hit", "withheld"), "valid": valid,
        "anticipation": tr.false_starts > 0 or (latency_ms is not None and latency_ms < VALID_MIN_MS),
        "false_starts": tr.false_starts, "lapse": valid and latency_ms is not None and latency_ms >= LAPSE_MS,
        "end_ms": ms(end.t_ns), **ctx.flags(span, tr.attempts),
    }


def rt_rows(ctx: SessionContext, game: str, records: Sequence[EventRecord]) -> dict[str, list[dict[str, Any]]]:
    """The trial rows of one reaction-time game of a session (a trial repeated for any reason appears once)."""
    rows: list[dict[str, Any]] = []
    open_: dict[int, _Trial] = {}
    game_p: dict[str, Any] = {}
    for rec in records:
        p, kind = rec.payload, rec.kind
        if kind == "rt.game_started":
            game_p = p
        elif kind == "rt.trial_started":
            old = open_.get(p["trial"])
            new = _Trial(p["trial"], rec, first_seq=rec.seq, first_t=rec.t_ns)
            if old is not None:
                new.attempts, new.first_seq, new.first_t = old.attempts + 1, old.first_seq, old.first_t
                new.false_starts = old.false_starts
            open_[p["trial"]] = new
        elif p.get("trial") in open_:
            tr = open_[p["trial"]]
            if kind == "rt.stimulus_onset":
                tr.onset = rec
            elif kind in ("rt.response", "rt.commission"):
                tr.response = rec
            elif kind == "rt.false_start":
                tr.false_starts += 1
            elif kind == "rt.trial_ended":
                rows.append(_row(ctx, game, open_.pop(p["trial"]), rec, game_p))
    return {RT_TRIALS.name: rows}
