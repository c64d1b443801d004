"""Scoring 1.3.0's table of which measures each accommodation changes (data; docs/ACCOMMODATIONS.md explains it)."""

from __future__ import annotations

from typing import Any

from i18n import N_

__all__ = ["ACCOMMODATIONS_1_3_0", "APPEARANCE_WHY"]

_DECISION_TIMES = ["decision.total_time_ms", "decision.active_time_ms", "decision.hesitation_ms",
                   "decision.first_decision_ms", "decision.idle_ms", "decision.reading_ms", "decision.typing_ms",
                   "decision.final_option_view_ms", "decision.decision_consistency", "decision.attention_stability",
                   "decision.mean_hesitation_s", "decision.mean_first_decision_ms"]

_SPEEDED: dict[str, dict[str, list[str]]] = {
    # Latencies to stimuli whose size and contrast the accommodation changes. Keyed by game; metric keys are
    # fnmatch patterns.
    **{game: {"metrics": ["rt.*_rt_ms", "rt.slow_tail_ms", "rt.cv_rt", "rt.lapses", "rt.lapse_rate"],
              "traits": ["response_speed", "sustained_attention"]}
       for game in ("simple_rt", "choice_rt", "go_nogo")},
    "flanker": {"metrics": ["flanker.*_rt_ms", "flanker.conflict_effect_ms", "flanker.switch_cost_ms"],
                "traits": ["interference_control", "flexibility"]},
    "stop_signal": {"metrics": ["stop_signal.*rt*", "stop_signal.race_check_ms", "stop_signal.ssrt_reliable"],
                    "traits": ["response_inhibition"]},
}

APPEARANCE_WHY = N_("the stimuli may be drawn larger or in other colours than at a standard station, and the time to "
                    "see and answer a stimulus depends on its size and contrast (Piéron's law: Pins & Bonnet 1996, "
                    "Percept Psychophys 58:390-400; flanker spacing: Eriksen & Eriksen 1974, Percept Psychophys "
                    "16:143-149)")
"""Why a changed look makes a latency not comparable: the `{appearance}` of the two appearance rules' `why`."""

ACCOMMODATIONS_1_3_0: dict[str, Any] = {
    "extended_time": {
        # What the station lengthens and what it keeps: games/<game>/spec.py `extended_time` (docs/ACCOMMODATIONS.md).
        # Only measures that depend on a lengthened limit are listed; games whose extended elements are pauses and
        # feedback (BART, card match, digit span, IGT, tower, faces, money) keep every measure comparable.
        "games": {
            "decision": {"what": N_("each scenario's suggested time (shown to the candidate)"),
                "metrics": _DECISION_TIMES,
                         "traits": ["deliberation"], "interpretations": ["thinking_style", "decision_pattern"]},
            "effort": {"what": N_("the choice window, each task's time limit and the game's length"), "metrics": ["*"],
                       "traits": ["effort_for_reward"], "interpretations": []},
        },
        "why": N_("the candidate had {factor}x {what}, and this measure depends on that time"),
    },
    "type_scale": {"games": _SPEEDED, "why": N_("larger type: {appearance}")},
    "high_contrast": {"games": _SPEEDED, "why": N_("high contrast: {appearance}")},
    "breaks": {"games": {}, "why": N_("breaks come between games and change no game's own timing")},
}
"""Per accommodation, per game: the metric patterns, traits and interpretations it makes not comparable."""
