"""What every scoring metric is, for the codebook: type, unit (as scoring states it) and meaning (docs/SCORING.md).

A test scores sessions of every game and checks that the metrics scoring emits, with their units, are exactly
the ones listed here, so a metric added to scoring cannot be silently left out of the exports.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasets.columns import Column, ColumnType, col
from datasets.trial_metrics import TRIAL_GAME_METRICS, TRIAL_METRIC_DOCS

__all__ = ["GAME_METRICS", "METRICS", "TASK_METRICS", "MetricDoc", "game_variant", "metric_column"]


@dataclass(frozen=True)
class MetricDoc:
    """One metric key: its column type, the unit scoring gives it and its meaning."""

    type: ColumnType
    unit: str
    meaning: str
    enum: tuple[str, ...] = ()


_RISK = ("low", "medium", "high")
METRICS: dict[str, MetricDoc] = {
    "bart.balloons": MetricDoc("integer", "balloons", "Finished balloons."),
    "bart.adjusted_pumps": MetricDoc("number", "pumps", "Mean pumps over unburst balloons: the primary BART score "
                                     "(Pleskac et al. 2008); needs 5 unburst balloons."),
    "bart.mean_pumps": MetricDoc("number", "pumps", "Mean pumps over all balloons (unadjusted)."),
    "bart.bursts": MetricDoc("integer", "balloons", "Balloons that burst."),
    "bart.earnings_cents": MetricDoc("integer", "cents", "Sum of the collected amounts."),
    "bart.cv_pumps": MetricDoc("number", "ratio", "Coefficient of variation (sample SD / mean) of pumps on "
                               "unburst balloons."),
    "bart.response_to_losses": MetricDoc("number", "pumps", "Mean pumps on unburst balloons after a burst minus after "
                                         "a collect (needs 2 of each)."),
    "bart.learning": MetricDoc("number", "pumps", "Mean pumps on unburst balloons of the last third minus the first "
                               "third (needs 9 balloons)."),
    "bart.median_interpump_ms": MetricDoc("number", "ms", "Median time between consecutive pumps of a balloon "
                                          "(needs 10 intervals)."),
    "bart.rapid_share": MetricDoc("number", "share", "Pumps flagged rapid over all inter-pump intervals."),
    "rt.trials": MetricDoc("integer", "trials", "Finished trials (a repeated trial counts once)."),
    "rt.valid_n": MetricDoc("integer", "responses", "Valid responses (100 ms <= RT < timeout)."),
    "rt.false_starts": MetricDoc("integer", "responses", "Responses before the onset."),
    "rt.anticipations": MetricDoc("integer", "responses", "False starts plus responses under 100 ms."),
    "rt.anticipation_rate": MetricDoc("number", "share", "Anticipations / (responses + false starts)."),
    "rt.lapses": MetricDoc("integer", "responses", "Valid responses of 500 ms or slower."),
    "rt.lapse_rate": MetricDoc("number", "share", "Lapses / valid responses."),
    "rt.omissions": MetricDoc("integer", "trials", "Go trials with no response in the window."),
    "rt.median_rt_ms": MetricDoc("number", "ms", "Median RT of valid hits (needs 10)."),
    "rt.mean_rt_ms": MetricDoc("number", "ms", "Mean RT of valid hits (needs 10)."),
    "rt.sd_rt_ms": MetricDoc("number", "ms", "Sample SD of the RT of valid hits (needs 10)."),
    "rt.cv_rt": MetricDoc("number", "ratio", "SD / mean of the RT of valid hits (needs 10)."),
    "rt.slow_tail_ms": MetricDoc("number", "ms", "Mean of the slowest 20 % of valid hits minus their median."),
    "rt.accuracy": MetricDoc("number", "share", "Choice RT: hits / answered trials with RT >= 100 ms (needs 10)."),
    "rt.commission_rate": MetricDoc("number", "share", "Go/no-go: commissions / no-go trials."),
    "rt.omission_rate": MetricDoc("number", "share", "Go/no-go: omissions / go trials."),
    "rt.hit_rt_ms": MetricDoc("number", "ms", "Go/no-go: median valid hit RT."),
    "rt.dprime": MetricDoc("number", "d'", "Go/no-go: z(H) - z(FA) with the log-linear correction (Hautus 1995)."),
    "decision.tasks_completed": MetricDoc("integer", "tasks", "Completed scenarios."),
    "decision.risk_low_count": MetricDoc("integer", "tasks", "Scenarios finished on a low-risk option."),
    "decision.risk_medium_count": MetricDoc("integer", "tasks", "Scenarios finished on a medium-risk option."),
    "decision.risk_high_count": MetricDoc("integer", "tasks", "Scenarios finished on a high-risk option."),
    "decision.risk_preference": MetricDoc("string", "", "low / high if more than 60 % of the scenarios; balanced if "
                                          "|low - high| < 20 %; else medium (seed 004).",
                                          ("low", "medium", "high", "balanced")),
    "decision.decision_consistency": MetricDoc("number", "0-1", "1 - SD / mean of first-decision times, clamped."),
    "decision.reasoning_engagement": MetricDoc("number", "0-1", "Mean over scenarios of min(1, words / 25)."),
    "decision.attention_stability": MetricDoc("number", "0-1", "1 - (idle + away time) / total scenario time."),
    "decision.mean_hesitation_s": MetricDoc("number", "s", "Mean hesitation (total - active time) per scenario."),
    "decision.mean_changes": MetricDoc("number", "count", "Mean option changes per scenario."),
    "decision.mean_reasoning_depth": MetricDoc("number", "0-1", "Mean reasoning depth (seed 004 formula)."),
    "decision.mean_first_decision_ms": MetricDoc("number", "ms", "Mean time to the first selection."),
    "decision.total_time_ms": MetricDoc("number", "ms", "task_completed minus task_started, less time the station "
                                        "froze the game (1.1.0)."),
    "decision.active_time_ms": MetricDoc("number", "ms", "Sum of gaps under 5 s between consecutive events of the "
                                         "scenario (less freezes, 1.1.0)."),
    "decision.hesitation_ms": MetricDoc("number", "ms", "Total time minus active time."),
    "decision.first_decision_ms": MetricDoc("number", "ms", "From task_started to the first selection, less freezes "
                                            "before it (1.1.0)."),
    "decision.changes": MetricDoc("integer", "count", "Option changes after the first selection."),
    "decision.options_viewed": MetricDoc("integer", "count", "Option views (hover or keyboard focus)."),
    "decision.unique_options_viewed": MetricDoc("integer", "count", "Distinct options viewed."),
    "decision.reasoning_words": MetricDoc("integer", "words", "Words of the submitted reasoning (whitespace split)."),
    "decision.logical_keywords": MetricDoc("integer", "count", "Logical keywords found in the reasoning."),
    "decision.keyword_score": MetricDoc("number", "points", "Sum of the keywords' weights (seed 004, 7.3)."),
    "decision.reasoning_depth": MetricDoc("number", "0-1", "0.4 min(words/100, 1) + 0.6 min(keyword score/10, 1)."),
    "decision.risk_exposure": MetricDoc("string", "pattern", "Risk levels of the selection and each change, in "
                                        "order, joined by `>` (one sequence, e.g. `low>high`); from scoring 1.2.0 "
                                        "the options looked at too, in event order (seed 003)."),
    "decision.final_risk": MetricDoc("string", "", "Risk level of the completed option.", _RISK),
    "decision.idle_ms": MetricDoc("number", "ms", "Sum of decision.idle_detected durations in the scenario."),
    "decision.focus_losses": MetricDoc("integer", "count", "decision.focus_lost events in the scenario."),
    "decision.frozen_ms": MetricDoc("number", "ms", "Time the station froze the game during the scenario (scoring "
                                    "1.1.0 and later; n/a before)."),
    "decision.reading_ms": MetricDoc("number", "ms", "Time looking at options or scrolling (union of the spans; "
                                     "scoring 1.2.0 and later)."),
    "decision.typing_ms": MetricDoc("number", "ms", "Time typing the reasoning (union of the typing bursts; scoring "
                                    "1.2.0 and later)."),
    "decision.final_option_view_ms": MetricDoc("number", "ms", "Time spent looking at the option finally chosen "
                                               "(seed 003's final_option_view_duration_ms; 1.2.0 and later)."),
    "decision.reasoning_provided": MetricDoc("boolean", "", "Whether any reasoning was written (seed 003; 1.2.0 "
                                             "and later)."),
}

_MEMORY_ATTENTION: dict[str, MetricDoc] = {  # issue 14's games, in scoring's order (docs/SCORING.md)
    "digit_span.sequences": MetricDoc("integer", "sequences", "Sequences answered."),
    "digit_span.correct": MetricDoc("integer", "sequences", "Sequences answered exactly."),
    "digit_span.forward_span": MetricDoc("integer", "digits", "Longest forward sequence answered exactly (0: none)."),
    "digit_span.forward_correct": MetricDoc("integer", "sequences", "Forward sequences answered exactly."),
    "digit_span.backward_span": MetricDoc("integer", "digits", "Longest backward sequence answered exactly."),
    "digit_span.backward_correct": MetricDoc("integer", "sequences", "Backward sequences answered exactly."),
    "digit_span.position_errors": MetricDoc("integer", "digits", "Positions where answers differ from the targets."),
    "digit_span.position_error_rate": MetricDoc("number", "share", "Position errors / digits asked."),
    "digit_span.corrections": MetricDoc("integer", "keys", "Backspace presses."),
    "digit_span.ms_per_digit": MetricDoc("number", "ms", "Median of answer time / sequence length (needs 3)."),
    "card_match.boards": MetricDoc("integer", "boards", "Boards completed."),
    "card_match.moves": MetricDoc("integer", "moves", "Moves (two cards each)."),
    "card_match.pairs": MetricDoc("integer", "pairs", "Pairs found."),
    "card_match.expected_moves": MetricDoc("number", "moves", "Exact expected moves with perfect memory for the "
                                           "completed boards (Velleman & Warrington 2013)."),
    "card_match.moves_ratio": MetricDoc("number", "ratio", "Moves on completed boards / expected_moves."),
    "card_match.repeat_errors": MetricDoc("integer", "moves", "Mismatches that turned a card of a pair fully seen."),
    "card_match.memory_hit_rate": MetricDoc("number", "share", "Pairs found / moves where memory could find one."),
    "card_match.median_move_ms": MetricDoc("number", "ms", "Median time from board ready to a move's second card."),
    "flanker.trials": MetricDoc("integer", "trials", "Trials finished."),
    "flanker.omissions": MetricDoc("integer", "trials", "Trials without a response in the window."),
    **{f"flanker.{c}_{k}": MetricDoc("number", unit, meaning) for c in ("congruent", "incongruent", "neutral")
       for k, unit, meaning in (("accuracy", "share", f"Conflict block, {c}: correct / trials."),
                                ("rt_ms", "ms", f"Conflict block, {c}: median correct RT (needs 10)."))},
    "flanker.conflict_effect_ms": MetricDoc("number", "ms", "Incongruent minus congruent median correct RT."),
    **{f"flanker.{c}_{k}": MetricDoc("number", unit, meaning) for c in ("switch", "repeat")
       for k, unit, meaning in (("accuracy", "share", f"Switch block, {c} trials: correct / trials."),
                                ("rt_ms", "ms", f"Switch block, {c} trials: median correct RT (needs 10)."))},
    "flanker.switch_cost_ms": MetricDoc("number", "ms", "Switch minus repeat median correct RT."),
    "stop_signal.trials": MetricDoc("integer", "trials", "Trials finished."),
    "stop_signal.stop_trials": MetricDoc("integer", "trials", "Trials with a stop signal."),
    "stop_signal.p_respond": MetricDoc("number", "share", "p(respond|signal): stop trials with a response / stop "
                                       "trials."),
    "stop_signal.go_rt_ms": MetricDoc("number", "ms", "Mean RT of go trials with a response (choice errors in)."),
    "stop_signal.go_rt_sd_ms": MetricDoc("number", "ms", "Sample SD of those RTs."),
    "stop_signal.go_omission_rate": MetricDoc("number", "share", "Go trials without a response / go trials."),
    "stop_signal.go_error_rate": MetricDoc("number", "share", "Go trials answered with the wrong key / go trials."),
    "stop_signal.failed_stop_rt_ms": MetricDoc("number", "ms", "Mean RT on stop trials with a response."),
    "stop_signal.mean_ssd_ms": MetricDoc("number", "ms", "Mean stop-signal delay (real where shown, else planned)."),
    "stop_signal.race_check_ms": MetricDoc("number", "ms", "Go RT minus failed-stop RT (positive: race model holds)."),
    "stop_signal.ssrt_ms": MetricDoc("number", "ms", "SSRT, integration method with replacement of go omissions "
                                     "(Verbruggen et al. 2019)."),
    "stop_signal.ssrt_reliable": MetricDoc("boolean", "", "The race check holds, p(respond|signal) is 0.25-0.75 and "
                                           "there were 50 or more stop trials."),
}
METRICS.update(_MEMORY_ATTENTION)

_RT_COMMON = ("rt.trials", "rt.valid_n", "rt.false_starts", "rt.anticipations", "rt.anticipation_rate", "rt.lapses",
              "rt.lapse_rate", "rt.omissions", "rt.median_rt_ms", "rt.mean_rt_ms", "rt.sd_rt_ms", "rt.cv_rt",
              "rt.slow_tail_ms")
TASK_METRICS = tuple(k for k in METRICS if k.startswith("decision.") and k not in (
    "decision.tasks_completed", "decision.risk_low_count", "decision.risk_medium_count", "decision.risk_high_count",
    "decision.risk_preference", "decision.decision_consistency", "decision.reasoning_engagement",
    "decision.attention_stability", "decision.mean_hesitation_s", "decision.mean_changes",
    "decision.mean_reasoning_depth", "decision.mean_first_decision_ms"))
"""Decision metrics scoring gives per scenario (group = task id); they are columns of decision_scenarios."""

GAME_METRICS: dict[str, tuple[str, ...]] = {
    "bart": tuple(k for k in METRICS if k.startswith("bart.")),
    "simple_rt": _RT_COMMON,
    "choice_rt": (*_RT_COMMON, "rt.accuracy"),
    "go_nogo": (*_RT_COMMON, "rt.commission_rate", "rt.omission_rate", "rt.hit_rt_ms", "rt.dprime"),
    "decision": tuple(k for k in METRICS if k.startswith("decision.") and k not in TASK_METRICS),
    **{g: tuple(k for k in _MEMORY_ATTENTION if k.startswith(f"{g}.")) for g in
       ("digit_span", "card_match", "flanker", "stop_signal")},
}
"""The whole-game metrics of each game, in scoring's order: the metric columns of the sessions table."""

METRICS.update({key: MetricDoc(*doc) for key, doc in TRIAL_METRIC_DOCS.items()})  # IGT, tower, faces, effort, money
GAME_METRICS.update(TRIAL_GAME_METRICS)


def game_variant(game: str) -> str:
    """The metric family of a game name."""
    return "rt" if game.endswith("_rt") or game == "go_nogo" else game


def metric_column(key: str, name: str, what: str = "") -> Column:
    """The column holding a metric's value (n/a when scoring found the data insufficient)."""
    doc = METRICS[key]
    unit = "" if doc.unit in ("pattern", "count") else doc.unit
    meaning = f"{what}{doc.meaning} Scoring metric `{key}`; n/a when the data were insufficient (docs/SCORING.md)."
    minimum = 0 if doc.type == "integer" else None
    return col(name, doc.type, meaning, unit=unit, enum=doc.enum, minimum=minimum, source=f"scoring {key}")
