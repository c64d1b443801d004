"""Recruiter words that are not metric labels: trait formulas, what to do about missing data, style readings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reports.trial_texts import TRIAL_ADVICE, TRIAL_FORMULAS

__all__ = ["ADVICE", "FORMULAS", "INSUFFICIENT_MEANS", "KIND_WORDS", "READINGS", "formula", "reading"]

Spec = Any


def _s(ms: float) -> str:
    return f"{ms / 1000:g} s"


FORMULAS: dict[str, Callable[[Spec], str]] = {
    "risk_tolerance": lambda s: "The average share of each balloon's capacity the candidate pumped, on balloons that "
    "did not burst: 50 is the amount that earns the most on average.",
    "consistency": lambda s: "100 minus how much the pumping varied from balloon to balloon (a variation of "
    f"{s['cv_max']:.0%} of the average or more scores 0).",
    "response_to_losses": lambda s: "50 plus the difference between pumping right after a burst and right after a "
    f"collect, in points of balloon capacity, where {s['span_pp']:g} points reach a pole: 50 means losses changed "
    "nothing.",
    "learning": lambda s: "50 plus the change in pumping from the first third of the balloons to the last third, in "
    f"points of balloon capacity, where {s['span_pp']:g} points reach a pole: 50 means no change.",
    "decision_speed": lambda s: f"The typical time between pumps on a log scale: {_s(s['slow_ms'])} or slower scores "
    f"0, {_s(s['fast_ms'])} or faster scores 100.",
    "response_speed": lambda s: "The typical (median) reaction time of the first reaction-time game with enough "
    f"valid responses, on a log scale: {_s(s['slow_ms'])} scores 0, {_s(s['fast_ms'])} scores 100.",
    "sustained_attention": lambda s: "100 minus the share of go signals that were lapses (no response, or 0.5 s or "
    f"slower), where a lapse share of {s['lapse_share_max']:.0%} or more scores 0.",
    "restraint": lambda s: "The percentage of no-go signals on which the candidate correctly held back.",
    "deliberation": lambda s: "The average time to the first choice in the scenarios, on a log scale: "
    f"{_s(s['quick_ms'])} scores 0, {_s(s['slow_ms'])} scores 100.",
    "exploration": lambda s: "Per scenario, half for the share of options looked at and half for changes of choice "
    f"({s['changes_full']} changes count in full), averaged over the scenarios.",
    "scenario_risk": lambda s: "The risk level of each final choice (low 0, medium 50, high 100), averaged over the "
    "scenarios.",
    "reasoning_depth": lambda s: "The depth of the written reasoning (40 % for length up to 100 words, 60 % for "
    "logical connectors such as 'because' and 'therefore'), averaged over the scenarios.",
    "working_memory": lambda s: "The longest digit sequence repeated exactly in each part, placed between "
    f"{s['span_anchors']['forward'][0]} digits (0) and {s['span_anchors']['forward'][1]} (100) forward and between "
    f"{s['span_anchors']['backward'][0]} and {s['span_anchors']['backward'][1]} backward, averaged over the parts "
    "played.",
    "visual_memory": lambda s: "The percentage of moves on which memory could find a pair (both cards seen before, or "
    "the first card's partner seen before) that did find it: perfect memory scores 100.",
    "interference_control": lambda s: "How much arrows pointing the other way slowed the correct answers: "
    f"{_s(s['at_hundred_ms'])} of slowing scores 100, {_s(s['at_zero_ms'])} or more scores 0.",
    "flexibility": lambda s: "How much a change of rule slowed the correct answers: "
    f"{_s(s['at_hundred_ms'])} of slowing scores 100, {_s(s['at_zero_ms'])} or more scores 0.",
    "response_inhibition": lambda s: "The stop-signal reaction time (integration method of the consensus guide): "
    f"{_s(s['at_hundred_ms'])} or faster scores 100, {_s(s['at_zero_ms'])} or slower scores 0.",
}

ADVICE = {
    "bart": "Invite the candidate to re-test with the full battery: the standard balloon game has 30 balloons.",
    "rt": "Invite the candidate to re-test with the full battery's reaction-time games, run without pauses.",
    "decision": "Invite the candidate to re-test with the full battery so they complete every decision scenario.",
    "digit_span": "Invite the candidate to re-test with the full digit span game (both parts).",
    "card_match": "Invite the candidate to re-test with the full card game (every board).",
    "flanker": "Invite the candidate to re-test with the full arrows game (both parts).",
    "stop_signal": "Invite the candidate to re-test with the full stop-signal game, answering every arrow at full "
    "speed without waiting for the red cross.",
}
FORMULAS.update(TRIAL_FORMULAS)  # IGT, tower, faces, effort, money (reports/trial_texts.py)
ADVICE.update(TRIAL_ADVICE)

INSUFFICIENT_MEANS = ("“Not enough data” means the session did not record enough of a game for a dependable figure, "
                      "so the report shows no number rather than a guess. It says nothing good or bad about the "
                      "candidate.")

KIND_WORDS = {
    "style": "Style: neither pole is better; what fits depends on the role.",
    "ability": "Ability: higher is better performance on this task.",
}

_THINKING = {
    "analytical": "Analytical: takes time and reasons in depth before committing",
    "exploratory": "Exploratory: moves between options quickly before settling",
    "intuitive": "Intuitive: commits quickly with few revisions",
    "methodical": "Methodical: a balanced, steady approach",
}
_SPEED = {"fast": "fast (first choice within 10 s)", "moderate": "moderate (first choice after 10–30 s)",
          "deliberate": "deliberate (first choice after 30 s or more)"}
_PACE = {"improving": "getting quicker over the scenarios", "steady": "steady from scenario to scenario",
         "variable": "varying between scenarios"}
_RISK = {"risk_averse": "Prefers low-risk options", "risk_tolerant": "Comfortable choosing high-risk options",
         "balanced": "No strong preference between risk levels"}
_DEPTH = {"detailed": "detailed (over 50 words)", "moderate": "of moderate length (25–50 words)",
          "brief": "brief (25 words or fewer)"}
_STRUCTURE = {"structured": "with clear logical connectors", "semi_structured": "with some logical structure",
              "informal": "informal in structure"}

_AWARENESS = {"risk_aware": "Risk-aware: chose the low-risk option after looking at high-risk ones (seed 003)",
              "calculated_risk_taker": "Calculated risk-taker: chose the high-risk option after looking at "
              "low-risk ones (seed 003)",
              "mixed": "Both risk-aware and calculated choices, equally often",
              "neither": "No choice against a risk level looked at"}

READINGS = {"thinking_style": "Thinking style", "decision_pattern": "Decision pace",
            "risk_orientation": "Risk in decisions", "communication_style": "Written reasoning",
            "risk_awareness": "Looking before choosing"}


def formula(key: str, spec: Spec) -> str:
    """One sentence saying how a trait's position is computed."""
    return FORMULAS[key](spec)


def reading(key: str, value: str, details: dict[str, str]) -> str:
    """A decision-style interpretation in words."""
    if key == "thinking_style":
        return _THINKING.get(value, value)
    if key == "decision_pattern":
        speed, pace = details.get("speed", ""), details.get("consistency", "")
        return f"{_SPEED.get(speed, speed).capitalize()}, {_PACE.get(pace, pace)}"
    if key == "risk_orientation":
        return _RISK.get(value, value)
    if key == "risk_awareness":
        return _AWARENESS.get(value, value)
    if key == "communication_style":
        depth, structure = details.get("reasoning_depth", ""), details.get("logical_structure", "")
        return f"Explanations {_DEPTH.get(depth, depth)}, {_STRUCTURE.get(structure, structure)}"
    return value
