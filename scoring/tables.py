"""The versioned table of every threshold, minimum, anchor and keyword list scoring uses (data, not code)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from scoring.trial_tables import TRIAL_GAME_STRENGTHS, TRIAL_GAME_TABLES, TRIAL_GAME_TRAITS

__all__ = ["DECIMALS", "TABLES", "Table", "table_for"]

Table = dict[str, Any]

DECIMALS = 4
"""Every float in a profile is rounded to this many decimals, once, when the canonical JSON is made."""

_KEYWORDS_004: dict[str, float] = {
    # Seed 004, section 7.3: weighted logical keywords (matched per word, punctuation stripped).
    "because": 1.0, "therefore": 1.5, "however": 1.2, "although": 1.2, "since": 1.0,
    "consequently": 1.5, "thus": 1.5, "hence": 1.5, "whereas": 1.2, "firstly": 1.0,
    "secondly": 1.0, "finally": 1.0, "if": 0.8, "then": 0.8, "assuming": 1.3,
    "considering": 1.2, "given": 1.0, "implies": 1.5,
}

_TRAITS: dict[str, dict[str, Any]] = {
    "risk_tolerance": {
        "label": "Risk tolerance", "low_pole": "Cautious", "high_pole": "Bold", "kind": "style",
        "source": "bart", "min_items": 5, "ref_sd": 20.0,
    },
    "consistency": {
        "label": "Consistency", "low_pole": "Variable", "high_pole": "Steady", "kind": "style",
        "source": "bart", "min_items": 5, "ref_sd": 20.0, "cv_max": 0.8,
    },
    "response_to_losses": {
        "label": "Response to losses (emotional regulation)", "low_pole": "Pulls back after a loss",
        "high_pole": "Presses on after a loss", "kind": "style", "source": "bart", "min_items": 2,
        "ref_sd": 20.0, "span_pp": 25.0,
    },
    "learning": {
        "label": "Learning / adaptation", "low_pole": "Grows more careful", "high_pole": "Grows bolder",
        "kind": "style", "source": "bart", "min_items": 4, "ref_sd": 20.0, "span_pp": 25.0,
    },
    "decision_speed": {
        "label": "Decision speed", "low_pole": "Deliberate", "high_pole": "Quick", "kind": "style",
        "source": "bart", "min_items": 10, "ref_sd": 20.0, "fast_ms": 150.0, "slow_ms": 1500.0,
    },
    "response_speed": {
        "label": "Response speed", "low_pole": "Slower responses", "high_pole": "Faster responses",
        "kind": "ability", "source": "rt", "min_items": 10, "ref_sd": 20.0, "fast_ms": 200.0, "slow_ms": 600.0,
        "games": ["simple_rt", "go_nogo", "choice_rt"],
    },
    "sustained_attention": {
        "label": "Sustained attention", "low_pole": "Frequent lapses", "high_pole": "Sustained focus",
        "kind": "ability", "source": "rt", "min_items": 10, "ref_sd": 20.0, "lapse_share_max": 0.3,
    },
    "restraint": {
        "label": "Restraint (response inhibition)", "low_pole": "Acts on impulse", "high_pole": "Holds back",
        "kind": "ability", "source": "rt", "min_items": 5, "ref_sd": 20.0,
    },
    "deliberation": {
        "label": "Deliberation", "low_pole": "Quick to commit", "high_pole": "Deliberate", "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0, "quick_ms": 3000.0, "slow_ms": 60000.0,
    },
    "exploration": {
        "label": "Exploration", "low_pole": "Focused", "high_pole": "Exploratory", "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0, "changes_full": 3,
    },
    "scenario_risk": {
        "label": "Risk in scenarios", "low_pole": "Risk-averse", "high_pole": "Risk-tolerant", "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0, "levels": {"low": 0.0, "medium": 50.0, "high": 100.0},
    },
    "reasoning_depth": {
        "label": "Reasoning depth", "low_pole": "Brief", "high_pole": "Elaborate", "kind": "style",
        "source": "decision", "min_items": 3, "ref_sd": 20.0,
    },
}


_TEXTS: dict[str, Any] = {
    # Seed 004, 8.4: summary templates keyed by (thinking style, risk orientation); the rest follow its pattern.
    "summary": {
        "analytical|risk_averse": "This candidate demonstrates a thoughtful, analytical approach to problem-solving. "
        "They take time to consider options carefully and prefer lower-risk solutions with well-structured reasoning.",
        "intuitive|risk_tolerant": "This candidate shows confident, intuitive decision-making. They commit to choices "
        "quickly and are comfortable with higher-stakes options, suggesting comfort with ambiguity.",
        "exploratory|balanced": "This candidate exhibits an exploratory thinking style, testing multiple possibilities "
        "before settling. They show flexibility across risk levels, adapting their approach to context.",
    },
    "thinking": {
        "analytical": "takes an analytical approach, deliberating and reasoning in depth",
        "intuitive": "decides intuitively, committing quickly with few revisions",
        "exploratory": "explores, moving quickly between options before settling",
        "methodical": "takes a balanced, methodical approach",
    },
    "risk": {
        "risk_averse": "prefers low-risk options",
        "risk_tolerant": "is comfortable choosing high-risk options",
        "balanced": "shows no strong preference between risk levels",
    },
    "communication": {
        "structured": "explains decisions with clear logical connectors",
        "semi_structured": "explains decisions with some logical structure",
        "informal": "explains decisions informally",
    },
    "strengths": {
        "analytical": "Weighs options carefully before committing.",
        "intuitive": "Commits to decisions quickly and confidently.",
        "exploratory": "Explores alternatives before settling on a choice.",
        "methodical": "Keeps a balanced, methodical approach across scenarios.",
        "structured": "Explains decisions with a clear logical structure.",
        "detailed": "Gives thorough written explanations.",
        "steady": "Keeps a steady decision pace from task to task.",
        "sustained_attention": "Kept focus through the reaction-time tasks.",
        "restraint": "Held back reliably when no response was called for.",
        "consistency": "Took risks consistently from balloon to balloon.",
    },
    "considerations": {
        "risk_averse": "Prefers low-risk options; explore how they approach situations that call for bold calls.",
        "risk_tolerant": "Comfortable with high-risk options; explore how they check risks before acting.",
        "brief": "Written reasoning was brief; ask them to talk through a decision in the interview.",
        "intuitive": "Decides quickly; for high-stakes work, ask how alternatives were weighed.",
        "analytical": "Takes time to decide; discuss how this fits time-pressured work.",
        "unstable": "Was idle or away during some tasks; see the quality flags before relying on timing measures.",
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
    "reliability": {"z": 1.96, "se_floor": 2.0, "bands": [[0.8, "high"], [0.6, "moderate"], [0.0, "low"]]},
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

TABLES: dict[str, Any] = {"1.0.0": _freeze(_TABLE_1_0_0), "1.1.0": _freeze(_TABLE_1_1_0)}
"""Every scoring version this code can reproduce, with its table. A change to any value is a new version."""


def table_for(version: str) -> Any:
    """The read-only table of one scoring version (KeyError if unknown)."""
    return TABLES[version]
