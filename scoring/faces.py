"""Emotion-faces metrics and the emotion-recognition trait: accuracy per emotion and intensity, the intensity needed
for 75 % correct, response times, and faces in context (graded intensities as in Montagne et al. 2007)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, insufficient, metric, short_metric, trait
from scoring.model import GameResult, Metric, Trait
from scoring.stats import clamp, median
from scoring.stream import get
from scoring.trials import isotonic_rising, parse_trials

__all__ = ["Answer", "faces_traits", "score_faces", "threshold"]

FIX = N_("play the whole faces game and score the session again")


@dataclass(frozen=True)
class Answer:
    """One named face."""

    part: str
    emotion: str
    intensity: int
    correct: bool
    rt_ms: float


def parse_faces(records: Sequence[EventRecord]) -> tuple[list[Answer], bool, float]:
    """The answers in order, whether the game ended, and the chance level (1 / number of emotions)."""
    game = parse_trials(records, "faces.")
    answers = [Answer(get(t.ended, "part", str), get(t.ended, "emotion", str), get(t.ended, "intensity", int),
                      get(t.ended, "correct", bool), get(t.ended, "rt_ns", int) / 1e6) for t in game.trials]
    emotions = get(game.started, "emotions", list) if game.started is not None else []
    return answers, game.ended, 1.0 / max(2, len(emotions))


def threshold(answers: Sequence[Answer], chance: float, criterion: float) -> float | None:
    """The intensity (0..1) at which the rising accuracy curve reaches `criterion`, or None if it never does.

    Accuracy per intensity is made non-decreasing (pool-adjacent-violators, weighted by trials), anchored at
    intensity 0 = chance (a neutral face), and the first crossing of the criterion is interpolated linearly.
    """
    levels = sorted({a.intensity for a in answers})
    if not levels:
        return None
    totals = [sum(1 for a in answers if a.intensity == k) for k in levels]
    rates = [sum(a.correct for a in answers if a.intensity == k) / n for k, n in zip(levels, totals, strict=True)]
    curve = [(0.0, chance), *zip((k / 100 for k in levels), isotonic_rising(rates, [float(n) for n in totals]),
                                 strict=True)]
    for (x0, y0), (x1, y1) in itertools.pairwise(curve):
        if y1 >= criterion > y0:
            return x0 + (x1 - x0) * (criterion - y0) / (y1 - y0)
        if y0 >= criterion:
            return x0
    return None


def _accuracy(answers: list[Answer], key: str, group_of: Any) -> list[Metric]:
    groups = sorted({group_of(a) for a in answers}, key=lambda g: (len(g), g))
    out = []
    for g in groups:
        mine = [a for a in answers if group_of(a) == g]
        out.append(metric(key, sum(a.correct for a in mine) / len(mine), "share", len(mine), g))
    return out


def _threshold_metric(identify: list[Answer], chance: float, t: Any, need: int) -> Metric:
    n = len(identify)
    if n < need:
        return short_metric("faces.threshold_intensity", "share", n, need, N_("identification trials"), FIX)
    found = threshold(identify, chance, float(t["criterion"]))
    if found is None:
        level = f"{100 * float(t['criterion']):g} %"
        return Metric(key="faces.threshold_intensity", unit="share", n=n, insufficient=insufficient(
            N_("accuracy stayed below {level} up to the strongest faces").format(level=level),
            N_("accuracy reaching {level} at some intensity").format(level=level),
            N_("{count} identification trials").format(count=n), FIX))
    return metric("faces.threshold_intensity", found, "share", n)


def score_faces(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Answer]]:
    """Accuracy (overall, per intensity, per emotion), the 75 % threshold, RT, and the context part."""
    answers, ended, chance = parse_faces(records)
    t = tables["faces"]
    identify = [a for a in answers if a.part == "identify"]
    context = [a for a in answers if a.part == "context"]
    n, need = len(identify), int(t["min_identify"])
    out = [metric("faces.trials", len(answers), "trials", len(answers))]
    out.append(metric("faces.accuracy", sum(a.correct for a in identify) / n, "share", n) if n >= need else
               short_metric("faces.accuracy", "share", n, need, N_("identification trials"), FIX))
    out.append(_threshold_metric(identify, chance, t, need))
    hits = [a.rt_ms for a in identify if a.correct]
    out.append(metric("faces.median_rt_ms", median(hits), "ms", len(hits)) if len(hits) >= int(t["min_rt"]) else
               short_metric("faces.median_rt_ms", "ms", len(hits), int(t["min_rt"]), N_("correct answers"),
                                            FIX))
    out += _context(identify, context, int(t["min_context"]))
    out += _accuracy(identify, "faces.accuracy_by_intensity", lambda a: str(a.intensity))
    out += _accuracy(identify, "faces.accuracy_by_emotion", lambda a: a.emotion)
    return GameResult(game="faces", completed=ended, metrics=out), answers


def _context(identify: list[Answer], context: list[Answer], need: int) -> list[Metric]:
    n = len(context)
    if n < need:
        return [short_metric(k, "share", n, need, N_("context trials"), FIX)
                for k in ("faces.context_accuracy", "faces.context_gain")]
    accuracy = sum(a.correct for a in context) / n
    levels = {a.intensity for a in context}
    same = [a for a in identify if a.intensity in levels]
    out = [metric("faces.context_accuracy", accuracy, "share", n)]
    if same:
        out.append(metric("faces.context_gain", accuracy - sum(a.correct for a in same) / len(same), "share",
                          n + len(same)))
    else:
        out.append(short_metric("faces.context_gain", "share", 0, 1, N_("identification trials at the context "
                                                                 "intensity"), FIX))
    return out


def _recognition(answers: list[Answer], chance: float, tables: Any) -> Trait:
    items = [a.correct for a in answers if a.part == "identify"]

    def stat(xs: Sequence[bool]) -> float | None:
        return None if not xs else clamp(100.0 * (sum(xs) / len(xs) - chance) / (1.0 - chance))

    def words(p: float) -> list[str]:
        found = threshold([a for a in answers if a.part == "identify"], chance,
                          float(tables["faces"]["criterion"]))
        limit = (N_("never reached 75 % correct") if found is None
                 else N_("reached 75 % correct at {intensity} % intensity").format(intensity=f"{100 * found:.0f}"))
        return [N_("Named {named} of {faces} faces correctly ({share} %; chance is {chance} %, which maps to 0, all "
                   "correct to 100), giving position {position}; accuracy {limit}. The faces are schematic drawings, "
                   "not a validated photographic set.").format(
                    named=sum(items), faces=len(items), share=f"{100 * sum(items) / len(items):.0f}",
                    chance=f"{100 * chance:.0f}", position=f"{p:.0f}", limit=limit)]

    return trait("emotion_recognition", tables, items, stat, ["faces.accuracy", "faces.threshold_intensity"], words,
                 band=BandSpec("proportion", transform=lambda share: 100.0 * (share - chance) / (1.0 - chance)))


def faces_traits(answers: list[Answer], chance: float, tables: Any) -> list[Trait]:
    """The faces traits, in documented order."""
    return [_recognition(answers, chance, tables)]
