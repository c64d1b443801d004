"""Every export table, and turning one session into its rows of each (events are read once, scored once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from datasets.attention import FLANKER_TRIALS, STOP_TRIALS, flanker_rows, stop_signal_rows
from datasets.bart import BALLOONS, PUMPS, bart_rows
from datasets.context import SessionContext, SessionInput
from datasets.decision import INTERACTIONS, SCENARIOS, decision_rows
from datasets.memory import CARD_MOVES, DIGIT_SEQUENCES, card_match_rows, digit_span_rows
from datasets.rt import RT_GAMES, RT_TRIALS, rt_rows
from datasets.summary import SESSIONS, summary_row
from datasets.trial_games import TRIAL_GAME_TABLES, trial_game_rows
from eventlog.records import EventRecord
from scoring import Profile, ScoringError, score_session

__all__ = ["TABLES", "SessionRows", "session_rows"]

TABLES = (SESSIONS, BALLOONS, PUMPS, RT_TRIALS, SCENARIOS, INTERACTIONS,
          DIGIT_SEQUENCES, CARD_MOVES, FLANKER_TRIALS, STOP_TRIALS,  # issue 14's games
          *TRIAL_GAME_TABLES.values())  # issue 15's games
"""Every table, in the order they are written and documented."""

MEMORY_ATTENTION_ROWS = {"digit_span": digit_span_rows, "card_match": card_match_rows, "flanker": flanker_rows,
                         "stop_signal": stop_signal_rows}
GAME_TABLES = {"bart": (BALLOONS, PUMPS), **{g: (RT_TRIALS,) for g in RT_GAMES},
               "decision": (SCENARIOS, INTERACTIONS), "digit_span": (DIGIT_SEQUENCES,), "card_match": (CARD_MOVES,),
               "flanker": (FLANKER_TRIALS,), "stop_signal": (STOP_TRIALS,),
               **{g: (t,) for g, t in TRIAL_GAME_TABLES.items()}}


@dataclass(frozen=True)
class SessionRows:
    """One session's rows of every table, its events and its profile (None when it could not be scored)."""

    source: SessionInput
    records: list[EventRecord]
    rows: dict[str, list[dict[str, Any]]]
    profile: Profile | None
    scoring_error: str | None


def _profile(source: SessionInput, records: Sequence[EventRecord]) -> tuple[Profile | None, str | None]:
    try:
        stored = source.results()
        if stored is not None:
            return Profile.model_validate_json(stored), None
        return score_session(records), None
    except (ScoringError, ValueError) as exc:
        return None, str(exc).splitlines()[0]


def _by_game(records: Sequence[EventRecord]) -> dict[str, list[EventRecord]]:
    games: dict[str, list[EventRecord]] = {}
    for rec in records:
        if rec.game and rec.game in GAME_TABLES and rec.kind.split(".")[0] in (
                "bart", "rt", "decision", *MEMORY_ATTENTION_ROWS, *TRIAL_GAME_TABLES):
            games.setdefault(rec.game, []).append(rec)
    return games


def session_rows(source: SessionInput) -> SessionRows:
    """Read one session's events and turn them into rows of every table."""
    records = list(source.events())
    ctx = SessionContext.build(source, records)
    profile, error = _profile(source, records)
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    rows[SESSIONS.name].append(summary_row(ctx, profile, error))
    for game, recs in _by_game(records).items():
        if game in TRIAL_GAME_TABLES:
            made = trial_game_rows(ctx, game, recs)
        elif game == "bart":
            made = bart_rows(ctx, game, recs)
        elif game == "decision":
            made = decision_rows(ctx, game, recs, profile)
        elif game in MEMORY_ATTENTION_ROWS:
            made = MEMORY_ATTENTION_ROWS[game](ctx, game, recs)
        else:
            made = rt_rows(ctx, game, recs)
        for name, found in made.items():
            rows[name] += found
    return SessionRows(source, records, rows, profile, error)
