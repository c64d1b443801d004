"""Working memory's band (scoring 1.2.0 on): a recall curve fitted to the answers, the span procedure replayed exactly.

The span is the longest length answered correctly under an adaptive rule (two sequences per length, stop when
both fail; Wechsler 2008), so resampling the answers cannot show its spread (it can only lower it). Instead:

- recall of a sequence of length L succeeds with probability 1 / (1 + exp((L - capacity) / spread)), a
  logistic psychometric function (our modelling choice: recall falls smoothly with length around a capacity);
- over a grid of (capacity, spread), flat in capacity (4 below the first length to 4 above the longest the
  part may reach) and in log spread (0.2-1.6 digits), the answers of each direction give a posterior weight
  (the likelihood of its correct and wrong answers);
- for every grid point the expected position is exact: the rule is a Markov chain (length L is passed with
  probability 1 - (1 - p_L)^2), so the distribution of the span follows in closed form;
- the band is the equal-tailed 95 % interval of the expected position under those weights (directions
  independent, combined by their mean on a 0.25-point grid), widened to hold the position itself.

No random numbers: the same answers always give the same band.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from scoring.stats import linear_position

__all__ = ["span_band", "span_distribution"]

DEFAULT_TOP = {"forward": 9, "backward": 8}  # WAIS-IV's longest sequences (games/digit_span/params.py)
SPREADS = tuple(0.2 * 8.0 ** (i / 7) for i in range(8))  # 0.2 .. 1.6 digits, evenly on a log scale
CAPACITY_STEP = 0.1
BIN = 0.25  # position points


def _recall(length: int, capacity: float, spread: float) -> float:
    return 1.0 / (1.0 + math.exp(max(-50.0, min(50.0, (length - capacity) / spread))))


def span_distribution(start: int, top: int, capacity: float, spread: float) -> dict[int, float]:
    """P(span = s) under the rule: two sequences per length from `start`, stop when both fail or after `top`."""
    out: dict[int, float] = {}
    reach = 1.0
    for length in range(start, top + 1):
        passed = 1.0 - (1.0 - _recall(length, capacity, spread)) ** 2
        span_if_failed = length - 1 if length > start else 0
        out[span_if_failed] = out.get(span_if_failed, 0.0) + reach * (1.0 - passed)
        reach *= passed
    out[top] = out.get(top, 0.0) + reach
    return out


@functools.lru_cache(maxsize=64)
def _grid(start: int, top: int, at_zero: float, at_hundred: float) -> tuple[tuple[float, tuple[float, ...]], ...]:
    """Per grid point: its expected position and log P(recall) and log P(no recall) at each length start..top
    (at index 2 (L - start) and 2 (L - start) + 1); the same for every session of a design."""
    out = []
    for spread in SPREADS:
        for i in range(round((top - start + 8) / CAPACITY_STEP) + 1):
            capacity = start - 4 + i * CAPACITY_STEP
            expected = math.fsum(p * linear_position(float(s), at_zero, at_hundred)
                                 for s, p in span_distribution(start, top, capacity, spread).items())
            logs: list[float] = []
            for length in range(start, top + 1):
                p = min(max(_recall(length, capacity, spread), 1e-300), 1.0 - 1e-16)
                logs += [math.log(p), math.log1p(-p)]
            out.append((expected, tuple(logs)))
    return tuple(out)


def _posterior(answers: Sequence[tuple[int, bool]], start: int, top: int,
               anchors: Sequence[float]) -> dict[int, float]:
    """Posterior weights of the expected position of one direction, on bins of BIN points."""
    counts = [0] * (2 * (top - start + 1))
    for length, correct in answers:
        counts[2 * (length - start) + (not correct)] += 1
    used = [(i, n) for i, n in enumerate(counts) if n]
    points = [(math.fsum(n * logs[i] for i, n in used), e) for e, logs in _grid(start, top, float(anchors[0]),
                                                                                 float(anchors[1]))]
    best = max(ll for ll, _ in points)
    bins: dict[int, float] = {}
    for ll, expected in points:
        if ll - best > -30.0:  # weights below e^-30 of the best change no quantile
            b = round(expected / BIN)
            bins[b] = bins.get(b, 0.0) + math.exp(ll - best)
    return bins


def _sum_quantiles(first: dict[int, float], second: dict[int, float] | None, conf: float) -> tuple[float, float]:
    """The equal-tailed interval of the mean of two independent binned values (or of one), in points."""
    if second is None:
        second, parts = {0: 1.0}, 1
    else:
        parts = 2
    top = max(second)
    cdf, acc = [0.0] * (top + 1), 0.0
    for k in range(top + 1):
        acc += second.get(k, 0.0)
        cdf[k] = acc
    total = math.fsum(first.values()) * acc

    def below(t: int) -> float:  # P(first + second <= t), unnormalised
        return math.fsum(w * cdf[min(t - a, top)] for a, w in first.items() if t - a >= 0)

    tail = (1.0 - conf) / 2 * total
    lo_t, hi_t = min(first), max(first) + top
    low = _first(lo_t, hi_t, lambda t: below(t) > tail)
    high = _first(lo_t, hi_t, lambda t: total - below(t) <= tail)  # P(sum > high) <= tail
    return low * BIN / parts, high * BIN / parts


def _first(lo: int, hi: int, holds: Callable[[int], bool]) -> int:
    """The smallest t in lo..hi where a monotone condition holds (hi when it holds nowhere before)."""
    while lo < hi:
        mid = (lo + hi) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def span_band(answers: Sequence[Any], anchors: Mapping[str, Sequence[float]],
              conf: float) -> tuple[float, float] | None:
    """The band of the working-memory position (0..100) from the answers (scoring.digit_span.Answer)."""
    found: list[dict[int, float]] = []
    for direction in ("forward", "backward"):
        mine = [a for a in answers if a.direction == direction]
        if not mine:
            continue
        start, last = min(a.length for a in mine), max(a.length for a in mine)
        ended_passing = any(a.correct for a in mine if a.length == last)
        top = last if ended_passing else max(DEFAULT_TOP[direction], last)
        bins = _posterior([(a.length, a.correct) for a in mine], start, top, anchors[direction])
        found.append(bins)
    return None if not found else _sum_quantiles(found[0], found[1] if len(found) > 1 else None, conf)
