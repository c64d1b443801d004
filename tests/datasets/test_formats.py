"""Cells: n/a, true/false, exact milliseconds without exponents; TSV escaping is lossless."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from datasets.context import ms
from datasets.formats import cell, tsv_escape, tsv_unescape


def test_cells_follow_the_conventions() -> None:
    assert [cell(v) for v in (None, True, False, 0, -3, "text", "")] == ["n/a", "true", "false", "0", "-3", "text", ""]
    assert [cell(v) for v in (0.1, 1e-05, 2.5e20, float("nan"), float("inf"))] == [
        "0.1", "0.00001", "250000000000000000000.0", "n/a", "n/a"]


@given(st.integers(min_value=0, max_value=10 * 24 * 3600 * 10**9))
def test_milliseconds_are_exact_to_the_nanosecond(ns: int) -> None:
    text = cell(ms(ns))
    whole, _, frac = text.partition(".")
    assert "e" not in text and len(frac) <= 6
    assert int(whole) * 1_000_000 + int(frac.ljust(6, "0")) == ns


@given(st.text())
def test_tsv_escaping_round_trips_and_leaves_no_tab_or_line_break(text: str) -> None:
    escaped = tsv_escape(text)
    assert not any(ch in escaped for ch in "\t\n\r")
    assert tsv_unescape(escaped) == text
