"""A document as a PDF (A4 or Letter) with fpdf2: embedded DejaVu Sans, real text, charts drawn as vectors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, XPos, YPos

from i18n import _r, is_rtl, reporting_in
from reports import style as st
from reports.document import Block, Bullets, Chart, Columns, Document, Facts, Heading, Notice, Paragraph, Section, Table
from reports.fonts import FONT_FILES, font_dir
from reports.pdf_canvas import draw_canvas, put_text, rgb

__all__ = ["render_pdf"]

Paper = Literal["a4", "letter"]
FORMATS = {"a4": "A4", "letter": "Letter"}
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
"""PDF metadata date: fixed, so a report's bytes depend on its content only."""
NOTICE_FILL = {"ok": "#e8f5ec", "warn": "#fdf3e1", "info": "#e8f1fb"}
NOTICE_LINE = {"ok": "#9fd3b0", "warn": "#f0c36d", "info": "#a9c8ec"}
CHART_MM = 180.0
"""Charts are at most this wide, so their height (and page 1) is the same on A4 and Letter."""
MARKS = {"plain": ("•", st.MUTED), "plus": ("+", st.TARGET), "consider": ("?", st.WARN)}


class _Pdf(FPDF):
    """FPDF with the report's footer on every page; `rtl` lays a right-to-left report out from the right."""

    footer_text = ""
    rtl = False

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(*rgb(st.MUTED))
        self.cell(0, 4, self.footer_text, align="R" if self.rtl else "L")
        self.set_x(self.l_margin)
        self.cell(0, 4, _r("Page {page} of {pages}").format(page=self.page_no(), pages="{nb}"),
                  align="L" if self.rtl else "R")


def _align(pdf: Any) -> str:
    """Where running text starts: on the left, or on the right in a right-to-left report."""
    return "R" if pdf.rtl else "L"


def _pdf(doc: Document, paper: Paper) -> _Pdf:
    pdf = _Pdf(format=FORMATS[paper], unit="mm")
    pdf.footer_text = doc.footer
    folder = font_dir()
    for style, name in FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(folder / name))
    pdf.set_margins(12, 11, 12)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(f"{doc.title} · {doc.subtitle}")
    pdf.set_author("HireMate Station")
    pdf.set_lang(doc.language)
    if is_rtl(doc.language):
        pdf.rtl = True
        shaping(pdf)
    return pdf


def shaping(pdf: FPDF) -> None:
    """Arabic letters joined and words ordered right to left: fpdf2's text shaping (HarfBuzz, by uharfbuzz). Each
    paragraph takes its direction from its first strong letter (a translated line that starts with a Latin word
    carries a right-to-left mark, i18n.translate), so an English sentence left in an Arabic report reads left to
    right; every paragraph is aligned right."""
    pdf.set_text_shaping(True)


def _font(pdf: Any, size: float, bold: bool = False, colour: str = st.INK, italic: bool = False) -> None:
    pdf.set_font("DejaVu", "B" if bold else "I" if italic else "", size)
    pdf.set_text_color(*rgb(colour))


def _para(pdf: Any, p: Paragraph) -> None:
    size, colour = {"body": (9.5, st.INK), "lead": (10.5, st.INK), "muted": (8.3, st.MUTED)}[p.tone]
    _font(pdf, size, colour=colour)
    pdf.multi_cell(0, size * 0.5, p.text, align=_align(pdf), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.2)


def _heading(pdf: Any, text: str, size: float = 10.5, colour: str = st.INK, rule: bool = False) -> None:
    if pdf.y > pdf.page_break_trigger - 25:
        pdf.add_page()
    pdf.ln(1.5)
    _font(pdf, size, bold=True, colour=colour)
    pdf.multi_cell(0, size * 0.5, text, align=_align(pdf), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if rule:
        pdf.set_draw_color(*rgb("#d5dde5"))
        pdf.set_line_width(0.25)
        pdf.line(pdf.l_margin, pdf.y + 0.8, pdf.w - pdf.r_margin, pdf.y + 0.8)
        pdf.ln(2.2)
    pdf.ln(0.8)


def _bullets(pdf: Any, b: Bullets) -> None:
    if b.title:
        _heading(pdf, b.title)
    mark, colour = MARKS[b.tone]
    left, right = pdf.l_margin, pdf.r_margin
    for item in b.items or (_r("none noted"),):
        _font(pdf, 8.6, bold=True, colour=colour)
        if pdf.rtl:  # the mark on the right, the text indented from the right
            put_text(pdf, pdf.w - right - 0.5 - pdf.get_string_width(mark), pdf.y + 3.2, mark)
            pdf.set_right_margin(right + 4)
        else:
            pdf.text(left + 0.5, pdf.y + 3.2, mark)
            pdf.set_left_margin(left + 4)
        _font(pdf, 8.6)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(0, 4.1, item, align=_align(pdf), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_left_margin(left)
        pdf.set_right_margin(right)
        pdf.ln(0.5)
    pdf.ln(0.8)


def _table(pdf: Any, t: Table) -> None:
    _font(pdf, 8.2)
    head = FontFace(emphasis="BOLD", color=rgb(st.MUTED), size_pt=7.2, fill_color=(255, 255, 255))
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*rgb("#c9d2db"))
    pdf.set_line_width(0.2)
    order = slice(None, None, -1 if pdf.rtl else 1)  # a right-to-left table starts with its first column on the right
    widths = t.widths[order] if t.widths else None
    with pdf.table(cell_fill_mode="NONE", width=width, col_widths=widths, text_align="RIGHT" if pdf.rtl else "LEFT",
                   line_height=3.8, padding=(0.9, 1.2), borders_layout=TableBordersLayout.HORIZONTAL_LINES,
                   headings_style=head, align="LEFT", first_row_as_headings=True) as table:
        table.row([c.upper() for c in t.columns][order])
        for row in t.rows:
            table.row(list(row)[order])
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(2)


def _facts(pdf: Any, f: Facts) -> None:
    n = len(f.items)
    gap = 1.5
    width = (pdf.w - pdf.l_margin - pdf.r_margin - gap * (n - 1)) / n
    top = pdf.y
    heights = []
    for _, value in f.items:
        lines = len(pdf.multi_cell(width - 3, 3.8, value, align=_align(pdf), dry_run=True, output="LINES")) \
            if value else 1
        heights.append(5 + lines * 3.8 + 1.5)
    height = max(heights)
    for i, (label, value) in enumerate(f.items):
        x = pdf.l_margin + (n - 1 - i if pdf.rtl else i) * (width + gap)  # right to left: the first tile on the right
        pdf.set_fill_color(*rgb("#f4f7f9"))
        pdf.rect(x, top, width, height, style="F")
        pdf.set_fill_color(*rgb(st.BRAND))
        pdf.rect(x + width - 0.9 if pdf.rtl else x, top, 0.9, height, style="F")
        _font(pdf, 6.5, bold=True, colour=st.MUTED)
        shown = label.upper()
        put_text(pdf, x + width - 2.2 - pdf.get_string_width(shown) if pdf.rtl else x + 2.2, top + 3.6, shown)
        _font(pdf, 8.2)
        pdf.set_xy(x + (1 if pdf.rtl else 2), top + 4.6)
        pdf.multi_cell(width - 3, 3.8, value, align=_align(pdf))
    pdf.set_xy(pdf.l_margin, top + height + 2.5)


def _notice(pdf: Any, n: Notice) -> None:
    pdf.set_fill_color(*rgb(NOTICE_FILL[n.tone]))
    pdf.set_draw_color(*rgb(NOTICE_LINE[n.tone]))
    _font(pdf, 9.2)
    pdf.multi_cell(0, 4.6, n.text, align=_align(pdf), border=1, fill=True, padding=2, new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)
    pdf.ln(2)


def _chart(pdf: Any, c: Chart) -> None:
    width = min(pdf.w - pdf.l_margin - pdf.r_margin, CHART_MM)
    height = c.canvas.height * width / c.canvas.width
    if pdf.y + height + (7 if c.title else 0) > pdf.page_break_trigger:
        pdf.add_page()
    if c.title:
        _heading(pdf, c.title)
    top = pdf.y
    draw_canvas(pdf, c.canvas, pdf.l_margin, top, width)
    pdf.set_xy(pdf.l_margin, top + height + 1)
    if c.caption:
        _para(pdf, Paragraph(c.caption, "muted"))
    pdf.ln(1)


def _columns(pdf: Any, c: Columns) -> None:
    left, right = pdf.l_margin, pdf.r_margin
    inner = pdf.w - left - right
    split = inner * 0.53
    with pdf.offset_rendering() as trial:
        _column_pair(trial, c, left, right, inner, split)
    if trial.page_break_triggered:
        pdf.add_page()
    _column_pair(pdf, c, left, right, inner, split)


def _column_pair(pdf: Any, c: Columns, left: float, right: float, inner: float, split: float) -> None:
    """The first column `split` wide at the start of the line (the left, or the right in a right-to-left report)."""
    top = pdf.y
    first = (left + inner - split, right) if pdf.rtl else (left, right + inner - split + 3)
    second = (left, right + split + 3) if pdf.rtl else (left + split + 3, right)
    bottom = top
    for (margin_l, margin_r), blocks in ((first, c.left), (second, c.right)):
        pdf.set_left_margin(margin_l)
        pdf.set_right_margin(margin_r)
        pdf.set_xy(margin_l, top)
        for b in blocks:
            _block(pdf, b)
        bottom = max(bottom, pdf.y)
    pdf.set_left_margin(left)
    pdf.set_right_margin(right)
    pdf.set_xy(left, bottom)


def _block(pdf: Any, b: Block) -> None:
    if isinstance(b, Paragraph):
        _para(pdf, b)
    elif isinstance(b, Heading):
        _heading(pdf, b.text)
    elif isinstance(b, Bullets):
        _bullets(pdf, b)
    elif isinstance(b, Table):
        _table(pdf, b)
    elif isinstance(b, Facts):
        _facts(pdf, b)
    elif isinstance(b, Notice):
        _notice(pdf, b)
    elif isinstance(b, Columns):
        _columns(pdf, b)
    else:
        _chart(pdf, b)


def _section(pdf: Any, s: Section) -> None:
    if s.new_page:
        pdf.add_page()
    if s.title:
        _heading(pdf, s.title, 13, st.BRAND, rule=True)
    for b in s.blocks:
        _block(pdf, b)


def _header(pdf: Any, doc: Document) -> None:
    _font(pdf, 7.5, bold=True, colour=st.BRAND)
    pdf.cell(0, 4, "HIREMATE STATION", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=_align(pdf))
    _font(pdf, 15, bold=True)
    pdf.multi_cell(0, 7, doc.title, align=_align(pdf), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, 9.5, colour=st.MUTED)
    pdf.cell(0, 5, doc.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=_align(pdf))
    pdf.set_draw_color(*rgb(st.BRAND))
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.y + 1.5, pdf.w - pdf.r_margin, pdf.y + 1.5)
    pdf.ln(4.5)


def render_pdf(doc: Document, paper: Paper = "a4") -> bytes:
    """The document as PDF bytes in its language (FontMissing when DejaVu Sans is not installed)."""
    with reporting_in(doc.language):
        return _render(doc, paper)


def _render(doc: Document, paper: Paper) -> bytes:
    pdf = _pdf(doc, paper)
    pdf.add_page()
    _header(pdf, doc)
    for i, section in enumerate(doc.sections):
        _section(pdf, section if i else Section(section.key, section.title, section.blocks, new_page=False))
    return bytes(pdf.output())
