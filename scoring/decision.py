"""Micro-decision scenario metrics per task and across tasks, and the decision-style traits (seed 004)."""

from __future__ import annotations

import itertools
import math
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.activity import active_ms, idle_outside_activity_ms, reading_spans, spans_ms, typing_spans
from scoring.build import BandSpec, metric, short_metric, trait
from scoring.errors import ScoringInputError
from scoring.keywords import KeywordTable, count_reasoning
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, log_position, mean, mean_of, sd
from scoring.stream import frozen_ns, get

Span = tuple[int, int]

__all__ = ["Task", "decision_traits", "parse_tasks", "reasoning_score", "score_decision", "summary"]

FIX = N_("complete all decision scenarios and score the session again")
_PUNCT = str.maketrans("", "", string.punctuation)
SCALE = BandSpec("mean", transform=lambda m: m, bounds=(0.0, 100.0))
"""The band of a trait that is the mean of items already on the 0-100 scale."""


@dataclass
class Task:
    """One completed scenario and what the participant did in it."""

    task_id: str
    options: int
    total_ms: float
    active_ms: float
    first_decision_ms: float
    changes: int
    views: int
    unique_views: int
    words: int
    keywords: int
    keyword_score: float
    depth: float
    exposure: list[str]
    final_risk: str
    idle_ms: float
    focus_losses: int
    away_ms: float
    frozen_ms: float = 0.0
    reading_ms: float = 0.0  # 1.2.0: looks at options and scrolling (union)
    typing_ms: float = 0.0  # 1.2.0: typing bursts (union)
    final_view_ms: float = 0.0  # 003's final_option_view_duration_ms: looks at the option finally chosen
    start_ns: int = 0
    end_ns: int = 0


def reasoning_score(text: str, t: Any, keywords: KeywordTable | None = None) -> tuple[int, int, float, float]:
    """(words, logical keywords, keyword score, depth 0..1) by seed 004's weighted keywords (7.3).

    With a keyword table (1.3.0: the session's language) words and keywords are counted by
    scoring.keywords.count_reasoning; without one as up to 1.2.0: every whitespace token is a word and each is
    matched against the English weights after stripping ASCII punctuation.
    """
    if keywords is not None:
        words, found, score = count_reasoning(text, keywords)
    else:
        tokens = text.split()
        weights = t["keywords"]
        hits = [float(weights[w]) for w in (tok.lower().translate(_PUNCT) for tok in tokens) if w in weights]
        words, found, score = len(tokens), len(hits), sum(hits)
    depth = float(t["word_weight"]) * min(words / float(t["word_cap"]), 1.0) + \
        float(t["keyword_weight"]) * min(score / float(t["keyword_cap"]), 1.0)
    return words, found, score, depth


def _risks(events: list[EventRecord]) -> dict[str, str]:
    """Option id -> risk level: from task_started's option_risks (recorded from 1.2.0's game on) and from
    every selection, change and completion of the task (older sessions know only those)."""
    head = events[0].payload
    known: dict[str, str] = {}
    if isinstance(head.get("option_risks"), list):
        known.update(zip(get(events[0], "option_ids", list), head["option_risks"], strict=False))
    for e in events:
        if e.kind in ("decision.option_selected", "decision.task_completed"):
            known[get(e, "option_id", str)] = get(e, "risk_level", str)
        elif e.kind == "decision.option_changed":
            known[get(e, "from_option", str)] = get(e, "from_risk", str)
            known[get(e, "to_option", str)] = get(e, "to_risk", str)
    return known


def _exposure(events: list[EventRecord], with_views: bool) -> list[str]:
    """Risk levels in event order: selections and changes (up to 1.1.0), and views too (1.2.0, seed 003 5.4)."""
    risks = _risks(events) if with_views else {}
    out = []
    for e in events:
        if e.kind == "decision.option_selected":
            out.append(get(e, "risk_level", str))
        elif e.kind == "decision.option_changed":
            out.append(get(e, "to_risk", str))
        elif with_views and e.kind == "decision.option_viewed" and get(e, "option_id", str) in risks:
            out.append(risks[str(e.payload["option_id"])])
    return out


def _task(events: list[EventRecord], options: int, t: Any, freezes: Sequence[Span] = (),
          idle_ms: float | None = None, keywords: KeywordTable | None = None) -> Task:
    start, end = events[0], events[-1]
    idle = float(t["idle_threshold_ms"]) if idle_ms is None else idle_ms
    spans = t.get("activity") == "spans"

    def running_ms(a: EventRecord, b: EventRecord) -> float:
        return (b.t_ns - a.t_ns - frozen_ns(freezes, a.t_ns, b.t_ns)) / 1e6

    gaps = [running_ms(a, b) for a, b in itertools.pairwise(events)]
    selected = next((e for e in events if e.kind == "decision.option_selected"), end)
    viewed = [get(e, "option_id", str) for e in events if e.kind == "decision.option_viewed"]
    text = next((get(e, "text", str) for e in reversed(events) if e.kind == "decision.reasoning_submitted"), "")
    words, found, score, depth = reasoning_score(text, t, keywords)
    final = get(end, "option_id", str)
    return Task(
        task_id=get(start, "task_id", str), options=options, total_ms=running_ms(start, end),
        active_ms=active_ms(events, idle, freezes) if spans else sum(g for g in gaps if 0 <= g < idle),
        first_decision_ms=running_ms(start, selected),
        changes=sum(e.kind == "decision.option_changed" for e in events), views=len(viewed),
        unique_views=len(set(viewed)), words=words, keywords=found, keyword_score=score, depth=depth,
        exposure=_exposure(events, spans), final_risk=get(end, "risk_level", str),
        idle_ms=idle_outside_activity_ms(events, freezes) if spans else
        float(sum(get(e, "idle_duration_ms", int) for e in events if e.kind == "decision.idle_detected")),
        focus_losses=sum(e.kind == "decision.focus_lost" for e in events),
        away_ms=sum(get(e, "away_ns", int) for e in events if e.kind == "decision.focus_gained") / 1e6,
        frozen_ms=frozen_ns(freezes, start.t_ns, end.t_ns) / 1e6,
        reading_ms=spans_ms(reading_spans(events), start.t_ns, end.t_ns, freezes),
        typing_ms=spans_ms(typing_spans(events), start.t_ns, end.t_ns, freezes),
        final_view_ms=sum(get(e, "duration_ns", int) for e in events if e.kind == "decision.option_viewed"
                          and e.payload.get("option_id") == final) / 1e6,
        start_ns=start.t_ns, end_ns=end.t_ns,
    )


def parse_tasks(records: Sequence[EventRecord], t: Any, freezes: Sequence[Span] = (),
                keywords: KeywordTable | None = None) -> tuple[list[Task], bool]:
    """The completed tasks in order, and whether decision.game_ended was recorded.

    Time inside `freezes` (the station froze the game) is left out of every task duration; `keywords` is the
    reasoning's keyword table (1.3.0 on; see reasoning_score).
    """
    tasks: list[Task] = []
    current: list[EventRecord] = []
    options = 0
    ended = False
    idle: float | None = None
    for rec in records:
        if rec.kind == "decision.game_started" and t.get("activity") == "spans":
            recorded = rec.payload.get("idle_threshold_ms")
            idle = float(get(rec, "idle_threshold_ms", int)) if recorded is not None else None
        if rec.kind == "decision.task_started":
            if current:
                raise ScoringInputError(rec.seq, "task_id", "task starts before the previous one completed", rec.kind)
            current, options = [rec], len(get(rec, "option_ids", list))
        elif rec.kind == "decision.game_ended":
            ended = True
        elif current and "task_id" in rec.payload:
            if get(rec, "task_id", str) != current[0].payload["task_id"]:
                raise ScoringInputError(rec.seq, "task_id", f"does not match the open task "
                                        f"{current[0].payload['task_id']!r}", rec.kind)
            current.append(rec)
            if rec.kind == "decision.task_completed":
                tasks.append(_task(current, options, t, freezes, idle, keywords))
                current = []
    return tasks, ended


def _per_task(task: Task, with_frozen: bool, with_activity: bool = False) -> list[Metric]:
    g = task.task_id
    values: list[tuple[str, Any, str]] = [
        ("decision.total_time_ms", task.total_ms, "ms"), ("decision.active_time_ms", task.active_ms, "ms"),
        ("decision.hesitation_ms", task.total_ms - task.active_ms, "ms"),
        ("decision.first_decision_ms", task.first_decision_ms, "ms"), ("decision.changes", task.changes, "count"),
        ("decision.options_viewed", task.views, "count"),
        ("decision.unique_options_viewed", task.unique_views, "count"),
        ("decision.reasoning_words", task.words, "words"), ("decision.logical_keywords", task.keywords, "count"),
        ("decision.keyword_score", task.keyword_score, "points"), ("decision.reasoning_depth", task.depth, "0-1"),
        ("decision.risk_exposure", ">".join(task.exposure), "pattern"), ("decision.final_risk", task.final_risk, ""),
        ("decision.idle_ms", task.idle_ms, "ms"), ("decision.focus_losses", task.focus_losses, "count"),
    ]
    if with_frozen:
        values.append(("decision.frozen_ms", task.frozen_ms, "ms"))
    if with_activity:  # 1.2.0: what the active time is made of, and seed 003's two reasoning/view metrics
        values += [("decision.reading_ms", task.reading_ms, "ms"), ("decision.typing_ms", task.typing_ms, "ms"),
                   ("decision.final_option_view_ms", task.final_view_ms, "ms"),
                   ("decision.reasoning_provided", task.words > 0, "")]
    return [metric(k, v, u, 1, g) for k, v, u in values]


def summary(tasks: list[Task], t: Any) -> dict[str, Any]:
    """Across-task aggregates (seed 004, 2.5 and 7): risk preference, consistency, engagement, stability."""
    n = len(tasks)
    counts = {level: sum(x.final_risk == level for x in tasks) for level in ("low", "medium", "high")}
    share, gap = float(t["risk_dominant_share"]), float(t["risk_balanced_gap"])
    if counts["low"] > n * share:
        dominant = "low"
    elif counts["high"] > n * share:
        dominant = "high"
    elif abs(counts["low"] - counts["high"]) < n * gap:
        dominant = "balanced"
    else:
        dominant = "medium"
    times = [x.first_decision_ms for x in tasks]
    m, s = mean(times), sd(times)
    total = sum(x.total_ms for x in tasks)
    lost = sum(x.idle_ms + x.away_ms for x in tasks)
    hesitation = [(x.total_ms - x.active_ms) / 1000.0 for x in tasks]
    if t.get("hesitation") == "attempt":  # 1.2.0, seed 004 8.1: the attempt's hesitation over its tasks
        attempt = (tasks[-1].end_ns - tasks[0].start_ns) / 1e6 - sum(x.frozen_ms for x in tasks)
        hesitation = [(attempt - sum(x.active_ms for x in tasks)) / 1000.0 / n]
    return {
        "counts": counts, "dominant": dominant,
        "consistency": None if not m or s is None else clamp(1.0 - s / m, 0.0, 1.0),
        "engagement": mean([min(1.0, x.words / float(t["engaged_words"])) for x in tasks]),
        "stability": clamp(1.0 - lost / total, 0.0, 1.0) if total > 0 else None,
        "hesitation_s": mean(hesitation),
        "changes": mean([float(x.changes) for x in tasks]),
        "depth": mean([x.depth for x in tasks]), "words": mean([float(x.words) for x in tasks]),
        "keywords": mean([float(x.keywords) for x in tasks]), "first_ms": m,
    }


_AGG = [("decision.risk_low_count", "low", "tasks"), ("decision.risk_medium_count", "medium", "tasks"),
        ("decision.risk_high_count", "high", "tasks")]
_AGG2 = [("decision.risk_preference", "dominant", ""), ("decision.decision_consistency", "consistency", "0-1"),
         ("decision.reasoning_engagement", "engagement", "0-1"), ("decision.attention_stability", "stability", "0-1"),
         ("decision.mean_hesitation_s", "hesitation_s", "s"), ("decision.mean_changes", "changes", "count"),
         ("decision.mean_reasoning_depth", "depth", "0-1"), ("decision.mean_first_decision_ms", "first_ms", "ms")]


def score_decision(
    records: Sequence[EventRecord], tables: Any, freezes: Sequence[Span] = (), keywords: KeywordTable | None = None
) -> tuple[GameResult, list[Task]]:
    """Per-task metrics (grouped by task id) and, with enough tasks, the across-task aggregates.

    From scoring 1.1.0 on, the spans in `freezes` are left out of task times and reported per task.
    """
    t = tables["decision"]
    exclude = bool(tables.get("freezes", {}).get("exclude_from_decision_times", False))
    tasks, ended = parse_tasks(records, t, freezes if exclude else (), keywords)
    metrics = [metric("decision.tasks_completed", len(tasks), "tasks", len(tasks))]
    need = int(t["min_tasks"])
    if len(tasks) >= need:
        agg = summary(tasks, t)
        metrics += [metric(k, agg["counts"][c], u, len(tasks)) for k, c, u in _AGG]
        metrics += [metric(k, agg[c], u, len(tasks)) for k, c, u in _AGG2]
    else:
        metrics += [short_metric(k, u, len(tasks), need, N_("completed tasks"), FIX) for k, _, u in _AGG + _AGG2]
    for task in tasks:
        metrics += _per_task(task, exclude, t.get("activity") == "spans")
    return GameResult(game="decision", completed=ended, metrics=metrics), tasks


def _deliberation(tasks: list[Task], tables: Any) -> Trait:
    """Log-scale position of the mean first-decision time; from 1.2.0 the geometric mean (`average`)."""
    d = tables["traits"]["deliberation"]
    items = [x.first_decision_ms for x in tasks]
    quick, slow = float(d["quick_ms"]), float(d["slow_ms"])
    if d.get("average") == "geometric":
        def geo(xs: Sequence[float]) -> float:
            return math.exp(mean_of([math.log(max(x, 1.0)) for x in xs]))

        return trait("deliberation", tables, items, lambda xs: None if not xs else log_position(geo(xs), quick, slow),
                     ["decision.first_decision_ms"], lambda p: [
                         N_("First choice came after {seconds} s (geometric mean) in each of {tasks} tasks ({quick} s "
                            "maps to 0, {slow} s to 100, log scale), giving position {position}.").format(
                             seconds=f"{geo(items) / 1000:.1f}", tasks=len(items), quick=f"{quick / 1000:.0f}",
                             slow=f"{slow / 1000:.0f}", position=f"{p:.0f}")],
                     band=BandSpec("mean", transform=lambda m: log_position(math.exp(m), quick, slow),
                                   values=lambda xs: [math.log(max(x, 1.0)) for x in xs]))
    return trait("deliberation", tables, items,
                 lambda xs: None if not xs else log_position(mean_of(xs), quick, slow),
                 ["decision.first_decision_ms"], lambda p: [
                     N_("First choice came on average {seconds} s into each of {tasks} tasks ({quick} s maps to 0, "
                        "{slow} s to 100, log scale), giving position {position}.").format(
                         seconds=f"{mean_of(items) / 1000:.1f}", tasks=len(items), quick=f"{quick / 1000:.0f}",
                         slow=f"{slow / 1000:.0f}", position=f"{p:.0f}")])


def decision_traits(tasks: list[Task], tables: Any) -> list[Trait]:
    """Deliberation, exploration, risk in scenarios and reasoning depth, one item per task."""
    traits = tables["traits"]
    out = [_deliberation(tasks, tables)]
    full = float(traits["exploration"]["changes_full"])
    ex = [50.0 * min(1.0, x.unique_views / x.options) + 50.0 * min(1.0, x.changes / full) for x in tasks]
    out.append(trait("exploration", tables, ex, lambda xs: mean(xs) if xs else None,
                     ["decision.unique_options_viewed", "decision.changes"], lambda p: [
                         N_("Looked at {share} of the options and changed choice {changes} times per task on "
                            "average, giving position {position}.").format(
                             share=f"{mean([x.unique_views / x.options for x in tasks]):.0%}",
                             changes=f"{mean([float(x.changes) for x in tasks]):.1f}", position=f"{p:.0f}")],
                     band=SCALE))
    levels = traits["scenario_risk"]["levels"]
    risk = [float(levels[x.final_risk]) for x in tasks]
    out.append(trait("scenario_risk", tables, risk, lambda xs: mean(xs) if xs else None, ["decision.final_risk"],
                     lambda p: [N_("Final choices: {low} low-, {medium} medium- and {high} high-risk, giving "
                                   "position {position}.").format(
                                    low=sum(x.final_risk == "low" for x in tasks),
                                    medium=sum(x.final_risk == "medium" for x in tasks),
                                    high=sum(x.final_risk == "high" for x in tasks), position=f"{p:.0f}")],
                     band=BandSpec("mean", transform=lambda m: m, bounds=(0.0, 100.0), quantile="normal")))
    depth = [100.0 * x.depth for x in tasks]
    out.append(trait("reasoning_depth", tables, depth, lambda xs: mean(xs) if xs else None,
                     ["decision.reasoning_depth"], lambda p: [
                         N_("Wrote {words} words with {connectors} logical connectors per task on average (depth "
                            "{depth} of 100), giving position {position}.").format(
                             words=f"{mean([float(x.words) for x in tasks]):.0f}",
                             connectors=f"{mean([float(x.keywords) for x in tasks]):.1f}",
                             depth=f"{mean(depth):.0f}", position=f"{p:.0f}")], band=SCALE))
    return out
