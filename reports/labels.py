"""The one table of words and units for every metric key scoring emits, and how each value is spelled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast, get_args

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
    "bart": "Balloon game (risk taking)",
    "simple_rt": "Simple reaction time",
    "choice_rt": "Choice reaction time",
    "go_nogo": "Go / no-go (response control)",
    "decision": "Workplace decision scenarios",
    "digit_span": "Digit span (working memory)",
    "card_match": "Card match (visual memory)",
    "flanker": "Arrows (attention and rule switching)",
    "stop_signal": "Stop signal (stopping an action)",
}

_BART = {
    "bart.balloons": MetricLabel("Balloons played", "count"),
    "bart.adjusted_pumps": MetricLabel("Average pumps on balloons that did not burst", "pumps",
                                       "the main risk-taking score (Lejuez et al. 2002)"),
    "bart.mean_pumps": MetricLabel("Average pumps over all balloons", "pumps"),
    "bart.bursts": MetricLabel("Balloons that burst", "count"),
    "bart.earnings_cents": MetricLabel("Money earned in the game", "dollars"),
    "bart.cv_pumps": MetricLabel("Variation in pumps from balloon to balloon", "cv_percent",
                                 "spread around the average; lower means steadier"),
    "bart.response_to_losses": MetricLabel("Pumps after a burst compared with after a collect", "signed_pumps",
                                           "negative: pulls back after a loss"),
    "bart.learning": MetricLabel("Change from the first to the last third of the game", "signed_pumps",
                                 "positive: grew bolder"),
    "bart.median_interpump_ms": MetricLabel("Typical time between pumps", "seconds"),
    "bart.rapid_share": MetricLabel("Very quick pumps", "percent", "share of pumps that followed the last at once"),
}

_RT = {
    "rt.trials": MetricLabel("Trials completed", "count"),
    "rt.valid_n": MetricLabel("Responses in the valid range", "count"),
    "rt.false_starts": MetricLabel("Responses before the signal", "count"),
    "rt.anticipations": MetricLabel("Responses too early (before the signal or within 0.1 s)", "count"),
    "rt.anticipation_rate": MetricLabel("Share of responses that came too early", "percent"),
    "rt.lapses": MetricLabel("Slow responses (0.5 s or slower)", "count"),
    "rt.lapse_rate": MetricLabel("Share of responses that were slow (0.5 s or slower)", "percent"),
    "rt.omissions": MetricLabel("Signals missed (no response in time)", "count"),
    "rt.median_rt_ms": MetricLabel("Typical reaction time (median)", "seconds"),
    "rt.mean_rt_ms": MetricLabel("Average reaction time", "seconds"),
    "rt.sd_rt_ms": MetricLabel("Spread of reaction times (standard deviation)", "seconds"),
    "rt.cv_rt": MetricLabel("Variability of reaction times, relative to the average", "cv_percent"),
    "rt.slow_tail_ms": MetricLabel("How much slower the slowest fifth was than the median", "seconds"),
    "rt.accuracy": MetricLabel("Correct key pressed", "percent"),
    "rt.commission_rate": MetricLabel("False alarms: responded when they should have held back", "percent"),
    "rt.omission_rate": MetricLabel("Go signals missed", "percent"),
    "rt.hit_rt_ms": MetricLabel("Typical reaction time on correct go responses", "seconds"),
    "rt.dprime": MetricLabel("Telling go from no-go apart (d′)", "dprime", "0 = guessing, 3 or more = near perfect"),
}

_DECISION = {
    "decision.tasks_completed": MetricLabel("Scenarios completed", "count"),
    "decision.risk_low_count": MetricLabel("Scenarios settled on the low-risk option", "count"),
    "decision.risk_medium_count": MetricLabel("Scenarios settled on the medium-risk option", "count"),
    "decision.risk_high_count": MetricLabel("Scenarios settled on the high-risk option", "count"),
    "decision.risk_preference": MetricLabel("Preferred risk level", "text"),
    "decision.decision_consistency": MetricLabel("Steadiness of decision pace", "percent",
                                                 "100 % = the same time to first choice in every scenario"),
    "decision.reasoning_engagement": MetricLabel("Engagement in written reasoning", "percent",
                                                 "100 % = 25 words or more in every scenario"),
    "decision.attention_stability": MetricLabel("Time on task (not idle, not away from the window)", "percent"),
    "decision.mean_hesitation_s": MetricLabel("Average pause time per scenario (pauses of 5 s or more)",
                                              "seconds_s"),
    "decision.mean_changes": MetricLabel("Average changes of choice per scenario", "count"),
    "decision.mean_reasoning_depth": MetricLabel("Average reasoning depth", "score100",
                                                 "length and logical connectors of the written reasoning"),
    "decision.mean_first_decision_ms": MetricLabel("Average time to first choice", "seconds"),
    "decision.total_time_ms": MetricLabel("Time on the scenario", "seconds"),
    "decision.active_time_ms": MetricLabel("Active time (reading, choosing, typing)", "seconds"),
    "decision.hesitation_ms": MetricLabel("Pause time (no reading, choosing or typing)", "seconds"),
    "decision.first_decision_ms": MetricLabel("Time to first choice", "seconds"),
    "decision.changes": MetricLabel("Changes of choice", "count"),
    "decision.options_viewed": MetricLabel("Options looked at", "count"),
    "decision.unique_options_viewed": MetricLabel("Different options looked at", "count"),
    "decision.reasoning_words": MetricLabel("Words of written reasoning", "words"),
    "decision.logical_keywords": MetricLabel("Reasoning connectors (because, therefore, …)", "count"),
    "decision.keyword_score": MetricLabel("Weighted connector score", "points"),
    "decision.reasoning_depth": MetricLabel("Reasoning depth", "score100"),
    "decision.risk_exposure": MetricLabel("Risk levels chosen, in order", "risk_path"),
    "decision.final_risk": MetricLabel("Risk level of the final choice", "text"),
    "decision.idle_ms": MetricLabel("Idle time", "seconds"),
    "decision.focus_losses": MetricLabel("Times the window lost focus", "count"),
    "decision.frozen_ms": MetricLabel("Time the station paused the scenario", "seconds"),
    "decision.reading_ms": MetricLabel("Time reading the options", "seconds"),
    "decision.typing_ms": MetricLabel("Time typing the reasoning", "seconds"),
    "decision.final_option_view_ms": MetricLabel("Time looking at the option chosen", "seconds"),
    "decision.reasoning_provided": MetricLabel("Wrote a reasoning", "text"),
}

_MEMORY_ATTENTION = {
    "digit_span.sequences": MetricLabel("Sequences answered", "count"),
    "digit_span.correct": MetricLabel("Sequences repeated exactly", "count"),
    "digit_span.forward_span": MetricLabel("Longest sequence repeated in order", "digits", "the forward span"),
    "digit_span.forward_correct": MetricLabel("Sequences repeated exactly, in order", "count"),
    "digit_span.backward_span": MetricLabel("Longest sequence repeated in reverse", "digits", "the backward span"),
    "digit_span.backward_correct": MetricLabel("Sequences repeated exactly, in reverse", "count"),
    "digit_span.position_errors": MetricLabel("Digits in a wrong place, missing or extra", "count"),
    "digit_span.position_error_rate": MetricLabel("Share of digits in a wrong place", "percent"),
    "digit_span.corrections": MetricLabel("Corrections (Backspace)", "count"),
    "digit_span.ms_per_digit": MetricLabel("Typical answering time per digit", "seconds"),
    "card_match.boards": MetricLabel("Boards cleared", "count"),
    "card_match.moves": MetricLabel("Moves (two cards each)", "count"),
    "card_match.pairs": MetricLabel("Pairs found", "count"),
    "card_match.expected_moves": MetricLabel("Moves a perfect memory needs on average", "moves",
                                             "Velleman & Warrington 2013"),
    "card_match.moves_ratio": MetricLabel("Moves compared with perfect memory", "ratio", "1.00 × = as perfect memory"),
    "card_match.repeat_errors": MetricLabel("Repeat errors (a known pair left untaken)", "count"),
    "card_match.memory_hit_rate": MetricLabel("Pairs found when memory could find them", "percent"),
    "card_match.median_move_ms": MetricLabel("Typical time per move", "seconds"),
    "flanker.trials": MetricLabel("Trials completed", "count"),
    "flanker.omissions": MetricLabel("Arrows not answered in time", "count"),
    "flanker.congruent_accuracy": MetricLabel("Right answers, outer arrows pointing the same way", "percent"),
    "flanker.congruent_rt_ms": MetricLabel("Typical time, outer arrows pointing the same way", "seconds"),
    "flanker.incongruent_accuracy": MetricLabel("Right answers, outer arrows pointing the other way", "percent"),
    "flanker.incongruent_rt_ms": MetricLabel("Typical time, outer arrows pointing the other way", "seconds"),
    "flanker.neutral_accuracy": MetricLabel("Right answers, plain lines around", "percent"),
    "flanker.neutral_rt_ms": MetricLabel("Typical time, plain lines around", "seconds"),
    "flanker.conflict_effect_ms": MetricLabel("Slowing by arrows pointing the other way", "signed_seconds",
                                              "the conflict effect; smaller is better"),
    "flanker.switch_accuracy": MetricLabel("Right answers right after a change of rule", "percent"),
    "flanker.switch_rt_ms": MetricLabel("Typical time right after a change of rule", "seconds"),
    "flanker.repeat_accuracy": MetricLabel("Right answers when the rule stayed", "percent"),
    "flanker.repeat_rt_ms": MetricLabel("Typical time when the rule stayed", "seconds"),
    "flanker.switch_cost_ms": MetricLabel("Slowing after a change of rule", "signed_seconds",
                                          "the switch cost; smaller is better"),
    "stop_signal.trials": MetricLabel("Trials completed", "count"),
    "stop_signal.stop_trials": MetricLabel("Trials with a stop signal", "count"),
    "stop_signal.p_respond": MetricLabel("Stop signals not stopped", "percent", "the game aims at about half"),
    "stop_signal.go_rt_ms": MetricLabel("Average response time to the arrows", "seconds"),
    "stop_signal.go_rt_sd_ms": MetricLabel("Spread of response times to the arrows", "seconds"),
    "stop_signal.go_omission_rate": MetricLabel("Arrows not answered", "percent"),
    "stop_signal.go_error_rate": MetricLabel("Arrows answered with the wrong key", "percent"),
    "stop_signal.failed_stop_rt_ms": MetricLabel("Average response time when not stopping", "seconds"),
    "stop_signal.mean_ssd_ms": MetricLabel("Average delay of the stop signal", "seconds"),
    "stop_signal.race_check_ms": MetricLabel("Check: responses not stopped were faster than others by",
                                             "signed_seconds", "must be positive for a valid stopping time"),
    "stop_signal.ssrt_ms": MetricLabel("Stopping time (stop-signal reaction time)", "seconds",
                                       "how quickly an action under way was stopped; shorter is better"),
    "stop_signal.ssrt_reliable": MetricLabel("Stopping time passes the guide's checks", "yes_no"),
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
    "automated_input": "Automated input (not a person's)",
    "anticipation_rate": "Responses before the signal",
    "focus_losses": "Window lost focus",
    "idle_time": "Time without input",
    "interruptions": "Interruptions",
    "regular_responding": "Implausibly regular timing",
    "incomplete_games": "Unfinished games",
}

_WORDS = {
    "low": "low", "medium": "medium", "high": "high", "balanced": "balanced (no strong preference)",
}


def label_for(key: str) -> MetricLabel:
    """The label of a metric key; KeyError names the key (a missing label is a bug the tests catch)."""
    return LABELS[key]


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
        return "yes" if value else "no"
    if isinstance(value, str):
        if unit == "risk_path":
            return " → ".join(value.split(">")) if value else "–"
        return _WORDS.get(value, value.replace("_", " "))
    x = float(value)
    spelled = {
        "count": lambda: plain(x),
        "pumps": lambda: f"{x:.1f} pumps",
        "signed_pumps": lambda: f"{x:+.1f} pumps",
        "seconds": lambda: _seconds(x / 1000.0),
        "seconds_s": lambda: _seconds(x),
        "dollars": lambda: f"${x / 100.0:,.2f}",
        "percent": lambda: _percent(x),
        "cv_percent": lambda: _percent(x),
        "score100": lambda: f"{100.0 * x:.0f} of 100",
        "dprime": lambda: f"{x:.2f}",
        "words": lambda: f"{x:.0f} words",
        "points": lambda: f"{x:.1f} points",
        "signed_count": lambda: f"{x:+.0f}",
        "signed_rate": lambda: f"{x:+.1f} per block",
        "signed_dollars": lambda: f"{'-' if x < 0 else '+'}${abs(x) / 100.0:,.2f}",
        "signed_points": lambda: f"{100.0 * x:+.0f} points",
        "per_dollar": lambda: f"{x:.2f} per $",
        "per_second": lambda: f"{x:.1f} per s",
        "moves": lambda: f"{x:.1f} moves",
        "digits": lambda: f"{x:.0f} digits",
        "ratio": lambda: f"{x:.2f} ×",
        "signed_seconds": lambda: f"{x / 1000.0:+.2f} s",
    }
    return spelled.get(unit, lambda: plain(x))()


def format_value(m: Metric) -> str:
    """A metric's value in recruiter units, or 'not enough data' when scoring could not compute it."""
    if m.insufficient is not None:
        return "not enough data"
    return spell(m.value, label_for(m.key).unit)
