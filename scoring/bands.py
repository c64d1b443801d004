"""Position bands with nominal 95 % coverage (scoring 1.2.0): item-level intervals mapped through the position.

Each trait says how its position is made from its items (`BandSpec`), and the band follows from the items:

- `mean`: position = transform(mean of item values). Student-t interval on the mean (n - 1 degrees of
  freedom) from the item variance. When every item has the same value the variance says nothing, so
  `pseudo_items` pseudo-items are added at each end of the items' range (bounded items only; the idea of
  Agresti & Coull's 1998 "add two successes and two failures"), and a session whose few items all sit at
  one value still gets an honest width.
- `difference`: position = transform(mean of group B - mean of group A); Welch's t interval with the
  Welch-Satterthwaite degrees of freedom (Welch 1947).
- `proportion`: items are 0/1; the Wilson (1927) score interval of the share, mapped through the transform.
- `median`: position = transform(median of item values); the distribution-free interval between two order
  statistics chosen from the binomial(n, 1/2) distribution (e.g. Conover 1999, section 3.2), with the linear
  interpolation of Hettmansperger & Sheather (1986) so the coverage is 95 % rather than "at least 95 %".
- `jackknife`: position +- t(n - 1) x the jackknife standard error of the statistic (Efron & Tibshirani
  1993, ch. 11), for smooth statistics of a few dozen items (a coefficient of variation).
- `bootstrap` (the default, for any other statistic): position +- t(n - 1) x the standard deviation of the
  statistic over `resamples` bootstrap resamples of the items (Efron & Tibshirani 1993, ch. 6 and 12).
  The resampling is deterministic: a SplitMix64 generator (Steele, Lea & Flood 2014) seeded from the trait
  key, so the same items always give the same band, on any machine.
- `model`: the trait's own interval (`interval`), for positions whose items are not exchangeable, so that no
  resampling of the items shows their spread: working memory's span under an adaptive rule
  (scoring/span_band.py), the IGT's serially correlated choices (scoring/igt_bands.py), the stop-signal
  staircase (scoring/stop_band.py). The band is widened
  to hold the position.

Every transform must be monotone (increasing or decreasing); the band is clamped to 0..100.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist
from typing import Any, Literal

__all__ = ["BandSpec", "NominalBand", "SplitMix64", "nominal_band", "t_quantile", "wilson_interval"]

Method = Literal["mean", "difference", "proportion", "median", "jackknife", "bootstrap", "model"]
_MASK = (1 << 64) - 1


class SplitMix64:
    """A tiny, fully specified 64-bit generator (Steele, Lea & Flood 2014): identical output everywhere."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def next(self) -> int:
        """The next 64-bit output."""
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """An index 0..n-1 (multiply-shift; the bias for n of a few thousand is below 1e-15)."""
        return (self.next() * n) >> 64


def t_quantile(df: float, p: float) -> float:
    """Student-t quantile: exact for 1 and 2 degrees of freedom, else the Cornish-Fisher expansion
    (Abramowitz & Stegun 1964, 26.7.5; within 0.004 of the exact value at df = 3, 1e-5 from df = 9)."""
    if df <= 1:
        return math.tan(math.pi * (p - 0.5))
    if df <= 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


@dataclass(frozen=True)
class BandSpec:
    """How a trait's position is made from its items, so its band can be computed from the items.

    `values` turns the items into numbers (default: the items are numbers); `transform` maps the mean,
    share or median of those numbers to the position (monotone); `bounds` is the range the values can take
    (mean method: enables the pseudo-items); `quantile` "normal" uses z instead of Student's t for the mean
    (for items of a few discrete values, where t is needlessly wide); `groups` splits the items into the two
    groups of the difference method. The bootstrap method uses the trait's own statistic instead.
    """

    method: Method = "bootstrap"
    transform: Callable[[float], float] | None = None
    values: Callable[[Sequence[Any]], list[float]] | None = None
    bounds: tuple[float, float] | None = None
    quantile: Literal["t", "normal"] = "t"
    groups: Callable[[Sequence[Any]], tuple[list[float], list[float]]] | None = None
    pivot: Callable[[Sequence[Any]], float | None] | None = None
    """jackknife: the statistic on the scale where the interval is built (e.g. log CV); transform maps it."""
    interval: Callable[[Sequence[Any], float], tuple[float, float] | None] | None = None
    """model: the trait's own interval of the position (items, confidence) -> (low, high), from a model of the
    session when the items are not exchangeable (an adaptive procedure, a learner's correlated choices)."""


@dataclass(frozen=True)
class NominalBand:
    """A 95 % band: low and high (0..100), the standard error it implies and how it was computed."""

    low: float
    high: float
    se: float
    method: str


def _clamp(x: float) -> float:
    return max(0.0, min(100.0, x))


def _mapped(lo: float, hi: float, transform: Callable[[float], float], method: str, conf: float) -> NominalBand:
    a, b = _clamp(transform(lo)), _clamp(transform(hi))
    low, high = min(a, b), max(a, b)
    z = NormalDist().inv_cdf(0.5 + conf / 2)
    return NominalBand(low, high, (high - low) / (2 * z), method)


def _mean_interval(xs: Sequence[float], bounds: tuple[float, float] | None, pseudo: float,
                   conf: float, normal: bool = False) -> tuple[float, float]:
    n = len(xs)
    weights = [1.0] * n
    values = list(xs)
    if bounds is not None and pseudo > 0 and max(xs) == min(xs):
        values += [bounds[0], bounds[1]]
        weights += [pseudo, pseudo]
    total = math.fsum(weights)
    m = math.fsum(w * x for w, x in zip(weights, values, strict=True)) / total
    var = math.fsum(w * (x - m) ** 2 for w, x in zip(weights, values, strict=True)) / max(total - 1.0, 1.0)
    q = NormalDist().inv_cdf(0.5 + conf / 2) if normal else t_quantile(max(n - 1, 1), 0.5 + conf / 2)
    half = q * math.sqrt(var / total)
    return m - half, m + half


def _welch(a: Sequence[float], b: Sequence[float], conf: float) -> tuple[float, float] | None:
    """Welch's interval of mean(b) - mean(a) (Welch 1947); None when a group has fewer than two values."""
    if len(a) < 2 or len(b) < 2:
        return None
    ma, mb = math.fsum(a) / len(a), math.fsum(b) / len(b)
    va = math.fsum((x - ma) ** 2 for x in a) / (len(a) - 1) / len(a)
    vb = math.fsum((x - mb) ** 2 for x in b) / (len(b) - 1) / len(b)
    se2 = va + vb
    d = mb - ma
    if se2 <= 0:
        return d, d
    df = se2 * se2 / (va * va / (len(a) - 1) + vb * vb / (len(b) - 1))
    half = t_quantile(df, 0.5 + conf / 2) * math.sqrt(se2)
    return d - half, d + half


def wilson_interval(successes: float, n: float, conf: float) -> tuple[float, float]:
    """The Wilson (1927) score interval of a share; n may be an effective (non-integer) number of items."""
    z = NormalDist().inv_cdf(0.5 + conf / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@lru_cache(maxsize=1024)
def _half_binomial_cdf(n: int) -> tuple[float, ...]:
    """P(Binomial(n, 1/2) <= k) for k = 0..n, computed in log space (no overflow for any n); kept per n (the
    same n comes back session after session, and the values depend on n alone)."""
    log_half = n * math.log(0.5)
    out: list[float] = []
    total = 0.0
    for k in range(n + 1):
        total += math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + log_half)
        out.append(min(1.0, total))
    return tuple(out)


def _median_interval(xs: Sequence[float], conf: float) -> tuple[float, float]:
    """Order-statistic interval for the median, interpolated (Hettmansperger & Sheather 1986)."""
    s = sorted(xs)
    n = len(s)
    cdf = _half_binomial_cdf(n)
    alpha = 1 - conf
    d = 0
    for k in range(1, (n + 1) // 2 + 1):
        if cdf[k - 1] <= alpha / 2:
            d = k
    if d == 0:
        return s[0], s[-1]
    outer = 1 - 2 * cdf[d - 1]  # coverage of (x(d), x(n-d+1)), 1-based
    if d + 1 > n - d:
        return s[d - 1], s[n - d]
    inner = 1 - 2 * cdf[d]  # of (x(d+1), x(n-d))
    if outer <= inner:
        return s[d - 1], s[n - d]
    share = (conf - inner) / (outer - inner)
    lam = (n - d) * share / (d + (n - 2 * d) * share)
    lo = lam * s[d - 1] + (1 - lam) * s[d]
    hi = lam * s[n - d] + (1 - lam) * s[n - d - 1]
    return lo, hi


def _bootstrap(key: str, items: Sequence[Any], statistic: Callable[[Sequence[Any]], float | None],
               position: float, resamples: int, conf: float) -> NominalBand | None:
    rng = SplitMix64(zlib.crc32(key.encode("utf-8")))
    n = len(items)
    stats: list[float] = []
    for _ in range(resamples):
        value = statistic([items[rng.below(n)] for _ in range(n)])
        if value is not None:
            stats.append(value)
    if len(stats) < resamples // 2:
        return None
    m = math.fsum(stats) / len(stats)
    se = math.sqrt(math.fsum((x - m) ** 2 for x in stats) / max(len(stats) - 1, 1))
    half = t_quantile(max(n - 1, 1), 0.5 + conf / 2) * se
    return _mapped(position - half, position + half, lambda x: x, "bootstrap", conf)


def _jackknife(items: Sequence[Any], statistic: Callable[[Sequence[Any]], float | None], position: float,
               conf: float, transform: Callable[[float], float] | None) -> NominalBand | None:
    n = len(items)
    if transform is not None:
        centre = statistic(items)
        if centre is None:  # undefined on the pivot's scale (a CV of 0: identical items): no spread to show
            return _mapped(position, position, lambda x: x, "jackknife", conf)
        position = centre
    leave_one = [statistic([x for j, x in enumerate(items) if j != i]) for i in range(n)]
    values = [v for v in leave_one if v is not None]
    if len(values) < n or n < 3:
        return None
    m = math.fsum(values) / n
    se = math.sqrt((n - 1) / n * math.fsum((v - m) ** 2 for v in values))
    half = t_quantile(n - 1, 0.5 + conf / 2) * se
    return _mapped(position - half, position + half, transform or (lambda x: x), "jackknife", conf)


def nominal_band(key: str, spec: BandSpec, items: Sequence[Any], statistic: Callable[[Sequence[Any]], float | None],
                 position: float, settings: Any) -> NominalBand | None:
    """The 95 % band of a trait's position by its BandSpec (None when the items cannot give one)."""
    conf = float(settings["confidence"])
    if spec.method == "model":
        if spec.interval is None:
            raise ValueError(f"{key}: the model band needs its interval")
        found = spec.interval(items, conf)
        if found is None:
            return None
        return _mapped(min(found[0], position), max(found[1], position), lambda x: x, "model", conf)
    if spec.method == "jackknife":
        return _jackknife(items, spec.pivot or statistic, position, conf, spec.transform if spec.pivot else None)
    if spec.method == "bootstrap" or spec.transform is None:
        return _bootstrap(key, items, statistic, position, int(settings["resamples"]), conf)
    if spec.method == "difference":
        if spec.groups is None:
            raise ValueError(f"{key}: the difference band needs its groups")
        found = _welch(*spec.groups(items), conf)
        return None if found is None else _mapped(found[0], found[1], spec.transform, "difference", conf)
    xs = spec.values(items) if spec.values is not None else [float(x) for x in items]
    if not xs:
        return None
    if spec.method == "proportion":
        lo, hi = wilson_interval(math.fsum(xs), len(xs), conf)
    elif spec.method == "median":
        lo, hi = _median_interval(xs, conf)
    else:
        lo, hi = _mean_interval(xs, spec.bounds, float(settings["pseudo_items"]), conf, spec.quantile == "normal")
    return _mapped(lo, hi, spec.transform, spec.method, conf)
