"""The one table of words and units for every metric key scoring emits, and how each value is spelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, cast, get_args

from i18n import N_, _r
from reports.trial_labels import TRIAL_GAME_TITLES, TRIAL_LABELS
from scoring import Metric

__all__ = ["GAME_TITLES", "LABELS", "QUALITY_LABELS", "MetricLabel", "format_value", "label_for", "plain"]

Unit = Literal["count", "pumps", "signed_pumps", "seconds", "seconds_s", "dollars", "percent", "cv_percent",
               "score100", "dprime", "words", "text", "risk_path", "points",
               "signed_count", "signed_rate", "signed_dollars", "signed_points", "per_dollar", "per_second", "moves",
               "digits", "ratio", "signed_seconds", "yes_no"]  # the last four: issue 14's games


@dataclass(frozen=True)
class MetricLabel:
    """A metric in recruiter words: what it is, how its value is spelled, and (optionally) one line of help."""

    label: str
    unit: Unit
    help: str = ""


GAME_TITLES = {
    "bart": N_("Balloon game (risk taking)"),
    "simple_rt": N_("Simple reaction time"),
    "choice_rt": N_("Choice reaction time"),
    "go_nogo": N_("Go / no-go (response control)"),
    "decision": N_("Workplace decision scenarios"),
    "digit_span": N_("Digit span (working memory)"),
    "card_match": N_("Card match (visual memory)"),
    "flanker": N_("Arrows (attention and rule switching)"),
    "stop_signal": N_("Stop signal (stopping an action)"),
}

_BART = {
    "bart.balloons": MetricLabel(N_("Balloons played"), "count"),
    "bart.adjusted_pumps": MetricLabel(N_("Average pumps on balloons that did not burst"), "pumps",
                                       N_("the main risk-taking score (Lejuez et al. 2002)")),
    "bart.mean_pumps": MetricLabel(N_("Average pumps over all balloons"), "pumps"),
    "bart.bursts": MetricLabel(N_("Balloons that burst"), "count"),
    "bart.earnings_cents": MetricLabel(N_("Money earned in the game"), "dollars"),
    "bart.cv_pumps": MetricLabel(N_("Variation in pumps from balloon to balloon"), "cv_percent",
                                 N_("spread around the average; lower means steadier")),
    "bart.response_to_losses": MetricLabel(N_("Pumps after a burst compared with after a collect"), "signed_pumps",
                                           N_("negative: pulls back after a loss")),
    "bart.learning": MetricLabel(N_("Change from the first to the last third of the game"), "signed_pumps",
                                 N_("positive: grew bolder")),
    "bart.median_interpump_ms": MetricLabel(N_("Typical time between pumps"), "seconds"),
    "bart.rapid_share": MetricLabel(N_("Very quick pumps"), "percent",
                                    N_("share of pumps that followed the last at once")),
}

_RT = {
    "rt.trials": MetricLabel(N_("Trials completed"), "count"),
    "rt.valid_n": MetricLabel(N_("Responses in the valid range"), "count"),
    "rt.false_starts": MetricLabel(N_("Responses before the signal"), "count"),
    "rt.anticipations": MetricLabel(N_("Responses too early (before the signal or within 0.1 s)"), "count"),
    "rt.anticipation_rate": MetricLabel(N_("Share of responses that came too early"), "percent"),
    "rt.lapses": MetricLabel(N_("Slow responses (0.5 s or slower)"), "count"),
    "rt.lapse_rate": MetricLabel(N_("Share of responses that were slow (0.5 s or slower)"), "percent"),
    "rt.omissions": MetricLabel(N_("Signals missed (no response in time)"), "count"),
    "rt.median_rt_ms": MetricLabel(N_("Typical reaction time (median)"), "seconds"),
    "rt.mean_rt_ms": MetricLabel(N_("Average reaction time"), "seconds"),
    "rt.sd_rt_ms": MetricLabel(N_("Spread of reaction times (standard deviation)"), "seconds"),
    "rt.cv_rt": MetricLabel(N_("Variability of reaction times, relative to the average"), "cv_percent"),
    "rt.slow_tail_ms": MetricLabel(N_("How much slower the slowest fifth was than the median"), "seconds"),
    "rt.accuracy": MetricLabel(N_("Correct key pressed"), "percent"),
    "rt.commission_rate": MetricLabel(N_("False alarms: responded when they should have held back"), "percent"),
    "rt.omission_rate": MetricLabel(N_("Go signals missed"), "percent"),
    "rt.hit_rt_ms": MetricLabel(N_("Typical reaction time on correct go responses"), "seconds"),
    "rt.dprime": MetricLabel(N_("Telling go from no-go apart (d′)"), "dprime",
                             N_("0 = guessing, 3 or more = near perfect")),
}

_DECISION = {
    "decision.tasks_completed": MetricLabel(N_("Scenarios completed"), "count"),
    "decision.risk_low_count": MetricLabel(N_("Scenarios settled on the low-risk option"), "count"),
    "decision.risk_medium_count": MetricLabel(N_("Scenarios settled on the medium-risk option"), "count"),
    "decision.risk_high_count": MetricLabel(N_("Scenarios settled on the high-risk option"), "count"),
    "decision.risk_preference": MetricLabel(N_("Preferred risk level"), "text"),
    "decision.decision_consistency": MetricLabel(N_("Steadiness of decision pace"), "percent",
                                                 N_("100 % = the same time to first choice in every scenario")),
    "decision.reasoning_engagement": MetricLabel(N_("Engagement in written reasoning"), "percent",
                                                 N_("100 % = 25 words or more in every scenario")),
    "decision.attention_stability": MetricLabel(N_("Time on task (not idle, not away from the window)"), "percent"),
    "decision.mean_hesitation_s": MetricLabel(N_("Average pause time per scenario (pauses of 5 s or more)"),
                                              "seconds_s"),
    "decision.mean_changes": MetricLabel(N_("Average changes of choice per scenario"), "count"),
    "decision.mean_reasoning_depth": MetricLabel(N_("Average reasoning depth"), "score100",
                                                 N_("length and logical connectors of the written reasoning")),
    "decision.mean_first_decision_ms": MetricLabel(N_("Average time to first choice"), "seconds"),
    "decision.total_time_ms": MetricLabel(N_("Time on the scenario"), "seconds"),
    "decision.active_time_ms": MetricLabel(N_("Active time (reading, choosing, typing)"), "seconds"),
    "decision.hesitation_ms": MetricLabel(N_("Pause time (no reading, choosing or typing)"), "seconds"),
    "decision.first_decision_ms": MetricLabel(N_("Time to first choice"), "seconds"),
    "decision.changes": MetricLabel(N_("Changes of choice"), "count"),
    "decision.options_viewed": MetricLabel(N_("Options looked at"), "count"),
    "decision.unique_options_viewed": MetricLabel(N_("Different options looked at"), "count"),
    "decision.reasoning_words": MetricLabel(N_("Words of written reasoning"), "words"),
    "decision.logical_keywords": MetricLabel(N_("Reasoning connectors (because, therefore, …)"), "count"),
    "decision.keyword_score": MetricLabel(N_("Weighted connector score"), "points"),
    "decision.reasoning_depth": MetricLabel(N_("Reasoning depth"), "score100"),
    "decision.risk_exposure": MetricLabel(N_("Risk levels chosen, in order"), "risk_path"),
    "decision.final_risk": MetricLabel(N_("Risk level of the final choice"), "text"),
    "decision.idle_ms": MetricLabel(N_("Idle time"), "seconds"),
    "decision.focus_losses": MetricLabel(N_("Times the window lost focus"), "count"),
    "decision.frozen_ms": MetricLabel(N_("Time the station paused the scenario"), "seconds"),
    "decision.reading_ms": MetricLabel(N_("Time reading the options"), "seconds"),
    "decision.typing_ms": MetricLabel(N_("Time typing the reasoning"), "seconds"),
    "decision.final_option_view_ms": MetricLabel(N_("Time looking at the option chosen"), "seconds"),
    "decision.reasoning_provided": MetricLabel(N_("Wrote a reasoning"), "text"),
}

_MEMORY_ATTENTION = {
    "digit_span.sequences": MetricLabel(N_("Sequences answered"), "count"),
    "digit_span.correct": MetricLabel(N_("Sequences repeated exactly"), "count"),
    "digit_span.forward_span": MetricLabel(N_("Longest sequence repeated in order"), "digits", N_("the forward span")),
    "digit_span.forward_correct": MetricLabel(N_("Sequences repeated exactly, in order"), "count"),
    "digit_span.backward_span": MetricLabel(N_("Longest sequence repeated in reverse"), "digits",
                                            N_("the backward span")),
    "digit_span.backward_correct": MetricLabel(N_("Sequences repeated exactly, in reverse"), "count"),
    "digit_span.position_errors": MetricLabel(N_("Digits in a wrong place, missing or extra"), "count"),
    "digit_span.position_error_rate": MetricLabel(N_("Share of digits in a wrong place"), "percent"),
    "digit_span.corrections": MetricLabel(N_("Corrections (Backspace)"), "count"),
    "digit_span.ms_per_digit": MetricLabel(N_("Typical answering time per digit"), "seconds"),
    "card_match.boards": MetricLabel(N_("Boards cleared"), "count"),
    "card_match.moves": MetricLabel(N_("Moves (two cards each)"), "count"),
    "card_match.pairs": MetricLabel(N_("Pairs found"), "count"),
    "card_match.expected_moves": MetricLabel(N_("Moves a perfect memory needs on average"), "moves",
                                             N_("Velleman & Warrington 2013")),
    "card_match.moves_ratio": MetricLabel(N_("Moves compared with perfect memory"), "ratio",
                                          N_("1.00 × = as perfect memory")),
    "card_match.repeat_errors": MetricLabel(N_("Repeat errors (a known pair left untaken)"), "count"),
    "card_match.memory_hit_rate": MetricLabel(N_("Pairs found when memory could find them"), "percent"),
    "card_match.median_move_ms": MetricLabel(N_("Typical time per move"), "seconds"),
    "flanker.trials": MetricLabel(N_("Trials completed"), "count"),
    "flanker.omissions": MetricLabel(N_("Arrows not answered in time"), "count"),
    "flanker.congruent_accuracy": MetricLabel(N_("Right answers, outer arrows pointing the same way"), "percent"),
    "flanker.congruent_rt_ms": MetricLabel(N_("Typical time, outer arrows pointing the same way"), "seconds"),
    "flanker.incongruent_accuracy": MetricLabel(N_("Right answers, outer arrows pointing the other way"), "percent"),
    "flanker.incongruent_rt_ms": MetricLabel(N_("Typical time, outer arrows pointing the other way"), "seconds"),
    "flanker.neutral_accuracy": MetricLabel(N_("Right answers, plain lines around"), "percent"),
    "flanker.neutral_rt_ms": MetricLabel(N_("Typical time, plain lines around"), "seconds"),
    "flanker.conflict_effect_ms": MetricLabel(N_("Slowing by arrows pointing the other way"), "signed_seconds",
                                              N_("the conflict effect; smaller is better")),
    "flanker.switch_accuracy": MetricLabel(N_("Right answers right after a change of rule"), "percent"),
    "flanker.switch_rt_ms": MetricLabel(N_("Typical time right after a change of rule"), "seconds"),
    "flanker.repeat_accuracy": MetricLabel(N_("Right answers when the rule stayed"), "percent"),
    "flanker.repeat_rt_ms": MetricLabel(N_("Typical time when the rule stayed"), "seconds"),
    "flanker.switch_cost_ms": MetricLabel(N_("Slowing after a change of rule"), "signed_seconds",
                                          N_("the switch cost; smaller is better")),
    "stop_signal.trials": MetricLabel(N_("Trials completed"), "count"),
    "stop_signal.stop_trials": MetricLabel(N_("Trials with a stop signal"), "count"),
    "stop_signal.p_respond": MetricLabel(N_("Stop signals not stopped"), "percent", N_("the game aims at about half")),
    "stop_signal.go_rt_ms": MetricLabel(N_("Average response time to the arrows"), "seconds"),
    "stop_signal.go_rt_sd_ms": MetricLabel(N_("Spread of response times to the arrows"), "seconds"),
    "stop_signal.go_omission_rate": MetricLabel(N_("Arrows not answered"), "percent"),
    "stop_signal.go_error_rate": MetricLabel(N_("Arrows answered with the wrong key"), "percent"),
    "stop_signal.failed_stop_rt_ms": MetricLabel(N_("Average response time when not stopping"), "seconds"),
    "stop_signal.mean_ssd_ms": MetricLabel(N_("Average delay of the stop signal"), "seconds"),
    "stop_signal.race_check_ms": MetricLabel(N_("Check: responses not stopped were faster than others by"),
                                             "signed_seconds", N_("must be positive for a valid stopping time")),
    "stop_signal.ssrt_ms": MetricLabel(N_("Stopping time (stop-signal reaction time)"), "seconds",
                                       N_("how quickly an action under way was stopped; shorter is better")),
    "stop_signal.ssrt_reliable": MetricLabel(N_("Stopping time passes the guide's checks"), "yes_no"),
}

GAME_TITLES.update(TRIAL_GAME_TITLES)


def _unit(name: str) -> Unit:
    """A unit spelled in reports.trial_labels (which cannot import Unit: this module imports it), checked here."""
    if name not in get_args(Unit):
        raise ValueError(f"reports.trial_labels: unknown unit {name!r}")
    return cast(Unit, name)  # checked just above against Unit's own values


_TRIAL = {key: MetricLabel(label, _unit(unit), help) for key, (label, unit, help) in TRIAL_LABELS.items()}

LABELS: dict[str, MetricLabel] = {**_BART, **_RT, **_DECISION, **_MEMORY_ATTENTION, **_TRIAL}
"""Every metric key scoring can emit, in recruiter words (a test checks none is missing)."""

QUALITY_LABELS = {
    "automated_input": N_("Automated input (not a person's)"),
    "anticipation_rate": N_("Responses before the signal"),
    "focus_losses": N_("Window lost focus"),
    "idle_time": N_("Time without input"),
    "interruptions": N_("Interruptions"),
    "regular_responding": N_("Implausibly regular timing"),
    "incomplete_games": N_("Unfinished games"),
}

_WORDS = {
    "low": N_("low"), "medium": N_("medium"), "high": N_("high"), "balanced": N_("balanced (no strong preference)"),
}


def label_for(key: str) -> MetricLabel:
    """The label of a metric key in the report's language; KeyError names the key (a missing label is a bug the
    tests catch)."""
    found = LABELS[key]
    return MetricLabel(_r(found.label), found.unit, _r(found.help))


def plain(x: float, decimals: int = 1) -> str:
    """A number with the given decimals, no trailing '.0' noise for whole numbers."""
    if float(x).is_integer():
        return f"{int(x)}"
    return f"{x:.{decimals}f}"


def _seconds(s: float) -> str:
    if abs(s) < 10:
        return f"{s:.2f} s"
    if abs(s) < 100:
        return f"{s:.1f} s"
    return f"{s:.0f} s"


def _percent(share: float) -> str:
    pct = 100.0 * share
    return f"{pct:.0f} %" if abs(pct) >= 10 or pct == 0 else f"{pct:.1f} %"


def spell(value: float | int | str | bool | None, unit: Unit) -> str:
    """A value in the units people use (seconds, dollars, percent)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _r("yes") if value else _r("no")
    if isinstance(value, str):
        if unit == "risk_path":
            return " → ".join(_r(_WORDS[v]) if v in _WORDS else v for v in value.split(">")) if value else "–"
        return _r(_WORDS[value]) if value in _WORDS else value.replace("_", " ")
    x = float(value)
    if unit in WORDED:
        return _r(WORDED[unit][0]).format(value=WORDED[unit][1](x))
    spelled = {
        "count": lambda: plain(x),
        "seconds": lambda: _seconds(x / 1000.0),
        "seconds_s": lambda: _seconds(x),
        "dollars": lambda: f"${x / 100.0:,.2f}",
        "percent": lambda: _percent(x),
        "cv_percent": lambda: _percent(x),
        "dprime": lambda: f"{x:.2f}",
        "signed_count": lambda: f"{x:+.0f}",
        "signed_dollars": lambda: f"{'-' if x < 0 else '+'}${abs(x) / 100.0:,.2f}",
        "ratio": lambda: f"{x:.2f} ×",
        "signed_seconds": lambda: f"{x / 1000.0:+.2f} s",
    }
    return spelled.get(unit, lambda: plain(x))()


WORDED: dict[str, tuple[str, Callable[[float], str]]] = {
    "pumps": (N_("{value} pumps"), lambda x: f"{x:.1f}"),
    "signed_pumps": (N_("{value} pumps"), lambda x: f"{x:+.1f}"),
    "score100": (N_("{value} of 100"), lambda x: f"{100.0 * x:.0f}"),
    "words": (N_("{value} words"), lambda x: f"{x:.0f}"),
    "points": (N_("{value} points"), lambda x: f"{x:.1f}"),
    "signed_rate": (N_("{value} per block"), lambda x: f"{x:+.1f}"),
    "signed_points": (N_("{value} points"), lambda x: f"{100.0 * x:+.0f}"),
    "per_dollar": (N_("{value} per $"), lambda x: f"{x:.2f}"),
    "per_second": (N_("{value} per s"), lambda x: f"{x:.1f}"),
    "moves": (N_("{value} moves"), lambda x: f"{x:.1f}"),
    "digits": (N_("{value} digits"), lambda x: f"{x:.0f}"),
}
"""Units spelled in words, each with how its number is written (the words are translated, the number is not)."""


def format_value(m: Metric, bare: bool = False) -> str:
    """A metric's value in recruiter units, or 'not enough data' when scoring could not compute it; `bare` leaves
    out the words "of 100" and "points" (a table whose column says them)."""
    if m.insufficient is not None:
        return _r("not enough data")
    unit = label_for(m.key).unit
    if bare and unit in ("score100", "points", "signed_points") and isinstance(m.value, int | float):
        return WORDED[unit][1](float(m.value))
    return spell(m.value, unit)
