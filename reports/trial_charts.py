"""Charts of the trial games, drawn from the profile's grouped metrics: IGT net score per block, Tower of London
perfect solutions per difficulty, faces accuracy per intensity with the 75 % line, effort hard choices per win
probability, money shares given with the equal-split line."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from i18n import N_, _r
from reports import style as st
from reports.canvas import Canvas, Circle, Line, Rect, Shape, Text
from scoring import GameResult

__all__ = ["Bar", "bars_chart", "effort_chart", "faces_chart", "igt_chart", "money_chart", "tower_chart"]

WIDTH = 680.0
GOOD, BAD, NEUTRAL = st.TARGET, st.BURST, st.COLLECT


@dataclass(frozen=True)
class Bar:
    """One bar: its label under the axis, its value, its colour and the text above it."""

    label: str
    value: float
    colour: str
    text: str


def _grouped(game: GameResult, key: str) -> list[tuple[str, float, int]]:
    return [(m.group, float(m.value), m.n) for m in game.metrics
            if m.key == key and m.group and isinstance(m.value, int | float) and not isinstance(m.value, bool)]


def bars_chart(key: str, label: str, bars: Sequence[Bar], low: float, high: float, unit: str,
               lines: Sequence[tuple[float, str, str]] = ()) -> Canvas:
    """Vertical bars from 0 (or `low`) to each value on a scale low..high, with labelled reference lines."""
    x0, x1, top, bottom = 56.0, WIDTH - 150, 18.0, 168.0

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * (max(low, min(high, v)) - low) / (high - low)

    shapes: list[Shape] = []
    for v in (low, (low + high) / 2, high):
        shapes += [Line(x0, y_of(v), x1, y_of(v), stroke=st.GRID, width=0.7),
                   Text(x0 - 6, y_of(v) + 3, f"{v:g}", 8.5, anchor="end", fill=st.MUTED)]
    shapes.append(Text(x0 - 6, top - 6, unit, 8.5, anchor="end", fill=st.MUTED))
    band = (x1 - x0) / max(1, len(bars))
    base = y_of(max(low, min(high, 0.0)))
    for n, bar in enumerate(bars):
        cx, y = x0 + band * (n + 0.5), y_of(bar.value)
        shapes += [Rect(cx - band * 0.3, min(y, base), band * 0.6, max(1.0, abs(base - y)), fill=bar.colour,
                        cls="bar", data=(("label", bar.label), ("value", f"{bar.value:g}"))),
                   Text(cx, min(y, base) - 4, bar.text, 9, anchor="middle", fill=st.INK, bold=True),
                   Text(cx, bottom + 13, bar.label, 9, anchor="middle", fill=st.MUTED)]
    shapes.append(Line(x0, base, x1, base, stroke="#9aa5b1", width=0.9))
    for value, text, colour in lines:
        shapes += [Line(x0, y_of(value), x1, y_of(value), stroke=colour, width=1.2, dash=(4, 3), cls="reference"),
                   Text(x1 + 6, y_of(value) + 3, text, 8.5, fill=colour)]
    return Canvas(key, WIDTH, bottom + 22, tuple(shapes), label, data=(("bars", str(len(bars))),))


def igt_chart(game: GameResult) -> Canvas:
    """Net score (good minus bad deck choices) in each block of 20 choices."""
    bars = [Bar(_r("choices {first}-{last}").format(first=20 * (int(b) - 1) + 1, last=20 * int(b)), v,
                GOOD if v >= 0 else BAD, f"{v:+.0f}") for b, v, _ in _grouped(game, "igt.block_net_score")]
    return bars_chart("igt-blocks", _r("Net score per block of 20 choices"), bars, -20, 20, _r("net score"),
                      [(0.0, _r("as many good as bad"), st.MUTED)])


def tower_chart(game: GameResult) -> Canvas:
    """Share of problems solved in the fewest moves, per minimum number of moves."""
    planning = {g: v for g, v, _ in _grouped(game, "tower.level_planning_ms")}
    levels = sorted(_grouped(game, "tower.level_perfect_share"), key=lambda x: int(x[0]))
    bars = [Bar(_r("{moves}-move problems (n={n})").format(moves=g, n=n), 100 * v, GOOD,
                _r("{percent} %  ·  plan {seconds} s").format(percent=f"{100 * v:.0f}",
                                                              seconds=f"{planning.get(g, 0) / 1000:.1f}"))
            for g, v, n in levels]
    return bars_chart("tower-levels", _r("Problems solved in the fewest moves, by difficulty"), bars, 0, 100,
                      _r("% perfect"))


def faces_chart(game: GameResult, chance: float, threshold: float | None) -> Canvas:
    """Accuracy at each intensity, with chance, the 75 % criterion and the threshold found."""
    points = sorted(_grouped(game, "faces.accuracy_by_intensity"), key=lambda x: int(x[0]))
    bars = [Bar(f"{g} %", 100 * v, NEUTRAL, f"{100 * v:.0f} %") for g, v, _ in points]
    chart = bars_chart("faces-intensity", _r("Faces named correctly at each intensity"), bars, 0, 100,
                       _r("% correct"),
                       [(75.0, _r("75 % correct"), st.AVERAGE), (100 * chance, _r("chance"), st.MUTED)])
    if threshold is None:
        return chart
    x0, x1 = 56.0, WIDTH - 150
    levels = [int(g) for g, _, _ in points]
    if not levels:
        return chart
    band = (x1 - x0) / len(levels)
    at = 100 * threshold
    # the marker sits between the bar centres, interpolated like the threshold itself
    xs = [(0, x0), *[(k, x0 + band * (n + 0.5)) for n, k in enumerate(levels)]]
    x = next((xa + (xb - xa) * (at - ka) / (kb - ka) for (ka, xa), (kb, xb) in itertools.pairwise(xs)
              if ka <= at <= kb and kb > ka), x1)
    extra: list[Shape] = [Circle(x, 168.0 - 150 * 0.75, 4.5, fill=st.AVERAGE, cls="threshold",
                                 data=(("intensity", f"{at:.0f}"),)),
                          Text(x - 7, 168.0 - 150 * 0.75 - 7, _r("75 % at {percent} %").format(percent=f"{at:.0f}"),
                               8.5, anchor="end",
                               fill=st.AVERAGE, bold=True)]
    return Canvas(chart.key, chart.width, chart.height, chart.shapes + tuple(extra), chart.label,
                  (*chart.data, ("threshold", f"{at:.1f}")))


def effort_chart(game: GameResult) -> Canvas:
    """Share of hard choices at each win probability."""
    bars = [Bar(_r("{percent} % chance (n={n})").format(percent=g, n=n), 100 * v, NEUTRAL,
                _r("{percent} % hard").format(percent=f"{100 * v:.0f}"))
            for g, v, n in sorted(_grouped(game, "effort.hard_share_by_probability"), key=lambda x: int(x[0]))]
    return bars_chart("effort-probability", _r("Hard task chosen, by win probability"), bars, 0, 100, _r("% hard"))


def money_chart(game: GameResult) -> Canvas:
    """Shares sent, returned, given and offered, with the equal split."""
    names = (("money.share_sent", N_("sent (trust)")), ("money.share_returned", N_("returned")),
             ("money.dictator_share", N_("given")), ("money.ultimatum_offer_share", N_("offered")))
    bars = []
    for key, label in names:
        m = game.metric(key)
        if m is not None and m.insufficient is None and isinstance(m.value, int | float):
            bars.append(Bar(_r(label), 100 * float(m.value), NEUTRAL, f"{100 * float(m.value):.0f} %"))
    return bars_chart("money-shares", _r("Share of the money in the candidate's hands passed to the computer"), bars,
                      0, 100, "%", [(50.0, _r("equal split"), st.AVERAGE)])

