"""Recruiter words that are not metric labels: trait formulas, what to do about missing data, style readings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from i18n import N_, _r
from reports.trial_texts import TRIAL_ADVICE, TRIAL_FORMULAS

__all__ = ["ADVICE", "FORMULAS", "INSUFFICIENT_MEANS", "KIND_WORDS", "READINGS", "formula", "insufficient_means",
           "reading"]

Spec = Any


def _seconds(ms: float) -> str:
    return f"{ms / 1000:g} s"


def _percent(share: float) -> str:
    return f"{share:.0%}"


FORMULAS: dict[str, Callable[[Spec], str]] = {
    "risk_tolerance": lambda s: _r("The average share of each balloon's capacity the candidate pumped, on balloons "
                                   "that did not burst: 50 is the amount that earns the most on average."),
    "consistency": lambda s: _r("100 minus how much the pumping varied from balloon to balloon (a variation of "
                                "{share} of the average or more scores 0).").format(share=_percent(s["cv_max"])),
    "response_to_losses": lambda s: _r(
        "50 plus the difference between pumping right after a burst and right after a collect, in points of balloon "
        "capacity, where {points} points reach a pole: 50 means losses changed nothing.").format(
        points=f"{s['span_pp']:g}"),
    "learning": lambda s: _r(
        "50 plus the change in pumping from the first third of the balloons to the last third, in points of balloon "
        "capacity, where {points} points reach a pole: 50 means no change.").format(points=f"{s['span_pp']:g}"),
    "decision_speed": lambda s: _r("The typical time between pumps on a log scale: {slow} or slower scores 0, {fast} "
                                   "or faster scores 100.").format(slow=_seconds(s["slow_ms"]),
                                                                    fast=_seconds(s["fast_ms"])),
    "response_speed": lambda s: _r("The typical (median) reaction time of the first reaction-time game with enough "
                                   "valid responses, on a log scale: {slow} scores 0, {fast} scores 100.").format(
        slow=_seconds(s["slow_ms"]), fast=_seconds(s["fast_ms"])),
    "sustained_attention": lambda s: _r("100 minus the share of go signals that were lapses (no response, or 0.5 s or "
                                        "slower), where a lapse share of {share} or more scores 0.").format(
        share=_percent(s["lapse_share_max"])),
    "restraint": lambda s: _r("The percentage of no-go signals on which the candidate correctly held back."),
    "deliberation": lambda s: _r("The average time to the first choice in the scenarios, on a log scale: {quick} "
                                 "scores 0, {slow} scores 100.").format(quick=_seconds(s["quick_ms"]),
                                                                         slow=_seconds(s["slow_ms"])),
    "exploration": lambda s: _r("Per scenario, half for the share of options looked at and half for changes of choice "
                                "({changes} changes count in full), averaged over the scenarios.").format(
        changes=s["changes_full"]),
    "scenario_risk": lambda s: _r("The risk level of each final choice (low 0, medium 50, high 100), averaged over the "
                                  "scenarios."),
    "reasoning_depth": lambda s: _r("The depth of the written reasoning (40 % for length up to 100 words, 60 % for "
                                    "logical connectors such as 'because' and 'therefore'), averaged over the "
                                    "scenarios."),
    "working_memory": lambda s: _r(
        "The longest digit sequence repeated exactly in each part, placed between {forward_low} digits (0) and "
        "{forward_high} (100) forward and between {backward_low} and {backward_high} backward, averaged over the "
        "parts played.").format(forward_low=s["span_anchors"]["forward"][0],
                                forward_high=s["span_anchors"]["forward"][1],
                                backward_low=s["span_anchors"]["backward"][0],
                                backward_high=s["span_anchors"]["backward"][1]),
    "visual_memory": lambda s: _r("The percentage of moves on which memory could find a pair (both cards seen before, "
                                  "or the first card's partner seen before) that did find it: perfect memory scores "
                                  "100."),
    "interference_control": lambda s: _r("How much arrows pointing the other way slowed the correct answers: {best} of "
                                         "slowing scores 100, {worst} or more scores 0.").format(
        best=_seconds(s["at_hundred_ms"]), worst=_seconds(s["at_zero_ms"])),
    "flexibility": lambda s: _r("How much a change of rule slowed the correct answers: {best} of slowing scores 100, "
                                "{worst} or more scores 0.").format(best=_seconds(s["at_hundred_ms"]),
                                                                    worst=_seconds(s["at_zero_ms"])),
    "response_inhibition": lambda s: _r("The stop-signal reaction time (integration method of the consensus guide): "
                                        "{best} or faster scores 100, {worst} or slower scores 0.").format(
        best=_seconds(s["at_hundred_ms"]), worst=_seconds(s["at_zero_ms"])),
}
FORMULAS.update(TRIAL_FORMULAS)  # IGT, tower, faces, effort, money (reports/trial_texts.py)

ADVICE = {
    "bart": N_("Invite the candidate to re-test with the full battery: the standard balloon game has 30 balloons."),
    "rt": N_("Invite the candidate to re-test with the full battery's reaction-time games, run without pauses."),
    "decision": N_("Invite the candidate to re-test with the full battery so they complete every decision scenario."),
    "digit_span": N_("Invite the candidate to re-test with the full digit span game (both parts)."),
    "card_match": N_("Invite the candidate to re-test with the full card game (every board)."),
    "flanker": N_("Invite the candidate to re-test with the full arrows game (both parts)."),
    "stop_signal": N_("Invite the candidate to re-test with the full stop-signal game, answering every arrow at full "
                      "speed without waiting for the red cross."),
    **TRIAL_ADVICE,
}
"""What the recruiter can do when a game's data are too few, per source game (N_(): shown with _r())."""

INSUFFICIENT_MEANS = N_("“Not enough data” means the session did not record enough of a game for a dependable "
                        "figure, so the report shows no number rather than a guess. It says nothing good or bad about "
                        "the candidate.")
"""Marked with N_(): shown with _r() (or `insufficient_means()`)."""

KIND_WORDS = {
    "style": N_("Style: neither pole is better; what fits depends on the role."),
    "ability": N_("Ability: higher is better performance on this task."),
}

_THINKING = {
    "analytical": N_("Analytical: takes time and reasons in depth before committing"),
    "exploratory": N_("Exploratory: moves between options quickly before settling"),
    "intuitive": N_("Intuitive: commits quickly with few revisions"),
    "methodical": N_("Methodical: a balanced, steady approach"),
}
# i18n: the first half of "Decision pace: {speed}, {pace}" in a report (it starts the reading)
_SPEED = {"fast": N_("Fast (first choice within 10 s)"), "moderate": N_("Moderate (first choice after 10–30 s)"),
          "deliberate": N_("Deliberate (first choice after 30 s or more)")}
# i18n: the second half of the decision pace reading, after "{speed}, "
_PACE = {"improving": N_("getting quicker over the scenarios"), "steady": N_("steady from scenario to scenario"),
         "variable": N_("varying between scenarios")}
_RISK = {"risk_averse": N_("Prefers low-risk options"), "risk_tolerant": N_("Comfortable choosing high-risk options"),
         "balanced": N_("No strong preference between risk levels")}
# i18n: how long the candidate's written explanations were, in "Explanations {depth}, {structure}"
_DEPTH = {"detailed": N_("detailed (over 50 words)"), "moderate": N_("of moderate length (25–50 words)"),
          "brief": N_("brief (25 words or fewer)")}
# i18n: how the candidate's written explanations were built, in "Explanations {depth}, {structure}"
_STRUCTURE = {"structured": N_("with clear logical connectors"), "semi_structured": N_("with some logical structure"),
              "informal": N_("informal in structure")}
_AWARENESS = {
    "risk_aware": N_("Risk-aware: chose the low-risk option after looking at high-risk ones (seed 003)"),
    "calculated_risk_taker": N_("Calculated risk-taker: chose the high-risk option after looking at low-risk ones "
                                "(seed 003)"),
    "mixed": N_("Both risk-aware and calculated choices, equally often"),
    "neither": N_("No choice against a risk level looked at"),
}
_WHOLE = {"thinking_style": _THINKING, "risk_orientation": _RISK, "risk_awareness": _AWARENESS}
"""The readings said in one message each."""

READINGS = {"thinking_style": N_("Thinking style"), "decision_pattern": N_("Decision pace"),
            "risk_orientation": N_("Risk in decisions"), "communication_style": N_("Written reasoning"),
            "risk_awareness": N_("Looking before choosing")}
"""The name of each decision-style reading (N_(): shown with _r())."""


def formula(key: str, spec: Spec) -> str:
    """One sentence saying how a trait's position is computed, in the report's language."""
    return FORMULAS[key](spec)


def insufficient_means() -> str:
    """What "not enough data" means, in the report's language."""
    return _r(INSUFFICIENT_MEANS)


def _word(table: dict[str, str], value: str) -> str:
    """A value's words from a table, in the report's language; a value the table does not know, as it is."""
    return _r(table[value]) if value in table else value


def reading(key: str, value: str, details: dict[str, str]) -> str:
    """A decision-style interpretation in words, in the report's language (a value it does not know, as it is)."""
    if key in _WHOLE:
        return _word(_WHOLE[key], value)
    if key == "decision_pattern":
        speed, pace = details.get("speed", ""), details.get("consistency", "")
        # i18n: the decision pace reading: "Fast (first choice within 10 s), steady from scenario to scenario"
        return _r("{speed}, {pace}").format(speed=_r(_SPEED[speed]) if speed in _SPEED else speed.capitalize(),
                                            pace=_word(_PACE, pace))
    if key == "communication_style":
        depth, structure = details.get("reasoning_depth", ""), details.get("logical_structure", "")
        return _r("Explanations {depth}, {structure}").format(depth=_word(_DEPTH, depth),
                                                             structure=_word(_STRUCTURE, structure))
    return value
