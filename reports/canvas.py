"""Vector drawing primitives for charts and their SVG spelling (the PDF renderer draws the same primitives)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Literal

__all__ = ["Canvas", "Circle", "Line", "Poly", "Rect", "Shape", "Text", "num", "to_svg"]

FONT_STACK = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif"
Data = tuple[tuple[str, str], ...]


def num(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (same bytes on every run)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Rect:
    """A rectangle; `data` become data-* attributes in SVG."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    opacity: float = 1.0
    rx: float = 0.0
    cls: str = ""
    data: Data = ()


@dataclass(frozen=True)
class Line:
    """A straight line, solid or dashed (dash, gap)."""

    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = "#333"
    width: float = 1.0
    dash: tuple[float, float] | None = None
    cls: str = ""


@dataclass(frozen=True)
class Circle:
    """A circle (markers and dots)."""

    cx: float
    cy: float
    r: float
    fill: str | None = "#333"
    stroke: str | None = None
    width: float = 1.0
    cls: str = ""
    data: Data = ()


@dataclass(frozen=True)
class Poly:
    """A polyline, or a polygon when closed."""

    points: tuple[tuple[float, float], ...]
    stroke: str | None = "#333"
    fill: str | None = None
    width: float = 1.0
    closed: bool = False
    cls: str = ""
    data: Data = ()


@dataclass(frozen=True)
class Text:
    """A line of text; (x, y) is the baseline point at the anchor."""

    x: float
    y: float
    text: str
    size: float = 11.0
    anchor: Literal["start", "middle", "end"] = "start"
    bold: bool = False
    fill: str = "#222"
    cls: str = ""


Shape = Rect | Line | Circle | Poly | Text


@dataclass(frozen=True)
class Canvas:
    """A chart drawn in user units (width x height); `key` names the chart, `data` describe it as a whole."""

    key: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    label: str
    data: Data = field(default=())


def _attrs(pairs: list[tuple[str, str | None]]) -> str:
    return "".join(f' {k}="{escape(v, quote=True)}"' for k, v in pairs if v is not None and v != "")


def _paint(fill: str | None, stroke: str | None, width: float) -> list[tuple[str, str | None]]:
    return [("fill", fill or "none"), ("stroke", stroke), ("stroke-width", num(width) if stroke else None)]


def _data(cls: str, data: Data) -> list[tuple[str, str | None]]:
    return [("class", cls or None)] + [(f"data-{k}", v) for k, v in data]


def _shape(s: Shape) -> str:
    if isinstance(s, Rect):
        pairs = [("x", num(s.x)), ("y", num(s.y)), ("width", num(s.w)), ("height", num(s.h)),
                 ("rx", num(s.rx) if s.rx else None), *_paint(s.fill, s.stroke, s.width),
                 ("opacity", num(s.opacity) if s.opacity != 1 else None), *_data(s.cls, s.data)]
        return f"<rect{_attrs(pairs)}/>"
    if isinstance(s, Line):
        pairs = [("x1", num(s.x1)), ("y1", num(s.y1)), ("x2", num(s.x2)), ("y2", num(s.y2)), ("stroke", s.stroke),
                 ("stroke-width", num(s.width)), ("stroke-dasharray", f"{num(s.dash[0])} {num(s.dash[1])}"
                                                  if s.dash else None), ("class", s.cls or None)]
        return f"<line{_attrs(pairs)}/>"
    if isinstance(s, Circle):
        pairs = [("cx", num(s.cx)), ("cy", num(s.cy)), ("r", num(s.r)), *_paint(s.fill, s.stroke, s.width),
                 *_data(s.cls, s.data)]
        return f"<circle{_attrs(pairs)}/>"
    if isinstance(s, Poly):
        tag = "polygon" if s.closed else "polyline"
        points = " ".join(f"{num(x)},{num(y)}" for x, y in s.points)
        pairs = [("points", points), *_paint(s.fill, s.stroke, s.width), *_data(s.cls, s.data)]
        return f"<{tag}{_attrs(pairs)}/>"
    pairs = [("x", num(s.x)), ("y", num(s.y)), ("font-size", num(s.size)),
             ("text-anchor", s.anchor if s.anchor != "start" else None), ("font-weight", "bold" if s.bold else None),
             ("fill", s.fill), ("class", s.cls or None)]
    return f"<text{_attrs(pairs)}>{escape(s.text, quote=False)}</text>"


def to_svg(canvas: Canvas) -> str:
    """The canvas as one inline <svg> element that scales to its container's width."""
    box = f"0 0 {num(canvas.width)} {num(canvas.height)}"
    head = _attrs([("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", box),
                   ("role", "img"), ("aria-label", canvas.label), ("font-family", FONT_STACK),
                   ("class", "chart"), ("data-chart", canvas.key), *[(f"data-{k}", v) for k, v in canvas.data]])
    body = "\n".join(_shape(s) for s in canvas.shapes)
    return f"<svg{head}>\n<title>{escape(canvas.label, quote=False)}</title>\n{body}\n</svg>"
