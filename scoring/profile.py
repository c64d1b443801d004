"""score_session: events -> metrics -> traits -> interpretations -> profile, for one scoring version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.bart import bart_traits, intervals_ms, score_bart
from scoring.comparability import mark_comparability
from scoring.context import reasoning_language, session_context
from scoring.decision import decision_traits, score_decision, summary
from scoring.errors import UnknownScoringVersion
from scoring.interpret import interpret, recruiter_texts
from scoring.memory_attention import score_memory_attention
from scoring.model import GameResult, Profile, Trait
from scoring.quality import quality_flags
from scoring.rt import RtGame, rt_traits, score_rt, valid_rts
from scoring.stream import parse_stream
from scoring.tables import TABLES
from scoring.trial_games import score_trial_games

__all__ = ["SCORING_VERSION", "SUPPORTED_VERSIONS", "rescore_canonical", "score_session"]

SCORING_VERSION = "1.3.0"
SUPPORTED_VERSIONS: tuple[str, ...] = tuple(TABLES)


def _tables(version: str | None) -> tuple[str, Any]:
    chosen = SCORING_VERSION if version is None else version
    if chosen not in TABLES:
        raise UnknownScoringVersion(chosen, SUPPORTED_VERSIONS)
    return chosen, TABLES[chosen]


def _rt_names(games: dict[str, list[EventRecord]]) -> list[str]:
    names = [name for name, recs in games.items() if recs[0].kind.startswith("rt.")]
    return sorted(names, key=lambda n: games[n][0].seq)


def score_session(records: Sequence[EventRecord], version: str | None = None) -> Profile:
    """Score one whole session stream (session.opened .. session.closed) with a scoring version."""
    chosen, tables = _tables(version)
    stream = parse_stream(records)
    games: list[GameResult] = []
    traits: list[Trait] = []
    series: dict[str, list[float]] = {}
    presses: dict[str, list[float]] = {}
    if "bart" in stream.games:
        result, balloons = score_bart(stream.games["bart"], tables)
        games.append(result)
        traits += bart_traits(balloons, tables)
        series[N_("bart inter-pump times")] = presses[N_("pumps")] = intervals_ms(balloons)
    rt_games: list[RtGame] = []
    for name in _rt_names(stream.games):
        result, rt_game = score_rt(name, stream.games[name], tables)
        games.append(result)
        rt_games.append(rt_game)
        series[N_("{game} reaction times").format(game=name)] = valid_rts(rt_game, tables["rt"], hits_only=False)
    if rt_games:
        traits += rt_traits(rt_games, tables)
    interpretations = []
    stability = None
    context = session_context(stream)
    keywords, language = reasoning_language(context, tables["decision"]) if "keyword_tables" in tables["decision"] \
        else (None, None)
    if "decision" in stream.games:
        result, tasks = score_decision(stream.games["decision"], tables, stream.freezes, keywords)
        games.append(result)
        traits += decision_traits(tasks, tables)
        interpretations = interpret(tasks, tables)
        stability = summary(tasks, tables["decision"])["stability"] if tasks else None
    more_games, more_traits, more_series = score_memory_attention(stream.games, tables)  # issue 14's games
    games, traits = games + more_games, traits + more_traits
    series.update(more_series)
    trial_results, trial_traits = score_trial_games(stream.games, tables)  # IGT, tower, faces, effort, money
    games += trial_results
    traits += trial_traits
    notes, strengths, considerations = recruiter_texts(interpretations, traits, stability, tables)
    accommodations = None
    if "accommodations" in tables and context.accommodations is not None:
        games, traits, interpretations, accommodations = mark_comparability(
            context.accommodations, tables["accommodations"], games, traits, interpretations)
    return Profile(
        scoring_version=chosen, session_id=stream.session_id, participant=stream.participant,
        games=games, traits=traits, interpretations=interpretations, recruiter_notes=notes,
        strengths=strengths, considerations=considerations,
        quality=quality_flags(stream, games, series, tables, presses), language=language,
        accommodations=accommodations,
    )


def rescore_canonical(records: Sequence[EventRecord], version: str) -> bytes:
    """The canonical JSON a given scoring version produces for these events (UnknownScoringVersion if unknown)."""
    return score_session(records, version).canonical_json()
