"""Fisher's exact test against published values and a brute-force enumeration; selection rates and the 4/5 rule."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from scoring.audit import AuditError, fisher_exact, selection_rates


@pytest.mark.parametrize(("table", "expected"), [
    ((3, 1, 1, 3), 0.4857),  # Fisher's lady tasting tea (Fisher 1935): two-sided p = 0.4857 (R fisher.test)
    ((1, 9, 11, 3), 0.002759),  # the textbook dieting example (men 1/10, women 11/14): p = 0.002759
    ((2, 0, 0, 2), 0.3333),  # every table with these margins: 1/6 + 1/6 + (4/6 excluded) -> 1/3
    ((0, 5, 0, 5), 1.0),  # no one selected: nothing to tell apart
])
def test_fisher_exact_matches_published_values(table: tuple[int, int, int, int], expected: float) -> None:
    assert fisher_exact(*table) == pytest.approx(expected, abs=5e-5)


def _brute(a: int, b: int, c: int, d: int) -> Fraction:
    """Every arrangement of the selected among the people, counted one by one (no formula shared)."""
    people = [0] * (a + b) + [1] * (c + d)  # 0: first group
    selected = a + c
    counts: dict[int, int] = {}
    for chosen in itertools.combinations(range(len(people)), selected):
        in_first = sum(1 for i in chosen if people[i] == 0)
        counts[in_first] = counts.get(in_first, 0) + 1
    observed = counts[a]
    return Fraction(sum(n for n in counts.values() if n <= observed), math.comb(len(people), selected))


@pytest.mark.parametrize("table", [(2, 3, 4, 1), (0, 4, 3, 2), (5, 1, 2, 4), (1, 1, 6, 0), (3, 3, 3, 3)])
def test_fisher_exact_equals_a_brute_force_count(table: tuple[int, int, int, int]) -> None:
    assert fisher_exact(*table) == pytest.approx(float(_brute(*table)), rel=1e-12)


def test_selection_rates_impact_ratio_and_four_fifths() -> None:
    outcomes = [("a", i < 30) for i in range(50)] + [("b", i < 20) for i in range(50)]  # 60 % vs 40 %
    result = selection_rates("fit", outcomes)
    assert result.reference == "a"
    a, b = result.groups
    assert (a.rate, a.impact_ratio, a.fisher_p) == (0.6, 1.0, None)
    assert b.rate == 0.4 and b.impact_ratio == pytest.approx(2 / 3) and b.below_four_fifths
    assert b.fisher_p == pytest.approx(fisher_exact(20, 30, 30, 20))
    assert 0.04 < b.fisher_p < 0.08  # 20/50 vs 30/50: p = 0.0713 two-sided


def test_the_audit_refuses_small_groups_and_a_single_group() -> None:
    with pytest.raises(AuditError, match=r"fewer than 30 people in group.*b \(29\)"):
        selection_rates("fit", [("a", True)] * 40 + [("b", False)] * 29)
    with pytest.raises(AuditError, match="at least two groups"):
        selection_rates("fit", [("a", True)] * 40)
