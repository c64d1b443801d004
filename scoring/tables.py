"""The versioned table of every threshold, minimum, anchor and keyword list scoring uses (data, not code)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from i18n import N_
from scoring.accommodation_tables import ACCOMMODATIONS_1_3_0
from scoring.keywords import legacy_weights
from scoring.trial_tables import TRIAL_GAME_ANCHORS, TRIAL_GAME_STRENGTHS, TRIAL_GAME_TABLES, TRIAL_GAME_TRAITS

__all__ = ["DECIMALS", "TABLES", "Table", "table_for"]

Table = dict[str, Any]

DECIMALS = 4
"""Every float in a profile is rounded to this many decimals, once, when the canonical JSON is made."""

_KEYWORDS_004: dict[str, float] = legacy_weights("en", "1")
"""Seed 004, section 7.3: weighted logical keywords (matched per word, punctuation stripped), from
assets/keywords/en.toml version 1 (the seed's list as given); 1.0.0-1.2.0 match them as ASCII-stripped tokens."""

_TRAITS: dict[str, dict[str, Any]] = {
    "risk_tolerance": {
        "label": N_("Risk tolerance"), "low_pole": N_("Cautious"), "high_pole": N_("Bold"), "kind": "style",
        "source": "bart", "min_items": 5, "ref_sd": 20.0,
    },
    "consistency": {
        "label": N_("Consistency"), "low_pole": N_("Variable"), "high_pole": N_("Steady"), "kind": "style",
        "source": "bart", "min_items": 5, "ref_sd": 20.0, "cv_max": 0.8,
    },
    "response_to_losses": {
        "label": N_("Response to losses (emotional regulation)"), "low_pole": N_("Pulls back after a loss"),
        "high_pole": N_("Presses on after a loss"), "kind": "style", "source": "bart", "min_items": 2,
        "ref_sd": 20.0, "span_pp": 25.0,
    },
    "learning": {
        "label": N_("Learning / adaptation"), "low_pole": N_("Grows more careful"), "high_pole": N_("Grows bolder"),
        "kind": "style", "source": "bart", "min_items": 4, "ref_sd": 20.0, "span_pp": 25.0,
    },
    "decision_speed": {
        "label": N_("Decision speed"), "low_pole": N_("Deliberate"), "high_pole": N_("Quick"), "kind": "style",
        "source": "bart", "min_items": 10, "ref_sd": 20.0, "fast_ms": 150.0, "slow_ms": 1500.0,
    },
    "response_speed": {
        "label": N_("Response speed"), "low_pole": N_("Slower responses"), "high_pole": N_("Faster responses"),
        "kind": "ability", "source": "rt", "min_items": 10, "ref_sd": 20.0, "fast_ms": 200.0, "slow_ms": 600.0,
        "games": ["simple_rt", "go_nogo", "choice_rt"],
    },
    "sustained_attention": {
        "label": N_("Sustained attention"), "low_pole": N_("Frequent lapses"), "high_pole": N_("Sustained focus"),
        "kind": "ability", "source": "rt", "min_items": 10, "ref_sd": 20.0, "lapse_share_max": 0.3,
    },
    "restraint": {
        "label": N_("Restraint (response inhibition)"), "low_pole": N_("Acts on impulse"),
            "high_pole": N_("Holds back"),
        "kind": "ability", "source": "rt", "min_items": 5, "ref_sd": 20.0,
    },
    "deliberation": {
        "label": N_("Deliberation"), "low_pole": N_("Quick to commit"), "high_pole": N_("Deliberate"), "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0, "quick_ms": 3000.0, "slow_ms": 60000.0,
    },
    "exploration": {
        "label": N_("Exploration"), "low_pole": N_("Focused"), "high_pole": N_("Exploratory"), "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0, "changes_full": 3,
    },
    "scenario_risk": {
        "label": N_("Risk in scenarios"), "low_pole": N_("Risk-averse"), "high_pole": N_("Risk-tolerant"),
        "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0, "levels": {"low": 0.0, "medium": 50.0, "high": 100.0},
    },
    "reasoning_depth": {
        "label": N_("Reasoning depth"), "low_pole": N_("Brief"), "high_pole": N_("Elaborate"), "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0,
    },
}


_TEXTS: dict[str, Any] = {
    # Seed 004, 8.4: summary templates keyed by (thinking style, risk orientation); the rest follow its pattern.
    "summary": {
        "analytical|risk_averse": N_(
            "This candidate demonstrates a thoughtful, analytical approach to problem-solving. They take time to "
            "consider options carefully and prefer lower-risk solutions with well-structured reasoning."),
        "intuitive|risk_tolerant": N_(
            "This candidate shows confident, intuitive decision-making. They commit to choices "
            "quickly and are comfortable with higher-stakes options, suggesting comfort with ambiguity."),
        "exploratory|balanced": N_(
            "This candidate exhibits an exploratory thinking style, testing multiple possibilities "
            "before settling. They show flexibility across risk levels, adapting their approach to context."),
    },
    "thinking": {
        "analytical": N_("takes an analytical approach, deliberating and reasoning in depth"),
        "intuitive": N_("decides intuitively, committing quickly with few revisions"),
        "exploratory": N_("explores, moving quickly between options before settling"),
        "methodical": N_("takes a balanced, methodical approach"),
    },
    "risk": {
        "risk_averse": N_("prefers low-risk options"),
        "risk_tolerant": N_("is comfortable choosing high-risk options"),
        "balanced": N_("shows no strong preference between risk levels"),
    },
    "communication": {
        "structured": N_("explains decisions with clear logical connectors"),
        "semi_structured": N_("explains decisions with some logical structure"),
        "informal": N_("explains decisions informally"),
    },
    "strengths": {
        "analytical": N_("Weighs options carefully before committing."),
        "intuitive": N_("Commits to decisions quickly and confidently."),
        "exploratory": N_("Explores alternatives before settling on a choice."),
        "methodical": N_("Keeps a balanced, methodical approach across scenarios."),
        "structured": N_("Explains decisions with a clear logical structure."),
        "detailed": N_("Gives thorough written explanations."),
        "steady": N_("Keeps a steady decision pace from task to task."),
        "sustained_attention": N_("Kept focus through the reaction-time tasks."),
        "restraint": N_("Held back reliably when no response was called for."),
        "consistency": N_("Took risks consistently from balloon to balloon."),
    },
    "considerations": {
        "risk_averse": N_("Prefers low-risk options; explore how they approach situations that call for bold calls."),
        "risk_tolerant": N_("Comfortable with high-risk options; explore how they check risks before acting."),
        "brief": N_("Written reasoning was brief; ask them to talk through a decision in the interview."),
        "intuitive": N_("Decides quickly; for high-stakes work, ask how alternatives were weighed."),
        "analytical": N_("Takes time to decide; discuss how this fits time-pressured work."),
        "unstable": N_("Was idle or away during some tasks; see the quality flags before relying on timing measures."),
    },
    "ability_threshold": 70.0,
}

_TABLE_1_0_0: Table = {
    "rt": {
        "valid_min_ms": 100.0,  # Whelan 2008: responses under 100 ms are anticipations
        "lapse_ms": 500.0,  # lapse threshold of the psychomotor vigilance literature (Dinges & Powell 1985)
        "slow_tail_share": 0.2,  # slowest 20 % of valid responses
        "min_valid": 10,
        "min_go": 10,
        "min_nogo": 5,
        "min_choice": 10,
    },
    "bart": {
        "min_unburst": 5,  # adjusted pumps needs at least this many unburst balloons
        "min_colour_unburst": 2,
        "min_per_condition": 2,  # response to losses: unburst balloons after a burst and after a collect
        "min_balloons_learning": 9,
        "min_third_unburst": 2,
        "min_intervals": 10,
    },
    "decision": {
        "idle_threshold_ms": 5000.0,  # seed 004, 7.1
        "keywords": _KEYWORDS_004,
        "word_cap": 100.0, "keyword_cap": 10.0, "word_weight": 0.4, "keyword_weight": 0.6,  # seed 004, 7.3
        "min_tasks": 3,
        "risk_dominant_share": 0.6, "risk_balanced_gap": 0.2,  # seed 004, 7.4
        "analytical_hesitation_s": 30.0, "analytical_depth": 0.7,  # seed 004, 8.1
        "exploratory_hesitation_s": 10.0, "exploratory_changes": 2.0,
        "intuitive_hesitation_s": 15.0, "intuitive_changes": 1.0,
        "confidence": {"analytical": 0.85, "exploratory": 0.8, "intuitive": 0.75, "methodical": 0.7,
                       "balanced": 0.6, "communication": 0.8, "pattern": 0.7},
        "detailed_words": 50.0, "moderate_words": 25.0,  # seed 004, 8.3
        "structured_keywords": 3.0, "semi_structured_keywords": 1.0,
        "fast_decision_ms": 10000.0, "slow_decision_ms": 30000.0,  # seed 003, 6.2 (speed bands)
        "steady_consistency": 0.6, "improving_drop": 0.2,
        "engaged_words": 25.0,
        "low_stability": 0.8,
    },
    "reliability": {"z": 1.96, "se_floor": 2.0, "bands": [[0.8, N_("high")], [0.6, N_("moderate")], [0.0, N_("low")]]},
    "quality": {
        "anticipation_rate_max": 0.1,
        "focus_losses_max": 0,
        "idle_ms_max": 30000,
        "resumes_max": 0,
        "regular_cv_min": 0.03,
        "regular_min_n": 10,
    },
    "role_fit": {"unknown_reliability_weight": 0.25},
    "traits": _TRAITS,
    "texts": _TEXTS,
}


# Issue 14's games (digit span, card match, flanker, stop-signal): their thresholds, traits and strengths, added
# to 1.0.0 and so to 1.1.0. Additive: a session without these games scores byte for byte as before.
_TABLE_1_0_0.update({
    "digit_span": {"min_sequences": 3},
    "card_match": {"min_opportunities": 5, "min_moves": 5},
    "flanker": {"valid_min_ms": 100.0, "min_correct": 10},  # Whelan 2008, as for the reaction-time games
    "stop_signal": {"min_stop_trials": 20, "min_go_responses": 20, "min_reliable_stops": 50,  # Verbruggen 2019
                    "p_respond_low": 0.25, "p_respond_high": 0.75},
})
_TRAITS.update({
    "working_memory": {"label": N_("Working memory"), "low_pole": N_("Shorter span"), "high_pole": N_("Longer span"),
                       "kind": "ability", "source": "digit_span", "min_items": 6, "ref_sd": 20.0,
                       "span_anchors": {"forward": [2, 9], "backward": [1, 8]}},
    "visual_memory": {"label": N_("Visual memory"), "low_pole": N_("Loses track of cards"),
        "high_pole": N_("Remembers cards"),
                      "kind": "ability", "source": "card_match", "min_items": 5, "ref_sd": 20.0},
    "interference_control": {"label": N_("Interference control"), "low_pole": N_("Slowed by distraction"),
                             "high_pole": N_("Unaffected by distraction"), "kind": "ability", "source": "flanker",
                             "min_items": 16, "ref_sd": 20.0, "at_zero_ms": 200.0, "at_hundred_ms": 0.0},
    "flexibility": {"label": N_("Flexibility (switching rules)"), "low_pole": N_("Slowed by rule changes"),
                    "high_pole": N_("Switches easily"), "kind": "ability", "source": "flanker", "min_items": 16,
                    "ref_sd": 20.0, "at_zero_ms": 400.0, "at_hundred_ms": 0.0},
    "response_inhibition": {"label": N_("Response inhibition (stopping)"), "low_pole": N_("Slow to stop"),
                            "high_pole": N_("Stops quickly"), "kind": "ability", "source": "stop_signal",
                            "min_items": 40, "ref_sd": 20.0, "at_zero_ms": 350.0, "at_hundred_ms": 150.0},
})
_TEXTS["strengths"].update({
    "working_memory": N_("Held long sequences of digits in mind."),
    "visual_memory": N_("Remembered where the cards lay."),
    "interference_control": N_("Stayed quick when distracting arrows pointed the other way."),
    "flexibility": N_("Switched between rules with little slowing."),
    "response_inhibition": N_("Stopped quickly when a stop signal came."),
})
# The trial games (IGT, Tower of London, faces, effort, money; scoring/trial_tables.py) in every version: their
# entries are read only for their own events, so no earlier result changes.
_TRAITS.update(TRIAL_GAME_TRAITS)
_TEXTS["strengths"].update(TRIAL_GAME_STRENGTHS)
_TABLE_1_0_0.update(TRIAL_GAME_TABLES)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


_TABLE_1_1_0: Table = {
    **_TABLE_1_0_0,
    # 1.1.0: time the station froze a running game (proctor or idle pause) is not decision time, and a
    # proctor stopping a running game counts as an interruption. Every threshold is unchanged.
    "freezes": {"exclude_from_decision_times": True, "count_proctor_freezes": True},
}

_ANCHORS_1_2_0: dict[str, str] = {
    # Where each mapping from a metric to a position gets its anchors (docs/SCORING.md, "Anchors").
    "risk_tolerance": N_("0-100 % of the balloon's capacity; 50 % maximises expected earnings (Lejuez et al. 2002)."),
    "consistency": N_("A CV of 0 is 100; the CV of 0.8 that reaches 0 is HireMate's choice (no published anchor): "
    "compare people with a norm table."),
    "response_to_losses": N_("50 = no difference after a loss; the 25 points of capacity that reach a pole are "
    "HireMate's choice (no published anchor)."),
    "learning": N_("50 = no change; the 25 points of capacity that reach a pole are HireMate's choice."),
    "decision_speed": N_("150 ms between presses is 100: the limit of voluntary repetitive tapping, 5-7 Hz, inter-tap "
    "150-200 ms (Fujii et al. 2009, Neurosci Lett 459:69); 1500 ms as 0 is HireMate's choice."),
    "response_speed": N_("50 = 231 ms, the mean simple RT of 1469 adults on calibrated hardware (Woods et al. 2015, "
    "Front Hum Neurosci 9:131); half and double that (115.5 and 462 ms) as the poles is HireMate's choice."),
    "sustained_attention": N_("A lapse is a response of 500 ms or more (Dinges & Powell 1985); a lapse share of 30 % "
    "as 0 is HireMate's choice."),
    "restraint": N_("The share of no-go trials withheld, 0-100 % (no anchor needed)."),
    "deliberation": N_("60 s as 100 is seed 003's 'very slow decision' (6.2); 3 s as 0 is HireMate's choice."),
    "exploration": N_("3 changes count in full: seed 003's 'high changes' threshold (6.2); the share of options "
    "looked at is 0-100 %."),
    "scenario_risk": N_("Low 0, medium 50, high 100: the options' own risk levels (seeds 003/004)."),
    "reasoning_depth": N_("Seed 004's depth formula (7.3): 100 words and a keyword score of 10 reach the top."),
    "working_memory": N_("Forward 2 digits as 0 and 9 as 100, backward 1 and 8: around the about 7 digits adults "
    "recall forward (Miller 1956, Psychol Rev 63:81) and one or two fewer backward; the ends are HireMate's choice."),
    "visual_memory": N_("The share of memory opportunities that found the pair, 0-100 % (no anchor needed)."),
    "interference_control": N_("No conflict effect is 100; 200 ms as 0 is HireMate's choice, above the 60-140 ms "
    "adults show with arrows (Fan et al. 2009, Brain Cogn 70:209 report 128 ms without a cue)."),
    "flexibility": N_("No switch cost is 100; 400 ms as 0 is HireMate's choice (no published anchor)."),
    "response_inhibition": N_("An SSRT of 150 ms is 100 and 350 ms is 0, around the 200 ms on which the consensus "
    "guide's simulations centre adults (Verbruggen et al. 2019, eLife 8:e46323); the ends are HireMate's choice."),
}


def _traits_1_2_0() -> dict[str, dict[str, Any]]:
    """1.2.0's trait table: anchors with their sources, response speed centred on Woods et al. (2015), and
    deliberation averaging first-decision times geometrically (durations are skewed)."""
    anchors = {**_ANCHORS_1_2_0, **TRIAL_GAME_ANCHORS}
    out = {key: {**spec, "anchors": anchors[key]} for key, spec in _TRAITS.items()}
    out["deliberation"]["average"] = "geometric"
    out["response_speed"].update(fast_ms=115.5, slow_ms=462.0)  # log-symmetric around 231 ms: half and double
    return out


_TABLE_1_2_0: Table = {
    **_TABLE_1_1_0,
    # 1.2.0: bands with nominal 95 % coverage from the items (scoring/bands.py); split-half reliability is
    # "not estimable" when both halves sit at the same end of the scale.
    "reliability": {**_TABLE_1_0_0["reliability"], "band": "nominal", "confidence": 0.95, "resamples": 400,
                    "pseudo_items": 1.0},
    "traits": _traits_1_2_0(),
    # 1.2.0: active time from reading, typing and scrolling spans with the session's own idle threshold
    # (scoring/activity.py); risk exposure includes the options looked at (seed 003, 5.4); the thinking
    # style's hesitation is the attempt's over its tasks (seed 004, 8.1); seed 003's risk-aware and
    # calculated-risk readings (6.3) are added beside 004's.
    "quality": {**_TABLE_1_0_0["quality"],
                # Automated input: 10 presses in a row under 100 ms apart is faster than the world's fastest
                # drummer (10 Hz; Fujii et al. 2009), or half of 10+ latencies identical to the millisecond.
                "automation_min_interval_ms": 100.0, "automation_run": 10, "automation_same_share": 0.5,
                "automation_min_n": 10},
    "decision": {**_TABLE_1_0_0["decision"], "activity": "spans", "hesitation": "attempt",
                 "risk_awareness": {"aware": "risk_aware", "calculated": "calculated_risk_taker"},
                 "confidence": {**_TABLE_1_0_0["decision"]["confidence"], "strong": 0.85, "moderate": 0.7}},
}

_TABLE_1_3_0: Table = {
    **_TABLE_1_2_0,
    # 1.3.0: reasoning is counted in the session's language (its last station.language before the first game;
    # English without one) with that language's keyword table (assets/keywords/<lang>.toml, the version named
    # here); words are whitespace tokens holding a letter or digit, keywords are matched after Unicode
    # normalisation, case folding and removal of every punctuation and symbol character (scoring/keywords.py).
    # Sessions with accommodations (station.accommodations) mark the measures they change as not comparable.
    "decision": {**_TABLE_1_2_0["decision"], "reasoning": "unicode", "default_language": "en",
                 "keyword_tables": {"en": "1", "es": "1", "de": "1", "ar": "1"}},
    "accommodations": ACCOMMODATIONS_1_3_0,
}

TABLES: dict[str, Any] = {"1.0.0": _freeze(_TABLE_1_0_0), "1.1.0": _freeze(_TABLE_1_1_0),
                          "1.2.0": _freeze(_TABLE_1_2_0), "1.3.0": _freeze(_TABLE_1_3_0)}
"""Every scoring version this code can reproduce, with its table. A change to any value is a new version."""


def table_for(version: str) -> Any:
    """The read-only table of one scoring version (KeyError if unknown)."""
    return TABLES[version]
