"""Digit span metrics and the working memory trait (Wechsler digit span scoring; docs/SCORING.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventlog.records import EventRecord
from i18n import N_
from scoring.build import BandSpec, metric, short_metric, trait
from scoring.errors import ScoringInputError
from scoring.model import GameResult, Metric, Trait
from scoring.span_band import span_band
from scoring.stats import clamp, linear_position, mean, median
from scoring.stream import get

__all__ = ["Answer", "digit_span_traits", "parse_digit_span", "position_errors", "score_digit_span"]

FIX = N_("play the whole digit span game (both parts, until each part stops by itself) and score the session "
         "again")
DIRECTIONS = ("forward", "backward")
_SEQUENCES = {"forward": N_("forward sequences"), "backward": N_("backward sequences")}
_SAID = {"forward": N_("{count} digits forward"), "backward": N_("{count} digits backward")}
_SCALE = {"forward": N_("forward {low} digits -> 0, {high} -> 100"),
          "backward": N_("backward {low} digits -> 0, {high} -> 100")}


@dataclass(frozen=True)
class Answer:
    """One answered sequence."""

    index: int
    direction: str
    length: int
    target: str
    entry: str
    response_ms: float
    corrections: int

    @property
    def correct(self) -> bool:
        """The answer is the target, digit for digit."""
        return self.entry == self.target


def position_errors(target: str, entry: str) -> int:
    """Positions where the answer differs from the target; a missing or extra digit counts once."""
    return sum(1 for i in range(max(len(target), len(entry))) if target[i:i + 1] != entry[i:i + 1])


def parse_digit_span(records: Sequence[EventRecord]) -> tuple[list[Answer], bool]:
    """The answered sequences in order (read from digit_span.submitted), and whether the game ended."""
    answers: list[Answer] = []
    ended = False
    for rec in records:
        if rec.kind == "digit_span.submitted":
            direction = get(rec, "direction", str)
            if direction not in DIRECTIONS:
                raise ScoringInputError(rec.seq, "direction", f"must be forward or backward, got {direction!r}",
                                        rec.kind)
            target = get(rec, "target", str)
            if len(target) != get(rec, "length", int):
                raise ScoringInputError(rec.seq, "target", "does not have `length` digits", rec.kind)
            answers.append(Answer(get(rec, "trial", int), direction, len(target), target, get(rec, "entry", str),
                                  get(rec, "response_ns", int) / 1e6, get(rec, "corrections", int)))
        elif rec.kind == "digit_span.game_ended":
            ended = True
    return answers, ended


def _span(answers: Sequence[Answer], direction: str) -> int:
    return max((a.length for a in answers if a.direction == direction and a.correct), default=0)


def _direction_metrics(answers: list[Answer]) -> list[Metric]:
    out: list[Metric] = []
    for direction in DIRECTIONS:
        mine = [a for a in answers if a.direction == direction]
        if mine:
            out.append(metric(f"digit_span.{direction}_span", _span(mine, direction), "digits", len(mine)))
            out.append(metric(f"digit_span.{direction}_correct", sum(a.correct for a in mine), "sequences", len(mine)))
        else:
            out.append(short_metric(f"digit_span.{direction}_span", "digits", 0, 1, _SEQUENCES[direction], FIX))
            out.append(short_metric(f"digit_span.{direction}_correct", "sequences", 0, 1, _SEQUENCES[direction],
                                    FIX))
    return out


def score_digit_span(records: Sequence[EventRecord], tables: Any) -> tuple[GameResult, list[Answer]]:
    """The digit span game's metrics."""
    answers, ended = parse_digit_span(records)
    t = tables["digit_span"]
    digits = sum(a.length for a in answers)
    errors = sum(position_errors(a.target, a.entry) for a in answers)
    metrics = [
        metric("digit_span.sequences", len(answers), "sequences", len(answers)),
        metric("digit_span.correct", sum(a.correct for a in answers), "sequences", len(answers)),
        *_direction_metrics(answers),
        metric("digit_span.position_errors", errors, "digits", digits),
        metric("digit_span.position_error_rate", errors / digits if digits else None, "share", digits),
        metric("digit_span.corrections", sum(a.corrections for a in answers), "keys", len(answers)),
    ]
    need = int(t["min_sequences"])
    per_digit = [a.response_ms / a.length for a in answers]
    metrics.append(metric("digit_span.ms_per_digit", median(per_digit), "ms", len(per_digit)) if len(per_digit) >= need
                   else short_metric("digit_span.ms_per_digit", "ms", len(per_digit), need, N_("answered sequences"),
                                     FIX))
    return GameResult(game="digit_span", completed=ended, metrics=metrics), answers


def _position(items: Sequence[Answer], anchors: Any) -> float | None:
    """Mean over the directions played of the span's place between that direction's anchors (0..100)."""
    played = [d for d in DIRECTIONS if any(a.direction == d for a in items)]
    if not played:
        return None
    places = [linear_position(float(_span(items, d)), float(anchors[d][0]), float(anchors[d][1])) for d in played]
    return clamp(mean(places) or 0.0)


def digit_span_traits(answers: list[Answer], tables: Any) -> list[Trait]:
    """working_memory: the spans of the directions played, each between its anchors, averaged."""
    spec = tables["traits"]["working_memory"]
    anchors = spec["span_anchors"]
    spans = {d: _span(answers, d) for d in DIRECTIONS if any(a.direction == d for a in answers)}

    def stat(items: Sequence[Answer]) -> float | None:
        return _position(items, anchors)

    def words(p: float) -> list[str]:
        said = ", ".join(_SAID[d].format(count=n) for d, n in spans.items())
        scale = "; ".join(_SCALE[d].format(low=anchors[d][0], high=anchors[d][1]) for d in spans)
        return [N_("Longest sequence repeated without a mistake: {said} (of {sequences} sequences). On the scale "
                   "{scale}, averaged, that is position {position}. Typical adult spans are about 7 forward and 5 "
                   "backward. Higher is better: this is an ability.").format(
                    said=said, sequences=len(answers), scale=scale, position=f"{p:.0f}")]

    def interval(items: Sequence[Answer], conf: float) -> tuple[float, float] | None:
        return span_band(items, anchors, conf)

    # The span is the longest length passed under an adaptive rule, which resampling the answers cannot show:
    # a recall curve fitted to the answers and the rule replayed exactly (scoring/span_band.py; 1.2.0 on).
    return [trait("working_memory", tables, answers, stat, ["digit_span.forward_span", "digit_span.backward_span"],
                  words, band=BandSpec("model", interval=interval))]
