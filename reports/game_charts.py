"""Charts of the games: pumps per balloon, reaction-time dot plots, go/no-go outcomes, scenario timelines."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from i18n import N_, _r
from reports import style as st
from reports.canvas import Canvas, Circle, Line, Poly, Rect, Shape, Text
from reports.session_data import Balloon, RtGameData, TaskTimeline

__all__ = ["bart_chart", "decision_chart", "go_nogo_chart", "rt_chart"]

WIDTH = 680.0
RISKS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}


def _legend(items: Sequence[tuple[str, str, str]], y: float, right: float = WIDTH) -> list[Shape]:
    """Legend entries (kind rect|dot|line|diamond|tri, colour, text) laid out right to left, ending at `right`."""
    shapes: list[Shape] = []
    x = right
    for kind, colour, text in reversed(items):
        x -= len(text) * 8.5 * st.CHAR_EM
        shapes.append(Text(x, y + 3.5, text, 8.5, fill=st.MUTED))
        x -= 14
        if kind == "line":
            shapes.append(Line(x, y, x + 10, y, stroke=colour, width=2))
        elif kind == "dot":
            shapes.append(Circle(x + 5, y, 3.5, fill=colour))
        else:
            shapes.extend(_mark(kind, x + 5, y, colour))
        x -= 10
    return shapes


def _mark(kind: str, x: float, y: float, colour: str) -> list[Shape]:
    if kind == "diamond":
        return [Poly(((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)), stroke="#fff", fill=colour, width=0.8,
                     closed=True)]
    if kind == "tri":
        return [Poly(((x, y - 4.5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)), stroke=None, fill=colour, closed=True)]
    if kind == "tick":
        return [Line(x, y - 5, x, y + 5, stroke=colour, width=1.6)]
    return [Rect(x - 4.5, y - 4.5, 9, 9, fill=colour, rx=1.5)]


def _y_axis(ticks: list[float], x0: float, x1: float, y_of: Callable[[float], float], unit: str) -> list[Shape]:
    shapes: list[Shape] = []
    for v in ticks:
        y = y_of(v)
        shapes += [Line(x0, y, x1, y, stroke=st.GRID, width=0.7), Text(x0 - 6, y + 3, f"{v:g}", 8.5, anchor="end",
                                                                         fill=st.MUTED)]
    return [*shapes, Text(x0 - 6, y_of(ticks[-1]) - 8, unit, 8.5, anchor="end", fill=st.MUTED)]


def bart_chart(balloons: Sequence[Balloon]) -> Canvas:
    """Pumps on each balloon (bursts in red) and the running average over balloons that did not burst."""
    x0, x1, top, bottom = 40.0, WIDTH - 4, 26.0, 186.0
    ticks = st.nice_ticks(max([b.pumps for b in balloons] + [5]) * 1.05, 4)
    ymax = ticks[-1]

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * v / ymax

    band = (x1 - x0) / max(1, len(balloons))
    shapes: list[Shape] = _y_axis(ticks, x0, x1, y_of, _r("pumps"))
    shapes += _legend([("rect", st.COLLECT, _r("collected")), ("rect", st.BURST, _r("burst")),
                       ("line", st.AVERAGE, _r("running average of balloons that did not burst"))], 8)
    average: list[tuple[float, float]] = []
    kept: list[int] = []
    for b in balloons:
        cx = x0 + band * (b.number - 0.5)
        colour = st.BURST if b.burst else st.COLLECT
        shapes.append(Rect(cx - band * 0.36, y_of(b.pumps), band * 0.72, bottom - y_of(b.pumps), fill=colour,
                           cls="balloon", data=(("balloon", str(b.number)), ("pumps", str(b.pumps)),
                                                ("burst", "1" if b.burst else "0"))))
        if b.burst:
            shapes.append(Text(cx, y_of(b.pumps) - 3, "✕", 8, anchor="middle", fill=st.BURST))
        else:
            kept.append(b.pumps)
        if kept:
            average.append((cx, y_of(sum(kept) / len(kept))))
        if b.number == 1 or b.number % 5 == 0:
            shapes.append(Text(cx, bottom + 12, str(b.number), 8.5, anchor="middle", fill=st.MUTED))
    if len(average) > 1:
        shapes.append(Poly(tuple(average), stroke=st.AVERAGE, width=2.2, cls="average"))
    shapes += [Line(x0, bottom, x1, bottom, stroke="#9aa5b1", width=0.8),
               Text((x0 + x1) / 2, bottom + 25, _r("balloon"), 8.5, anchor="middle", fill=st.MUTED)]
    return Canvas("bart-pumps", WIDTH, bottom + 30, tuple(shapes),
                  _r("Pumps per balloon with bursts and running average"),
                  data=(("balloons", str(len(balloons))), ("bursts", str(sum(b.burst for b in balloons)))))


def _stack(values: Sequence[float], bin_ms: float) -> list[int]:
    seen: dict[int, int] = {}
    out = []
    for v in values:
        k = int(v // bin_ms)
        out.append(seen.get(k, 0))
        seen[k] = seen.get(k, 0) + 1
    return out


def rt_chart(game: RtGameData, lapse_ms: float = 500.0, early_ms: float = 100.0) -> Canvas:
    """Every response as a dot on a time axis, with the too-early and slow (lapse) zones marked."""
    x0, x1 = 70.0, WIDTH - 10
    answered = [p for p in game.points if p.latency_ms is not None]
    slowest = max([p.latency_ms or 0.0 for p in answered] + [lapse_ms + 100])
    top_ms = min(game.timeout_ms, 1000.0 if slowest < 1000 else 1500.0)
    bin_ms, r = 20.0, 3.3
    heights = _stack([min(p.latency_ms or 0.0, top_ms) for p in answered], bin_ms)
    rows = max([*heights, 0]) + 1
    base = 30 + max(4, rows) * 2 * r + 8

    def x_of(ms: float) -> float:
        return x0 + (x1 - x0) * min(ms, top_ms) / top_ms

    shapes: list[Shape] = [
        Rect(x_of(0), 22, x_of(early_ms) - x_of(0), base - 22, fill=st.EARLY, opacity=0.18, cls="zone-early"),
        Rect(x_of(lapse_ms), 22, x_of(top_ms) - x_of(lapse_ms), base - 22, fill=st.LAPSE, opacity=0.22,
             cls="zone-lapse"),
        Text(x_of(early_ms / 2), 32, _r("too early"), 8, anchor="middle", fill="#9a4a10"),
        Text(x_of(lapse_ms) + 4, 32, _r("slow: {seconds} s or more (lapses)").format(seconds=f"{lapse_ms / 1000:g}"),
             8, fill="#7a5b00"),
        Rect(4, 22, x0 - 16, base - 22, fill="#f3f4f6", cls="zone-false-start"),
        Text((x0 - 12) / 2 + 2, 32, _r("before"), 8, anchor="middle", fill=st.MUTED),
        Text((x0 - 12) / 2 + 2, 41, _r("the signal"), 8, anchor="middle", fill=st.MUTED),
    ]
    extra = {"choice": ("dot", "#8e8ea0", _r("wrong key")), "go_nogo": ("dot", st.BURST, _r("responded on no-go"))}
    legend = [("dot", st.COLLECT, _r("correct")), *([extra[game.variant]] if game.variant in extra else [])]
    shapes += _legend(legend, 8)
    colours = {"hit": st.COLLECT, "error": "#8e8ea0", "commission": st.BURST}
    for p, level in zip(answered, heights, strict=True):
        lat = p.latency_ms or 0.0
        x = x_of((int(min(lat, top_ms) // bin_ms) + 0.5) * bin_ms)
        shapes.append(Circle(x, base - r - level * 2 * r, r, fill=colours.get(p.outcome, st.INK), cls="response",
                             data=(("trial", str(p.trial)), ("latency-ms", f"{lat:.0f}"), ("outcome", p.outcome))))
    for i, ms in enumerate(game.false_starts_ms):
        shapes.append(Circle((x0 - 12) / 2 + 2 + (i % 5 - 2) * 2.2 * r, base - r - (i // 5) * 2 * r, r, fill=st.EARLY,
                             cls="false-start", data=(("before-ms", f"{ms:.0f}"),)))
    hits = sorted(hit_ms for p in answered
                  if p.outcome == "hit" and (hit_ms := p.latency_ms) is not None and hit_ms >= early_ms)
    if hits:
        mid = hits[len(hits) // 2] if len(hits) % 2 else (hits[len(hits) // 2 - 1] + hits[len(hits) // 2]) / 2
        shapes += [Line(x_of(mid), 40, x_of(mid), base, stroke=st.INK, width=1, dash=(3, 2), cls="median"),
                   Text(x_of(mid) + 3, 48, _r("median {seconds} s").format(seconds=f"{mid / 1000:.2f}"), 8.5,
                        fill=st.INK)]
    for v in st.nice_ticks(top_ms, 5):
        if v <= top_ms:
            shapes += [Line(x_of(v), base, x_of(v), base + 4, stroke="#9aa5b1", width=0.8),
                       Text(x_of(v), base + 14, f"{v / 1000:g} s", 8.5, anchor="middle", fill=st.MUTED)]
    missed = sum(1 for p in game.points if p.outcome == "omission")
    shapes += [Line(x0, base, x1, base, stroke="#9aa5b1", width=0.8),
               Text(x1, base + 27, _r("no response in time: {count}").format(count=missed), 8.5, anchor="end",
                    fill=st.MUTED),
               Text(x0, base + 27, _r("reaction time after the signal"), 8.5, fill=st.MUTED)]
    return Canvas(f"rt-{game.game}", WIDTH, base + 32, tuple(shapes),
                  _r("Reaction times of {game}").format(game=game.game),
                  data=(("game", game.game), ("responses", str(len(answered))), ("omissions", str(missed)),
                        ("false-starts", str(len(game.false_starts_ms)))))


def go_nogo_chart(game: RtGameData) -> Canvas:
    """Go signals (answered or missed) and no-go signals (held back or false alarm) as two split bars."""
    go = [p for p in game.points if p.is_go]
    nogo = [p for p in game.points if not p.is_go]
    hits = sum(p.outcome == "hit" for p in go)
    alarms = sum(p.outcome == "commission" for p in nogo)
    rows = [(_r("Go signals: respond"), len(go), hits, _r("{count} answered"), len(go) - hits,
             _r("{count} missed or wrong")),
            (_r("No-go signals: hold back"), len(nogo), len(nogo) - alarms, _r("{count} held back"), alarms,
             _r("{count} false alarms"))]
    x0, x1 = 170.0, WIDTH - 4
    shapes: list[Shape] = []
    for i, (label, total, good, good_text, bad, bad_text) in enumerate(rows):
        y = 6 + i * 30
        shapes.append(Text(0, y + 14, label, 10, fill=st.INK, bold=True))
        split = x0 + (x1 - x0) * (good / total if total else 0)
        shapes.append(Rect(x0, y, split - x0, 20, fill=st.TARGET, opacity=0.85, cls="good", data=(("n", str(good)),)))
        shapes.append(Rect(split, y, x1 - split, 20, fill=st.BURST if i else "#9aa5b1", cls="bad",
                           data=(("n", str(bad)),)))
        pct = f" ({100 * good / total:.0f} %)" if total else ""
        shapes.append(Text(x0 + 6, y + 14, good_text.format(count=good) + pct, 9.5, fill="#fff", bold=True))
        if bad:
            shapes.append(Text(x1 - 6, y + 14, bad_text.format(count=bad), 9.5, anchor="end", fill="#fff", bold=True))
    return Canvas("go-nogo", WIDTH, 66, tuple(shapes),
                  _r("Go and no-go signals: answered, missed, held back, false alarm"),
                  data=(("hits", str(hits)), ("go", str(len(go))), ("nogo", str(len(nogo))),
                        ("false-alarms", str(alarms))))


def decision_chart(tasks: Sequence[TaskTimeline], titles: dict[str, str], words: dict[str, int]) -> Canvas:
    """One timeline per scenario: options looked at, first choice, changes, start of writing, done."""
    x0, x1 = 190.0, 540.0
    ticks = st.nice_ticks(max([t.total_s for t in tasks] + [10.0]), 5)

    def x_of(s: float) -> float:
        return x0 + (x1 - x0) * s / ticks[-1]

    shapes: list[Shape] = _legend([("tick", "#7b8794", _r("option looked at")),
                                   ("diamond", st.STYLE, _r("first choice")),
                                   ("tri", st.AVERAGE, _r("changed choice")), ("rect", st.BRAND, _r("began writing"))],
                                  8)
    y = 24.0
    for t in tasks:
        shapes.append(Text(0, y + 10, st.fit(titles.get(t.task_id, t.task_id), 10, x0 - 8), 10, fill=st.INK,
                           bold=True))
        risk = _r(RISKS[t.final_risk]) if t.final_risk in RISKS else t.final_risk
        shapes.append(Text(0, y + 22, _r("final choice: {risk} risk").format(risk=risk), 8.5, fill=st.MUTED))
        shapes.append(Rect(x0, y + 8, x_of(t.total_s) - x0, 8, fill=st.TRACK, rx=2, cls="task",
                           data=(("task", t.task_id), ("total-s", f"{t.total_s:.1f}"), ("views", str(len(t.views_s))),
                                 ("changes", str(len(t.changes_s))))))
        shapes += [m for s in t.views_s for m in _mark("tick", x_of(s), y + 12, "#7b8794")]
        if t.reasoning_s is not None:
            shapes += _mark("rect", x_of(t.reasoning_s), y + 12, st.BRAND)
        shapes += [m for s in t.changes_s for m in _mark("tri", x_of(s), y + 12, st.AVERAGE)]
        if t.first_choice_s is not None:
            shapes += _mark("diamond", x_of(t.first_choice_s), y + 12, st.STYLE)
        first = "–" if t.first_choice_s is None else f"{t.first_choice_s:.1f} s"
        shapes.append(Text(x1 + 10, y + 10, _r("first choice {seconds}").format(seconds=first), 8.5, fill=st.INK))
        shapes.append(Text(x1 + 10, y + 21, _r("{changes} change(s) · {words} words").format(
            changes=len(t.changes_s), words=words.get(t.task_id, 0)), 8.5, fill=st.MUTED))
        y += 34
    for v in ticks:
        shapes += [Line(x_of(v), y - 4, x_of(v), y, stroke="#9aa5b1", width=0.8),
                   Text(x_of(v), y + 10, f"{v:g} s", 8.5, anchor="middle", fill=st.MUTED)]
    shapes.append(Line(x0, y - 4, x1, y - 4, stroke="#9aa5b1", width=0.8))
    return Canvas("decision-timeline", WIDTH, y + 16, tuple(shapes), _r("Timeline of each decision scenario"),
                  data=(("tasks", str(len(tasks))),))
