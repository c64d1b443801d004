"""Drawing a chart's primitives onto an fpdf2 page as vectors, with real (searchable) text."""

from __future__ import annotations

from typing import Any

from reports.canvas import Canvas, Circle, Line, Poly, Rect, Text

__all__ = ["draw_canvas", "put_text", "rgb"]

PT_PER_MM = 72 / 25.4


def rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' (or '#rgb') as an RGB triple."""
    c = colour.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def put_text(pdf: Any, x: float, y: float, text: str) -> None:
    """A line of text with its left end at x and its baseline at y. With text shaping on (a right-to-left report)
    it goes through a cell, as fpdf2's `text()` neither shapes nor orders right-to-left text."""
    if not pdf.text_shaping:
        pdf.text(x, y, text)
        return
    margin, here = pdf.c_margin, (pdf.x, pdf.y)
    pdf.set_xy(x - margin, y - 0.3 * pdf.font_size)  # a cell of height 0 puts its baseline 0.3 font sizes down
    pdf.cell(pdf.get_string_width(text) + 2 * margin, 0, text)
    pdf.set_xy(*here)  # as text() does, the cursor stays where it was


def _style(pdf: Any, fill: str | None, stroke: str | None, width: float, scale: float) -> str | None:
    if fill:
        pdf.set_fill_color(*rgb(fill))
    if stroke:
        pdf.set_draw_color(*rgb(stroke))
        pdf.set_line_width(width * scale)
    return "DF" if fill and stroke else "F" if fill else "D" if stroke else None


def _text(pdf: Any, s: Text, x0: float, y0: float, scale: float) -> None:
    pdf.set_font("DejaVu", "B" if s.bold else "", s.size * scale * PT_PER_MM)
    pdf.set_text_color(*rgb(s.fill))
    width = pdf.get_string_width(s.text)
    shift = {"start": 0.0, "middle": width / 2, "end": width}[s.anchor]
    put_text(pdf, x0 + s.x * scale - shift, y0 + s.y * scale, s.text)


def _shape(pdf: Any, s: Rect | Line | Circle | Poly | Text, x0: float, y0: float, k: float) -> None:
    if isinstance(s, Text):
        _text(pdf, s, x0, y0, k)
        return
    if isinstance(s, Line):
        pdf.set_draw_color(*rgb(s.stroke))
        pdf.set_line_width(s.width * k)
        if s.dash:
            pdf.set_dash_pattern(s.dash[0] * k, s.dash[1] * k)
        pdf.line(x0 + s.x1 * k, y0 + s.y1 * k, x0 + s.x2 * k, y0 + s.y2 * k)
        if s.dash:
            pdf.set_dash_pattern()
        return
    if isinstance(s, Rect):
        style = _style(pdf, s.fill, s.stroke, s.width, k)
        if style and s.w > 0 and s.h > 0:
            with pdf.local_context(fill_opacity=s.opacity, stroke_opacity=s.opacity):
                pdf.rect(x0 + s.x * k, y0 + s.y * k, s.w * k, s.h * k, style=style, round_corners=s.rx > 0,
                         corner_radius=s.rx * k)
        return
    if isinstance(s, Circle):
        style = _style(pdf, s.fill, s.stroke, s.width, k)
        if style:
            pdf.circle(x0 + s.cx * k, y0 + s.cy * k, s.r * k, style=style)
        return
    style = _style(pdf, s.fill, s.stroke, s.width, k)
    points = [(x0 + x * k, y0 + y * k) for x, y in s.points]
    if style and s.closed:
        pdf.polygon(points, style=style)
    elif style:
        pdf.polyline(points, style="D")


def draw_canvas(pdf: Any, canvas: Canvas, x: float, y: float, width: float) -> float:
    """Draw the chart with its top-left at (x, y) mm, `width` mm wide; return its height in mm."""
    k = width / canvas.width
    for shape in canvas.shapes:
        _shape(pdf, shape, x, y, k)
    pdf.set_text_color(0, 0, 0)
    return canvas.height * k
