"""Charts of the memory and attention games: sequence lengths, card moves, flanker medians, the stop-signal staircase.

As everywhere in reports, colour is never the only cue: a right answer is a filled dot, a wrong one an open
ring with a cross; a found pair a filled square, a repeat error a cross.
"""

from __future__ import annotations

from collections.abc import Sequence

from i18n import N_, _r
from reports import style as st
from reports.canvas import Canvas, Circle, Line, Poly, Rect, Shape, Text
from reports.game_charts import WIDTH, _legend, _y_axis
from scoring.card_match import Move
from scoring.digit_span import Answer
from scoring.stats import median
from scoring.timed import TimedTrial

__all__ = ["card_chart", "flanker_chart", "span_chart", "staircase_chart"]

WORDS = {"forward": N_("forward"), "backward": N_("backward"), "congruent": N_("congruent"),
         "neutral": N_("neutral"), "incongruent": N_("incongruent"), "repeat": N_("repeat"), "switch": N_("switch")}
"""The parts and conditions the charts name (their ids stay in the data attributes)."""


def _word(key: str) -> str:
    return _r(WORDS[key]) if key in WORDS else key


def _cross(x: float, y: float, r: float, colour: str) -> list[Shape]:
    return [Line(x - r, y - r, x + r, y + r, stroke=colour, width=1.6), Line(x - r, y + r, x + r, y - r, stroke=colour,
                                                                            width=1.6)]


def span_chart(answers: Sequence[Answer]) -> Canvas:
    """Each sequence's length in order, right (filled) or wrong (ring and cross), forward then backward."""
    x0, x1, top, bottom = 40.0, WIDTH - 6, 30.0, 170.0
    ticks = st.nice_ticks(max([a.length for a in answers] + [5]), 4)

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * v / ticks[-1]

    step = (x1 - x0) / max(1, len(answers))
    shapes: list[Shape] = _y_axis(ticks, x0, x1, y_of, _r("digits"))
    shapes += _legend([("dot", st.TARGET, _r("repeated exactly")), ("dot", st.BURST, _r("with a mistake"))], 8)
    previous = ""
    for i, a in enumerate(answers):
        x, y = x0 + step * (i + 0.5), y_of(a.length)
        if a.direction != previous:
            shapes += [Line(x - step / 2, top, x - step / 2, bottom, stroke=st.MUTED, width=0.8, dash=(3, 2)),
                       Text(x - step / 2 + 4, top + 4, _word(a.direction), 9, fill=st.MUTED, bold=True)]
            previous = a.direction
        data = (("sequence", str(i + 1)), ("length", str(a.length)), ("correct", "1" if a.correct else "0"))
        if a.correct:
            shapes.append(Circle(x, y, 4.2, fill=st.TARGET, cls="answer", data=data))
        else:
            shapes += [Circle(x, y, 4.2, fill="#fff", stroke=st.BURST, width=1.4, cls="answer", data=data),
                       *_cross(x, y, 2.6, st.BURST)]
    shapes += [Line(x0, bottom, x1, bottom, stroke="#9aa5b1", width=0.8),
               Text((x0 + x1) / 2, bottom + 16, _r("sequence, in the order shown"), 8.5, anchor="middle",
                    fill=st.MUTED)]
    return Canvas("digit-span", WIDTH, bottom + 22, tuple(shapes),
                  _r("Length of each digit sequence and whether it was repeated exactly"),
                  data=(("sequences", str(len(answers))),
                                            ("correct", str(sum(a.correct for a in answers)))))


def card_chart(moves: Sequence[Move], expected: Sequence[float]) -> Canvas:
    """One row per board: each move as a mark (pair found, no pair, repeat error) and the perfect-memory mark."""
    boards = sorted({m.board for m in moves})
    x0, x1 = 90.0, WIDTH - 10
    most = max([sum(1 for m in moves if m.board == b) for b in boards] + [int(max(expected, default=0)) + 1, 10])
    cell = (x1 - x0) / most
    shapes: list[Shape] = _legend([("rect", st.TARGET, _r("pair found")), ("rect", "#c5ccd6", _r("no pair")),
                                   ("rect", st.BURST, _r("repeat error")),
                                   ("line", st.AVERAGE, _r("perfect memory (average)"))], 8)
    y = 26.0
    for b in boards:
        mine = [m for m in moves if m.board == b]
        shapes.append(Text(0, y + 11, _r("Board {board}: {moves} moves").format(board=b + 1, moves=len(mine)), 9.5,
                           fill=st.INK, bold=True))
        for i, m in enumerate(mine):
            colour = st.TARGET if m.matched else st.BURST if m.repeat_error else "#c5ccd6"
            shapes.append(Rect(x0 + i * cell + 1, y + 2, cell - 2, 12, fill=colour, rx=1.5, cls="move",
                               data=(("board", str(b + 1)), ("move", str(i + 1)), ("pair", "1" if m.matched else "0"),
                                     ("repeat-error", "1" if m.repeat_error else "0"))))
            if m.repeat_error:
                shapes += _cross(x0 + (i + 0.5) * cell, y + 8, 3.0, "#fff")
        if b < len(expected):
            ex = x0 + expected[b] * cell
            shapes += [Line(ex, y - 2, ex, y + 18, stroke=st.AVERAGE, width=2.2, cls="expected"),
                       Text(ex + 3, y - 3, f"{expected[b]:.1f}", 8, fill=st.AVERAGE)]
        y += 30
    return Canvas("card-match", WIDTH, y + 4, tuple(shapes),
                  _r("Moves on each board against the perfect-memory average"),
                  data=(("boards", str(len(boards))), ("moves", str(len(moves)))))


def flanker_chart(trials: Sequence[TimedTrial], valid_min_ms: float = 100.0) -> Canvas:
    """Median correct RT of each condition and of switch / repeat trials, with the accuracy under each bar."""
    def cell(name: str, pick: Sequence[TimedTrial]) -> tuple[str, float | None, float | None, int]:
        rts = [x.latency_ms for x in pick if x.outcome == "correct" and (x.latency_ms or 0) >= valid_min_ms]
        acc = sum(x.outcome == "correct" for x in pick) / len(pick) if pick else None
        return name, median([r for r in rts if r is not None]), acc, len(pick)

    conflict = [x for x in trials if x.plan.get("block") == "conflict"]
    mixed = [x for x in trials if x.plan.get("block") == "switch" and x.plan.get("switch") is not None]
    cells = [cell(c, [x for x in conflict if x.plan.get("condition") == c]) for c in ("congruent", "neutral",
                                                                                          "incongruent")]
    cells += [cell(n, [x for x in mixed if x.plan.get("switch") is f]) for n, f in (("repeat", False),
                                                                                    ("switch", True))]
    x0, x1, top, bottom = 52.0, WIDTH - 10, 20.0, 160.0
    ticks = st.nice_ticks(max([v or 0.0 for _, v, _, _ in cells] + [500.0]) * 1.05, 4)

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * v / ticks[-1]

    shapes: list[Shape] = _y_axis(ticks, x0, x1, y_of, "ms")
    band = (x1 - x0) / (len(cells) + 1)
    for i, (name, value, acc, n) in enumerate(cells):
        cx = x0 + band * (i + 0.5 + (1 if i >= 3 else 0))
        if value is not None:
            shapes.append(Rect(cx - band * 0.3, y_of(value), band * 0.6, bottom - y_of(value),
                               fill=st.STYLE if i >= 3 else st.COLLECT, cls="cell",
                               data=(("cell", name), ("median-ms", f"{value:.0f}"), ("trials", str(n)))))
            shapes.append(Text(cx, y_of(value) - 4, f"{value:.0f}", 8.5, anchor="middle", fill=st.INK))
        shapes.append(Text(cx, bottom + 13, _word(name), 9, anchor="middle", fill=st.INK, bold=True))
        shapes.append(Text(cx, bottom + 25, "–" if acc is None else _r("{percent} % right").format(
            percent=f"{100 * acc:.0f}"), 8.5, anchor="middle", fill=st.MUTED))
    shapes.append(Line(x0, bottom, x1, bottom, stroke="#9aa5b1", width=0.8))
    return Canvas("flanker", WIDTH, bottom + 32, tuple(shapes), _r("Median correct reaction time per condition"),
                  data=tuple((name, "–" if v is None else f"{v:.0f}") for name, v, _, _ in cells))


def staircase_chart(stops: Sequence[TimedTrial], ssds_ms: Sequence[float], ssrt_ms: float | None) -> Canvas:
    """The stop-signal delay of each stop trial, stopped (filled dot) or not (ring and cross)."""
    trials = [x for x in stops if x.plan.get("stop")]
    x0, x1, top, bottom = 52.0, WIDTH - 10, 26.0, 160.0
    ticks = st.nice_ticks(max([*ssds_ms, 400.0]) * 1.05, 4)

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * v / ticks[-1]

    step = (x1 - x0) / max(1, len(trials))
    shapes: list[Shape] = _y_axis(ticks, x0, x1, y_of, "ms")
    shapes += _legend([("dot", st.TARGET, _r("stopped")), ("dot", st.BURST, _r("did not stop"))], 8)
    points = [(x0 + step * (i + 0.5), y_of(ssd)) for i, ssd in enumerate(ssds_ms)]
    if len(points) > 1:
        shapes.append(Poly(tuple(points), stroke=st.MUTED, width=1.0, cls="staircase"))
    for (x, y), trial in zip(points, trials, strict=False):
        stopped = trial.latency_ms is None
        data = (("stopped", "1" if stopped else "0"),)
        if stopped:
            shapes.append(Circle(x, y, 3.6, fill=st.TARGET, cls="stop", data=data))
        else:
            shapes += [Circle(x, y, 3.6, fill="#fff", stroke=st.BURST, width=1.3, cls="stop", data=data),
                       *_cross(x, y, 2.2, st.BURST)]
    if ssds_ms:
        mean_ssd = sum(ssds_ms) / len(ssds_ms)
        shapes += [Line(x0, y_of(mean_ssd), x1, y_of(mean_ssd), stroke=st.AVERAGE, width=1.4, dash=(4, 3),
                        cls="mean-ssd"),
                   Text(x1, y_of(mean_ssd) - 4, _r("mean delay {ms} ms").format(ms=f"{mean_ssd:.0f}") +
                        ("" if ssrt_ms is None else " · " + _r("stopping time {ms} ms").format(ms=f"{ssrt_ms:.0f}")),
                        8.5, anchor="end", fill=st.AVERAGE)]
    shapes += [Line(x0, bottom, x1, bottom, stroke="#9aa5b1", width=0.8),
               Text((x0 + x1) / 2, bottom + 16, _r("stop trial, in order (the delay rises after a stop, falls after "
                                                   "a miss)"), 8.5, anchor="middle", fill=st.MUTED)]
    return Canvas("stop-signal", WIDTH, bottom + 22, tuple(shapes), _r("Stop-signal delay over the stop trials"),
                  data=(("stop-trials", str(len(trials))),))
