"""The IGT traits' bands (scoring 1.2.0 on): intervals for a learner's serially correlated choices.

A learner's choices are not independent: which deck it happened to trust early carries over to the next
choices, so intervals that treat the 100 choices as independent are too narrow (Wilson 84-92 % coverage).
Both bands widen the independent-choice variance by the AR(1) variance inflation factor (1 + r) / (1 - r)
(the variance of the mean of a first-order autoregressive series, e.g. Box, Jenkins & Reinsel 2008, or
Zwiers & von Storch 1995's "effective sample size" n (1 - r) / (1 + r)), where r is the lag-1
autocorrelation of the choices around their own block's share (so that learning across blocks does not
count as dependence), clamped to 0..0.95:

- `long_term_reward` (a share): the Wilson score interval (Wilson 1927) on the effective number of choices;
- `outcome_learning` (the least-squares slope of the block net scores): the slope is a weighted sum of the
  blocks' shares, so its variance is sum of w_b^2 x 4 size^2 p_b (1 - p_b) / n_b, each block's share taken
  with one added choice of each kind (Agresti & Caffo 2000) so that a block of one kind still has a variance;
  normal quantile.

No random numbers: the same choices always give the same band.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from statistics import NormalDist

from scoring.bands import wilson_interval

__all__ = ["block_lag1", "learning_interval", "share_interval"]

MAX_R = 0.95


def block_lag1(goods: Sequence[tuple[int, bool]], size: int) -> float:
    """Lag-1 autocorrelation of the choices (1 advantageous, 0 not) around their block's share, within blocks."""
    blocks: dict[int, list[tuple[int, float]]] = {}
    for order, good in goods:
        blocks.setdefault(order // size, []).append((order, 1.0 if good else 0.0))
    products = squares = 0.0
    for chosen in blocks.values():
        chosen.sort()
        share = math.fsum(v for _, v in chosen) / len(chosen)
        residual = [(o, v - share) for o, v in chosen]
        squares += math.fsum(e * e for _, e in residual)
        products += math.fsum(a * b for (oa, a), (ob, b) in itertools.pairwise(residual) if ob == oa + 1)
    return 0.0 if squares <= 0 else max(0.0, min(MAX_R, products / squares))


def _inflation(goods: Sequence[tuple[int, bool]], size: int) -> float:
    r = block_lag1(goods, size)
    return (1.0 + r) / (1.0 - r)


def share_interval(goods: Sequence[tuple[int, bool]], size: int, conf: float) -> tuple[float, float] | None:
    """The long-term-reward band (position = 100 x share of advantageous choices) on the effective n."""
    if not goods:
        return None
    n_eff = len(goods) / _inflation(goods, size)
    share = sum(g for _, g in goods) / len(goods)
    low, high = wilson_interval(share * n_eff, n_eff, conf)
    return 100.0 * low, 100.0 * high


def learning_interval(goods: Sequence[tuple[int, bool]], size: int, span: float, position: float,
                      conf: float) -> tuple[float, float] | None:
    """The outcome-learning band (position = 50 + 50 x slope / span) around the session's position."""
    blocks: dict[int, list[bool]] = {}
    for order, good in goods:
        blocks.setdefault(order // size + 1, []).append(good)
    if len(blocks) < 3:
        return None
    xs = sorted(blocks)
    mean_x = math.fsum(xs) / len(xs)
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    variance = 0.0
    for x in xs:
        chosen = blocks[x]
        share = (sum(chosen) + 1.0) / (len(chosen) + 2.0)
        weight = (x - mean_x) / sxx
        variance += weight * weight * 4.0 * size * size * share * (1.0 - share) / len(chosen)
    z = NormalDist().inv_cdf(0.5 + conf / 2)
    half = z * math.sqrt(variance * _inflation(goods, size)) * 50.0 / span
    return position - half, position + half
