"""Deterministic, rule-based readings of the decision game (seed 004, section 8) and the recruiter texts."""

from __future__ import annotations

from typing import Any

from i18n import N_
from scoring.build import insufficient
from scoring.decision import Task, summary
from scoring.model import Interpretation, Trait

__all__ = ["interpret", "recruiter_texts"]

KEYS = ("thinking_style", "decision_pattern", "risk_orientation", "communication_style")
OURS = N_("Rule: HireMate's own (the seeds name a decision pattern but define only its speed bands).")


def _thinking(a: dict[str, Any], t: Any) -> Interpretation:
    h, c, d = a["hesitation_s"], a["changes"], a["depth"]
    conf = t["confidence"]
    if h > t["analytical_hesitation_s"] and d > t["analytical_depth"]:
        style, ev = "analytical", [N_("High deliberation time (avg {seconds}s per task)").format(seconds=f"{h:.1f}"),
                                   N_("Strong reasoning depth ({depth})").format(depth=f"{d:.0%}")]
    elif h < t["exploratory_hesitation_s"] and c > t["exploratory_changes"]:
        style, ev = "exploratory", [N_("Quick initial decisions (avg {seconds}s)").format(seconds=f"{h:.1f}"),
                                    N_("Multiple option changes (avg {changes} per task)").format(changes=f"{c:.1f}")]
    elif h < t["intuitive_hesitation_s"] and c < t["intuitive_changes"]:
        style, ev = "intuitive", [N_("Fast decision-making (avg {seconds}s)").format(seconds=f"{h:.1f}"),
                                  N_("Minimal revision ({changes} changes per task)").format(changes=f"{c:.1f}")]
    else:
        style, ev = "methodical", [N_("Balanced approach (avg {seconds}s deliberation)").format(seconds=f"{h:.1f}"),
                                   N_("Moderate adjustments ({changes} changes per task)").format(changes=f"{c:.1f}")]
    return Interpretation(key="thinking_style", value=style, confidence=float(conf[style]), evidence=ev)


def _pattern(tasks: list[Task], a: dict[str, Any], t: Any) -> Interpretation:
    m = a["first_ms"]
    speed = "fast" if m < t["fast_decision_ms"] else "deliberate" if m > t["slow_decision_ms"] else "moderate"
    times = [x.first_decision_ms for x in tasks]
    half = len(times) // 2
    early, late = sum(times[:half]) / half, sum(times[-half:]) / half
    cons = a["consistency"]
    if late < early * (1.0 - float(t["improving_drop"])):
        consistency = "improving"
    elif cons is not None and cons >= t["steady_consistency"]:
        consistency = "steady"
    else:
        consistency = "variable"
    ev = [N_("First choice after {seconds}s on average per task").format(seconds=f"{m / 1000:.1f}"),
          N_("Decision-time consistency {consistency} (1 = identical pace every task)").format(
              consistency=f"{0.0 if cons is None else cons:.2f}"),
          N_("First half of tasks {early}s, second half {late}s to first choice").format(
              early=f"{early / 1000:.1f}", late=f"{late / 1000:.1f}")]
    if "risk_awareness" in t:  # 1.2.0 labels the rules that are ours
        ev.append(OURS)
    return Interpretation(key="decision_pattern", value=f"{speed}, {consistency}",
                          details={"speed": speed, "consistency": consistency},
                          confidence=float(t["confidence"]["pattern"]), evidence=ev)


def _risk(a: dict[str, Any], n: int, t: Any) -> Interpretation:
    counts = a["counts"]
    if a["dominant"] == "low":
        return Interpretation(key="risk_orientation", value="risk_averse", confidence=counts["low"] / n, evidence=[
            N_("Selected low-risk options in {count} of {tasks} tasks").format(count=counts["low"], tasks=n),
            N_("Prefers cautious, safe approaches")])
    if a["dominant"] == "high":
        return Interpretation(key="risk_orientation", value="risk_tolerant", confidence=counts["high"] / n, evidence=[
            N_("Selected high-risk options in {count} of {tasks} tasks").format(count=counts["high"], tasks=n),
            N_("Comfortable with bold decisions")])
    return Interpretation(key="risk_orientation", value="balanced", confidence=float(t["confidence"]["balanced"]),
                          evidence=[N_("Low/medium/high-risk choices: {low}/{medium}/{high}").format(
                              low=counts["low"], medium=counts["medium"], high=counts["high"]),
                              N_("No strong preference for risk level")])


def risk_awareness(tasks: list[Task], t: Any) -> Interpretation:
    """Seed 003 (6.3) per task: chose low after looking at high (risk-aware), or high after looking at low
    (calculated risk-taker); across tasks the more frequent of the two, "mixed" when tied, "neither" when none."""
    names = t["risk_awareness"]
    aware = sum(x.final_risk == "low" and "high" in x.exposure for x in tasks)
    calculated = sum(x.final_risk == "high" and "low" in x.exposure for x in tasks)
    n = len(tasks)
    ev = [N_("Chose a low-risk option after looking at a high-risk one in {count} of {tasks} tasks").format(
              count=aware, tasks=n),
          N_("Chose a high-risk option after looking at a low-risk one in {count} of {tasks} tasks").format(
              count=calculated, tasks=n),
          N_("Rule: seed 003 (risk-aware decision maker, calculated risk-taker), counted over the tasks.")]
    conf = t["confidence"]
    if aware > calculated:
        return Interpretation(key="risk_awareness", value=str(names["aware"]), confidence=float(conf["strong"]),
                              details={"aware_tasks": str(aware), "calculated_tasks": str(calculated)}, evidence=ev)
    if calculated > aware:
        return Interpretation(key="risk_awareness", value=str(names["calculated"]),
                              confidence=float(conf["moderate"]),
                              details={"aware_tasks": str(aware), "calculated_tasks": str(calculated)}, evidence=ev)
    return Interpretation(key="risk_awareness", value="mixed" if aware else "neither",
                          confidence=float(conf["moderate"]),
                          details={"aware_tasks": str(aware), "calculated_tasks": str(calculated)}, evidence=ev)


def _communication(a: dict[str, Any], t: Any) -> Interpretation:
    w, k = a["words"], a["keywords"]
    depth = "detailed" if w > t["detailed_words"] else "moderate" if w > t["moderate_words"] else "brief"
    structure = "structured" if k > t["structured_keywords"] else \
        "semi_structured" if k > t["semi_structured_keywords"] else "informal"
    return Interpretation(key="communication_style", value=f"{depth}, {structure}",
                          details={"reasoning_depth": depth, "logical_structure": structure},
                          confidence=float(t["confidence"]["communication"]),
                          evidence=[N_("Average {words} words per explanation").format(words=f"{w:.0f}"),
                                    N_("Uses {connectors} logical connectors per response").format(
                                        connectors=f"{k:.1f}")])


def interpret(tasks: list[Task], tables: Any) -> list[Interpretation]:
    """The four readings; with too few tasks each says so, with the fix, instead of guessing."""
    t = tables["decision"]
    need = int(t["min_tasks"])
    keys = KEYS + (("risk_awareness",) if "risk_awareness" in t else ())
    if len(tasks) < need:
        why = insufficient(N_("too few completed decision tasks to read a style"),
                           N_("at least {need} completed tasks").format(need=need),
                           N_("{count} completed tasks").format(count=len(tasks)),
                           N_("complete all decision scenarios and score again"))
        return [Interpretation(key=k, value="insufficient", confidence=0.0, evidence=[], insufficient=why)
                for k in keys]
    a = summary(tasks, t)
    out = [_thinking(a, t), _pattern(tasks, a, t), _risk(a, len(tasks), t), _communication(a, t)]
    return out + ([risk_awareness(tasks, t)] if "risk_awareness" in t else [])


def _value(interps: list[Interpretation], key: str, detail: str | None = None) -> str | None:
    for i in interps:
        if i.key == key and i.insufficient is None:
            return i.details.get(detail, "") if detail else i.value
    return None


def _summary(interps: list[Interpretation], tx: Any) -> str:
    thinking, risk = _value(interps, "thinking_style"), _value(interps, "risk_orientation")
    structure = _value(interps, "communication_style", "logical_structure")
    if thinking is None or risk is None:
        return N_("The decision scenarios were not completed, so no decision style is described.")
    fixed = tx["summary"].get(f"{thinking}|{risk}")
    if fixed:
        return str(fixed)
    return N_("This candidate {thinking}, {risk}, and {communication}.").format(
        thinking=tx["thinking"][thinking], risk=tx["risk"][risk], communication=tx["communication"][structure])


def recruiter_texts(
    interps: list[Interpretation], traits: list[Trait], stability: float | None, tables: Any
) -> tuple[str, list[str], list[str]]:
    """(recruiter notes, strengths, considerations): neutral observations, never 'weaknesses'."""
    tx = tables["texts"]
    strengths: list[str] = []
    considerations: list[str] = []
    thinking, risk = _value(interps, "thinking_style"), _value(interps, "risk_orientation")
    depth = _value(interps, "communication_style", "reasoning_depth")
    structure = _value(interps, "communication_style", "logical_structure")
    pace = _value(interps, "decision_pattern", "consistency")
    for key in (thinking, structure, depth, pace):
        if key in tx["strengths"]:
            strengths.append(tx["strengths"][key])
    for key in (risk, depth, thinking):
        if key in tx["considerations"]:
            considerations.append(tx["considerations"][key])
    if stability is not None and stability < float(tables["decision"]["low_stability"]):
        considerations.append(tx["considerations"]["unstable"])
    top = float(tx["ability_threshold"])
    for tr in traits:
        if tr.key in tx["strengths"] and tr.position is not None and tr.position >= top:
            strengths.append(tx["strengths"][tr.key])
    notes = _summary(interps, tx)
    return notes, strengths, considerations
