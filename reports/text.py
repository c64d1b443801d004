"""A report document as plain text for a terminal: wrapped to a width, tables aligned, charts named or drawn."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from i18n import N_, _r
from reports.document import Block, Bullets, Chart, Document, Facts, Heading, Notice, Paragraph, Table

__all__ = ["ChartText", "render_text"]

ChartText = Callable[[Chart], list[str] | None]
"""Draws a chart as text lines, or returns None to leave it named only."""

MARKS = {"plus": "+", "consider": "?", "plain": "-"}
NOTICE_MARKS = {"ok": N_("OK"), "warn": N_("NOTE"), "info": N_("INFO")}
"""A notice's mark before its text, translated where it is written."""


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest or " " * len(first)) or [first]


def _aligned(t: Table, widths: list[int]) -> list[str]:
    """Aligned columns; the first column's text wraps within its width."""
    lines = ["  " + "  ".join(c.upper().ljust(w) for c, w in zip(t.columns, widths, strict=True)).rstrip()]
    for row in t.rows:
        first = textwrap.wrap(row[0], widths[0]) or [""]
        rest = "  ".join(c.ljust(w) for c, w in zip(row[1:], widths[1:], strict=True))
        lines.append(f"  {first[0].ljust(widths[0])}  {rest}".rstrip())
        lines += [f"  {more}" for more in first[1:]]
    return lines


def _table(t: Table, width: int) -> list[str]:
    """Columns aligned when they fit (the first one wrapped if need be); otherwise each row as 'column: value'."""
    cells = [t.columns, *t.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(t.columns))]
    room = width - 2 - sum(widths[1:]) - 2 * (len(widths) - 1)
    if room >= min(widths[0], 24):
        return _aligned(t, [min(widths[0], room), *widths[1:]])
    lines = []
    for row in t.rows:
        lines += _wrap(row[0], width, "  - ")
        for column, value in zip(t.columns[1:], row[1:], strict=True):
            lines += _wrap(f"{column}: {value}", width, "      ")
    return lines


def _chart(c: Chart, width: int, chart_text: ChartText | None) -> list[str]:
    drawn = chart_text(c) if chart_text is not None else None
    title = c.title or c.canvas.label
    if drawn is not None:
        return ([title] if c.title else []) + drawn + (_wrap(c.caption, width) if c.caption else [])
    return _wrap(_r("[chart: {title}; drawn in the HTML and PDF report]").format(title=title), width)


def _block(b: Block, width: int, chart_text: ChartText | None) -> list[str]:
    if isinstance(b, Paragraph):
        return _wrap(b.text, width)
    if isinstance(b, Heading):
        return ["", b.text, "-" * min(len(b.text), width)]
    if isinstance(b, Bullets):
        head = [b.title] if b.title else []
        items = b.items or (_r("none noted"),)
        return head + [line for item in items for line in _wrap(item, width, f"  {MARKS[b.tone]} ")]
    if isinstance(b, Table):
        return _table(b, width)
    if isinstance(b, Facts):
        label = max(len(k) for k, _ in b.items) if b.items else 0
        return [line for k, v in b.items for line in _wrap(v, width, f"{k.ljust(label)}  ", " " * (label + 2))]
    if isinstance(b, Notice):
        return _wrap(b.text, width, f"{_r(NOTICE_MARKS[b.tone])}: ")
    if isinstance(b, Chart):
        return _chart(b, width, chart_text)
    return [line for part in (*b.left, *b.right) for line in _block(part, width, chart_text)]  # Columns


def render_text(doc: Document, width: int = 100, chart_text: ChartText | None = None,
                sections: Callable[[str], bool] | None = None) -> str:
    """The document as text lines no wider than `width` (a word longer than that stays whole); `sections` picks
    sections by key (all by default)."""
    out = [doc.title, *_wrap(doc.subtitle, width)]
    for section in doc.sections:
        if sections is not None and not sections(section.key):
            continue
        out += ["", "", section.title.upper(), "=" * min(len(section.title), width)] if section.title else [""]
        for block in section.blocks:
            lines = _block(block, width, chart_text)
            if lines and lines[0] != "" and not isinstance(block, Heading):
                lines = ["", *lines] if isinstance(block, Paragraph | Bullets | Chart | Notice | Facts) else lines
            out += lines
    out += ["", *_wrap(doc.footer, width)]
    return "\n".join(line.rstrip() for line in out) + "\n"

