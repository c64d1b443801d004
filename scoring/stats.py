"""Every formula in one place: descriptive statistics, scale mappings, d', split-half reliability, rounding."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from statistics import NormalDist
from typing import Any

from scoring.tables import DECIMALS

__all__ = [
    "KEPT",
    "Band",
    "cv",
    "dprime_loglinear",
    "linear_position",
    "log_position",
    "mean",
    "median",
    "quantize",
    "quantized",
    "sd",
    "spearman_brown",
    "split_half_band",
]

_NORMAL = NormalDist()


def mean(xs: Sequence[float]) -> float | None:
    """Arithmetic mean (None when empty)."""
    return math.fsum(xs) / len(xs) if xs else None


def mean_of(xs: Sequence[float]) -> float:
    """Arithmetic mean of a sequence known to be non-empty (ValueError when it is empty)."""
    if not xs:
        raise ValueError("mean of an empty sequence")
    return math.fsum(xs) / len(xs)


def median(xs: Sequence[float]) -> float | None:
    """Median (mean of the middle two for an even count; None when empty)."""
    if not xs:
        return None
    s = sorted(xs)
    mid = len(s) // 2
    return float(s[mid]) if len(s) % 2 else (s[mid - 1] + s[mid]) / 2.0


def sd(xs: Sequence[float]) -> float | None:
    """Sample standard deviation, n - 1 denominator (None below two values)."""
    if len(xs) < 2:
        return None
    m = math.fsum(xs) / len(xs)
    return math.sqrt(math.fsum([(x - m) ** 2 for x in xs]) / (len(xs) - 1))


def cv(xs: Sequence[float]) -> float | None:
    """Coefficient of variation sd / mean (None below two values or with a zero mean)."""
    m, s = mean(xs), sd(xs)
    if m is None or s is None or m == 0:
        return None
    return s / m


def clamp(x: float, lo: float = 0.0, hi: float = 100.0) -> float:
    """x limited to [lo, hi]."""
    return max(lo, min(hi, x))


def linear_position(x: float, at_zero: float, at_hundred: float) -> float:
    """Map x linearly so that at_zero -> 0 and at_hundred -> 100, clamped to 0..100."""
    return clamp(100.0 * (x - at_zero) / (at_hundred - at_zero))


def log_position(x: float, at_zero: float, at_hundred: float) -> float:
    """Like linear_position on a log scale (for durations); x <= 0 counts as at_hundred."""
    if x <= 0:
        return 100.0 if at_hundred < at_zero else 0.0
    lx, l0, l1 = math.log(x), math.log(at_zero), math.log(at_hundred)
    return clamp(100.0 * (lx - l0) / (l1 - l0))


def dprime_loglinear(hits: int, go: int, false_alarms: int, nogo: int) -> tuple[float, float, float]:
    """d' = z(H) - z(FA) with the log-linear correction (Hautus 1995): add 0.5 to counts and 1 to trials.

    Returns (d', corrected hit rate, corrected false-alarm rate). Never infinite, even for rates of 0 or 1.
    """
    h = (hits + 0.5) / (go + 1.0)
    fa = (false_alarms + 0.5) / (nogo + 1.0)
    return _NORMAL.inv_cdf(h) - _NORMAL.inv_cdf(fa), h, fa


def spearman_brown(r_half: float) -> float:
    """Reliability of the full length from the reliability of a half: 2r / (1 + r)."""
    return 2.0 * r_half / (1.0 + r_half) if r_half > -1.0 else 0.0


class Band:
    """A trait's split-half reliability and its position band (see docs/SCORING.md, 'Reliability band')."""

    __slots__ = ("even", "high", "low", "odd", "reliability", "se")

    def __init__(self, odd: float, even: float, reliability: float, se: float, low: float, high: float) -> None:
        self.odd, self.even, self.reliability, self.se, self.low, self.high = odd, even, reliability, se, low, high


def split_half_band(
    items: Sequence[Any],
    statistic: Callable[[Sequence[Any]], float | None],
    position: float,
    ref_sd: float,
    z: float,
    se_floor: float,
) -> Band | None:
    """Odd/even split-half reliability with the Spearman-Brown correction, and position +- z standard errors.

    The statistic is computed on the odd-numbered and on the even-numbered items; the halves' difference
    d estimates the error variance of a half-length score as d^2 / 2. Against the trait's reference spread
    ref_sd, the half reliability is r_half = 1 - (d^2 / 2) / ref_sd^2 (clamped to 0..1), the full-length
    reliability is Spearman-Brown's 2 r_half / (1 + r_half), and SE = max(ref_sd * sqrt(1 - r), se_floor).
    None when either half cannot be scored.
    """
    odd = statistic(items[0::2])
    even = statistic(items[1::2])
    if odd is None or even is None:
        return None
    d = odd - even
    r_half = clamp(1.0 - (d * d / 2.0) / (ref_sd * ref_sd), 0.0, 1.0)
    r = spearman_brown(r_half)
    se = max(ref_sd * math.sqrt(max(0.0, 1.0 - r)), se_floor)
    return Band(odd, even, r, se, clamp(position - z * se), clamp(position + z * se))


KEPT: frozenset[type] = frozenset({str, int, bool, type(None)})
"""Types quantize returns as they are: a dict's or list's values of these are kept without a call."""


def quantize(value: Any) -> Any:
    """Round every float in a JSON-ready structure to DECIMALS places (and -0.0 to 0.0): the one rounding step."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in KEPT else quantize(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in KEPT else quantize(v) for v in value]
    return quantized(value)


def quantized(value: Any) -> Any:
    """quantize for anything but a plain dict or list (floats, tuples, subclasses)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"non-finite number {value!r} in a scoring result")
        r = round(value, DECIMALS)
        return 0.0 if r == 0 else r
    if isinstance(value, dict):
        return {k: quantize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [quantize(v) for v in value]
    return value
