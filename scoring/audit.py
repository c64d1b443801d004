"""Adverse-impact statistics: selection rates per group, the four-fifths ratio and Fisher's exact test.

The four-fifths rule is the US Uniform Guidelines on Employee Selection Procedures (29 CFR 1607.4(D), 1978):
a group's selection rate below four fifths of the highest group's rate is evidence of adverse impact.
Fisher's exact test (Fisher 1922) is computed here from the hypergeometric distribution, exactly, in whole
numbers: the two-sided p is the probability of every table with the same margins that is no more likely
than the one observed (the definition R's fisher.test uses).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from scoring.errors import ScoringError

__all__ = ["FOUR_FIFTHS", "MIN_PER_GROUP", "AuditError", "AuditRow", "GroupRate", "Selection", "fisher_exact",
           "selection_rates"]

FOUR_FIFTHS = Fraction(4, 5)
MIN_PER_GROUP = 30
"""Below this many people in a group the audit refuses: one person moves a group's rate by more than three
points, and the Uniform Guidelines (1607.4(D)) warn that the ratio is unreliable for small numbers."""


class AuditError(ScoringError):
    """The audit cannot be made (too few people in a group, fewer than two groups)."""


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p of Fisher's exact test for the 2x2 table [[a, b], [c, d]] (hypergeometric, exact)."""
    if min(a, b, c, d) < 0:
        raise ValueError("table cells must be non-negative")
    row1, col1, total = a + b, a + c, a + b + c + d
    low, high = max(0, col1 - (total - row1)), min(row1, col1)

    def weight(x: int) -> int:  # C(row1, x) C(row2, col1 - x): proportional to P(a = x)
        return math.comb(row1, x) * math.comb(total - row1, col1 - x)

    observed = weight(a)
    tail = sum(w for w in (weight(x) for x in range(low, high + 1)) if w <= observed)
    return float(Fraction(tail, math.comb(total, col1)))


@dataclass(frozen=True)
class AuditRow:
    """One person: their group, whether they were selected overall, and per trait (None: trait not scored)."""

    group: str
    selected: bool
    traits: dict[str, bool | None]


@dataclass(frozen=True)
class GroupRate:
    """A group's selection: n, selected, rate, ratio to the highest rate, four-fifths breach, Fisher's p."""

    group: str
    n: int
    selected: int
    rate: float
    impact_ratio: float | None
    below_four_fifths: bool
    fisher_p: float | None


@dataclass(frozen=True)
class Selection:
    """The rates of every group for one criterion (overall fit, or one trait inside its band)."""

    criterion: str
    reference: str
    groups: list[GroupRate]


def selection_rates(criterion: str, outcomes: Sequence[tuple[str, bool]], minimum: int = MIN_PER_GROUP) -> Selection:
    """Per group: rate, impact ratio against the highest-rate group, and Fisher's p against that group."""
    counts: dict[str, list[int]] = {}
    for group, chosen in outcomes:
        counts.setdefault(group, [0, 0])
        counts[group][0] += 1
        counts[group][1] += int(chosen)
    if len(counts) < 2:
        raise AuditError(f"{criterion}: the audit needs at least two groups, got {len(counts)}")
    small = sorted(g for g, (n, _) in counts.items() if n < minimum)
    if small:
        raise AuditError(f"{criterion}: fewer than {minimum} people in group(s) "
                         f"{', '.join(f'{g} ({counts[g][0]})' for g in small)}; the audit refuses below {minimum}")
    rates = {g: Fraction(s, n) for g, (n, s) in counts.items()}
    reference = max(sorted(rates), key=lambda g: rates[g])
    top = rates[reference]
    n_ref, s_ref = counts[reference]
    out = []
    for g in sorted(counts):
        n, s = counts[g]
        ratio = None if top == 0 else rates[g] / top
        p = None if g == reference else fisher_exact(s, n - s, s_ref, n_ref - s_ref)
        out.append(GroupRate(g, n, s, float(rates[g]), None if ratio is None else float(ratio),
                             ratio is not None and ratio < FOUR_FIFTHS, p))
    return Selection(criterion, reference, out)
