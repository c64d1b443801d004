"""Charts of traits: two-pole bars with position and band, the role-fit band chart, the comparison bars."""

from __future__ import annotations

from collections.abc import Sequence

from i18n import N_, _r
from reports import style as st
from reports.canvas import Canvas, Circle, Line, Rect, Shape, Text
from scoring import RoleFit, Trait
from scoring.words import localise

__all__ = ["compare_chart", "role_fit_chart", "trait_profile_chart"]

WIDTH = 680.0
TRACK_X0, TRACK_X1 = 160.0, 520.0
GROUPS = (("style", N_("STYLES · neither pole is better; what fits depends on the role")),
          ("ability", N_("ABILITIES · higher is better performance")))
RELIABILITY = {"high": N_("high reliability"), "moderate": N_("moderate reliability"), "low": N_("low reliability")}
KINDS = {"style": N_("style"), "ability": N_("ability")}


def _x(position: float, x0: float = TRACK_X0, x1: float = TRACK_X1) -> float:
    return x0 + (x1 - x0) * max(0.0, min(100.0, position)) / 100.0


def _track(kind: str, y: float, h: float, x0: float = TRACK_X0, x1: float = TRACK_X1, mid: bool = True) -> list[Shape]:
    if kind == "ability":
        step = (x1 - x0) / len(st.ABILITY_STEPS)
        shapes: list[Shape] = [Rect(x0 + i * step, y, step + 0.5, h, fill=c) for i, c in enumerate(st.ABILITY_STEPS)]
        return [*shapes, Rect(x0, y, x1 - x0, h, stroke="#b5c7bb", width=0.6, cls="track")]
    centre = (x0 + x1) / 2
    track: list[Shape] = [Rect(x0, y, x1 - x0, h, fill=st.TRACK, stroke="#cfd5dc", width=0.6, cls="track")]
    return track + ([Line(centre, y - 2, centre, y + h + 2, stroke="#aab3bd", width=0.8)] if mid else [])


def _trait_row(t: Trait, y: float) -> list[Shape]:
    colour = st.ABILITY if t.kind == "ability" else st.STYLE
    shapes: list[Shape] = [Text(0, y + 10, st.fit(localise(t.label), 10.5, 330), 10.5, bold=True, fill=st.INK)]
    ty = y + 12.5
    shapes += [Text(TRACK_X0 - 7, ty + 7.5, st.fit(localise(t.low_pole), 9, TRACK_X0 - 10), 9, anchor="end",
                    fill=st.MUTED),
               Text(TRACK_X1 + 7, ty + 7.5, st.fit(localise(t.high_pole), 9, WIDTH - TRACK_X1 - 10), 9, fill=st.MUTED)]
    shapes += _track(t.kind if t.position is not None else "none", ty, 9, mid=t.position is not None)
    if t.position is None:
        return [*shapes, Text(WIDTH, y + 10, _r("not enough data"), 9.5, anchor="end", fill=st.WARN),
                Text((TRACK_X0 + TRACK_X1) / 2, ty + 7.5, _r("no position: see the evidence"), 8.5, anchor="middle",
                     fill=st.MUTED)]
    if t.band_low is not None and t.band_high is not None:
        shapes.append(Rect(_x(t.band_low), ty - 3, _x(t.band_high) - _x(t.band_low), 15, fill=colour, opacity=0.25,
                           rx=3, cls="band", data=(("low", f"{t.band_low:.0f}"), ("high", f"{t.band_high:.0f}"))))
        rel = _r("reliability not estimable") if t.reliability is None else (
            _r(RELIABILITY[t.reliability_label]) if t.reliability_label in RELIABILITY
            else f"{t.reliability_label} reliability")
        value = _r("{position}  (band {low}–{high}, {reliability})").format(
            position=f"{t.position:.0f}", low=f"{t.band_low:.0f}", high=f"{t.band_high:.0f}", reliability=rel)
    else:
        value = _r("{position}  (band not estimable)").format(position=f"{t.position:.0f}")
    shapes.append(Circle(_x(t.position), ty + 4.5, 6, fill=colour, stroke="#ffffff", width=1.5, cls="marker",
                         data=(("trait", t.key), ("position", f"{t.position:.0f}"), ("kind", t.kind))))
    return [*shapes, Text(WIDTH, y + 10, value, 9.5, anchor="end", fill=st.INK)]


def trait_profile_chart(traits: Sequence[Trait]) -> Canvas:
    """Every trait as a two-pole bar, styles and abilities in separate, differently drawn groups."""
    shapes: list[Shape] = []
    y = 0.0
    for kind, heading in GROUPS:
        group = [t for t in traits if t.kind == kind]
        if not group:
            continue
        colour = st.ABILITY if kind == "ability" else st.STYLE
        shapes += [Rect(0, y + 2, 4, 11, fill=colour), Text(10, y + 11, _r(heading), 9.5, bold=True, fill=colour)]
        y += 16
        for t in group:
            shapes += _trait_row(t, y)
            y += 22.5
        y += 4
    return Canvas("traits", WIDTH, y, tuple(shapes),
                  _r("Trait positions between their two poles, with reliability bands"),
                  data=(("traits", str(len(traits))),))


def _status(part_status: str, distance: float | None) -> tuple[str, str]:
    if part_status == "inside":
        return _r("in band"), st.TARGET
    if part_status == "below":
        return _r("{distance} points below").format(distance=f"{distance:.0f}"), st.WARN
    if part_status == "above":
        return _r("{distance} points above").format(distance=f"{distance:.0f}"), st.WARN
    return _r("not scored"), st.MUTED


def role_fit_chart(fit: RoleFit, traits: Sequence[Trait]) -> Canvas:
    """Each role trait's target band (green) with the candidate's position and reliability band."""
    by_key = {t.key: t for t in traits}
    x0, x1 = 200.0, 560.0
    shapes: list[Shape] = []
    y = 0.0
    for part in fit.traits:
        t = by_key.get(part.trait)
        label = localise(t.label) if t else part.trait.replace("_", " ").capitalize()
        shapes.append(Text(0, y + 13, st.fit(_r("{trait} (target {low}–{high})").format(
            trait=label, low=f"{part.low:.0f}", high=f"{part.high:.0f}"), 9.5, x0 - 6), 9.5, fill=st.INK))
        shapes.append(Rect(x0, y + 5, x1 - x0, 10, fill=st.TRACK))
        shapes.append(Rect(_x(part.low, x0, x1), y + 3, _x(part.high, x0, x1) - _x(part.low, x0, x1), 14,
                           fill=st.TARGET, opacity=0.3, cls="target",
                           data=(("trait", part.trait), ("low", f"{part.low:.0f}"), ("high", f"{part.high:.0f}"))))
        if t is not None and part.position is not None:
            colour = st.ABILITY if t.kind == "ability" else st.STYLE
            if t.band_low is not None and t.band_high is not None:
                shapes.append(Line(_x(t.band_low, x0, x1), y + 10, _x(t.band_high, x0, x1), y + 10, stroke=colour,
                                   width=2))
            shapes.append(Circle(_x(part.position, x0, x1), y + 10, 5.5, fill=colour, stroke="#fff", width=1.2,
                                 cls="marker", data=(("trait", part.trait), ("position", f"{part.position:.0f}"),
                                                     ("status", part.status))))
        text, colour = _status(part.status, part.distance)
        shapes.append(Text(x1 + 10, y + 14, text, 9.5, fill=colour, bold=part.status == "inside"))
        y += 17
    return Canvas("role-fit", WIDTH, y + 2, tuple(shapes),
                  _r("Fit to the role {role}: target bands and positions").format(role=fit.role),
                  data=(("role", fit.role), ("overall", "" if fit.overall is None else f"{fit.overall:.0f}")))


def compare_chart(labels: Sequence[str], profiles: Sequence[Sequence[Trait]]) -> Canvas:
    """Traits of 2-4 candidates on one axis per trait: one lane and one lettered marker per candidate."""
    order: list[Trait] = []
    for traits in profiles:
        order += [t for t in traits if t.key not in {o.key for o in order}]
    order.sort(key=lambda t: t.kind == "ability")
    lanes = len(profiles)
    shapes: list[Shape] = []
    for i, name in enumerate(labels):
        x = 0 + i * 170
        shapes += [Circle(x + 7, 8, 7, fill=st.CANDIDATE[i]), Text(x + 7, 11.5, "ABCD"[i], 9, anchor="middle",
                                                                  bold=True, fill="#fff"),
                   Text(x + 19, 12, st.fit(name, 10, 145), 10, fill=st.INK)]
    y = 26.0
    for t in order:
        kind = _r(KINDS[t.kind]) if t.kind in KINDS else t.kind
        shapes.append(Text(0, y + 10, st.fit(f"{localise(t.label)} ({kind})", 10.5, 400), 10.5, bold=True, fill=st.INK))
        ty = y + 13.5
        h = lanes * 8 + 2
        shapes += _track(t.kind, ty, h)
        shapes += [Text(TRACK_X0 - 7, ty + h / 2 + 3, st.fit(localise(t.low_pole), 9, TRACK_X0 - 10), 9, anchor="end",
                        fill=st.MUTED),
                   Text(TRACK_X1 + 7, ty + h / 2 + 3, st.fit(localise(t.high_pole), 9, WIDTH - TRACK_X1 - 10), 9,
                        fill=st.MUTED)]
        for i, traits in enumerate(profiles):
            mine = next((x for x in traits if x.key == t.key), None)
            cy = ty + 5 + i * 8
            if mine is None or mine.position is None:
                shapes.append(Text(TRACK_X0 + 4, cy + 3, _r("{letter}: not enough data").format(letter="ABCD"[i]), 7.5,
                                   fill=st.MUTED))
                continue
            shapes += [Circle(_x(mine.position), cy, 4, fill=st.CANDIDATE[i], cls="marker",
                              data=(("trait", t.key), ("candidate", "ABCD"[i]), ("position", f"{mine.position:.0f}"))),
                       Text(_x(mine.position), cy + 2.3, "ABCD"[i], 6, anchor="middle", bold=True, fill="#fff")]
        y = ty + h + 5
    return Canvas("compare", WIDTH, y, tuple(shapes), _r("Traits of the candidates side by side on one axis"),
                  data=(("candidates", str(lanes)),))
