"""A document as one self-contained HTML page: inline CSS and SVG, no scripts, no network, print-ready."""

from __future__ import annotations

from html import escape
from typing import Literal

from i18n import _r, is_rtl, reporting_in
from reports import style as st
from reports.canvas import FONT_STACK, to_svg
from reports.document import Block, Bullets, Columns, Document, Facts, Heading, Notice, Paragraph, Section, Table

__all__ = ["PAPERS", "render_html"]

Paper = Literal["a4", "letter"]
PAPERS = {"a4": "A4", "letter": "letter"}
LETTER_ZOOM = "zoom:.9"
"""Letter is 18 mm shorter than A4: printed at 93 % so page 1 holds the same summary and sections start alike."""

CSS = """
*{box-sizing:border-box}
html{background:#eef1f4}
body{font-family:FONTS;color:INK;font-size:10pt;line-height:1.42;margin:0 auto;max-width:200mm;background:#fff;
 padding:12mm 12mm 16mm}
header.doc{border-bottom:3px solid BRAND;padding-bottom:2mm;margin-bottom:3mm}
header.doc .brand{color:BRAND;font-weight:bold;letter-spacing:.08em;font-size:8pt;text-transform:uppercase}
h1{font-size:16pt;margin:.5mm 0 0}
.subtitle{color:MUTED;margin:0}
h2{font-size:13pt;color:BRAND;border-bottom:1px solid #d5dde5;padding-bottom:1mm;margin:3mm 0 2mm}
h3{font-size:10.5pt;margin:2.5mm 0 .8mm}
p{margin:0 0 1.5mm}
p.lead{font-size:11pt}
p.muted{color:MUTED;font-size:8.8pt}
.facts{display:flex;gap:1.5mm;margin:0 0 1mm}
.fact{flex:1 1 auto;background:#f4f7f9;border-left:3px solid BRAND;padding:.8mm 2mm;break-inside:avoid;line-height:1.3}
.fact b{display:block;font-size:7pt;color:MUTED;text-transform:uppercase;letter-spacing:.05em}
.fact span{font-size:8.5pt}
.notice{padding:2mm 3mm;border-radius:2mm;margin:2mm 0;break-inside:avoid}
.notice.warn{background:#fdf3e1;border:1px solid #f0c36d}
.notice.ok{background:#e8f5ec;border:1px solid #9fd3b0}
.notice.info{background:#e8f1fb;border:1px solid #a9c8ec}
figure{margin:1mm 0 2.5mm;break-inside:avoid}
figure h3{margin-top:2mm}
figure svg{display:block;width:100%;height:auto}
figcaption{color:MUTED;font-size:8.5pt;margin-top:.8mm}
table{width:100%;border-collapse:collapse;margin:1mm 0 2.5mm;font-size:8.8pt}
th{text-align:left;color:MUTED;font-weight:bold;font-size:7.8pt;text-transform:uppercase;letter-spacing:.03em;
 border-bottom:1.5px solid #b8c2cc;padding:1mm 1.5mm}
td{border-bottom:1px solid #e3e8ed;padding:.7mm 1.5mm;vertical-align:top}
tr{break-inside:avoid}
.columns{display:grid;grid-template-columns:1.3fr 1fr;gap:5mm}
ul{margin:0 0 2mm;padding-left:0;list-style:none}
li{padding-left:4mm;position:relative;margin-bottom:.5mm;font-size:9pt;line-height:1.3}
li::before{position:absolute;left:0;font-weight:bold;content:"•";color:MUTED}
ul.plus li::before{content:"+";color:TARGET}
ul.consider li::before{content:"?";color:WARN}
section.new-page{break-before:page}
footer.doc{color:MUTED;font-size:7.5pt;border-top:1px solid #d5dde5;margin-top:5mm;padding-top:1.5mm}
@media print{
 html{background:#fff}
 body{max-width:none;padding:0;LETTER}
 footer.doc{display:none}
}
@page{size:PAPER;margin:11mm 12mm 13mm;
 @bottom-left{content:"FOOTER";font-family:FONTS;font-size:7pt;color:MUTED}
 @bottom-right{content:PAGES;font-family:FONTS;font-size:7pt;color:MUTED}}
"""
RTL_CSS = """
p,li,td,th,h1,h2,h3,figcaption,.fact span,.notice{unicode-bidi:plaintext;text-align:right}
.fact{border-left:0;border-right:3px solid BRAND}
ul{padding-right:0}
li{padding-left:0;padding-right:4mm}
li::before{left:auto;right:0}
figure svg{direction:ltr}
"""
"""Right to left (Arabic): text, tables, tiles and lists mirror, each paragraph takes its direction from its first
strong letter (an English sentence left in it reads left to right), all aligned right; charts keep left to right."""


def _css(paper: Paper, footer: str, rtl: bool = False) -> str:
    swaps = {"FONTS": FONT_STACK, "INK": st.INK, "MUTED": st.MUTED, "BRAND": st.BRAND, "TARGET": st.TARGET,
             "WARN": st.WARN, "PAPER": PAPERS[paper], "LETTER": LETTER_ZOOM if paper == "letter" else "",
             "FOOTER": footer.replace('"', "'"), "PAGES": _page_counter()}
    text = CSS + (RTL_CSS if rtl else "")
    for key, value in swaps.items():
        text = text.replace(key, value)
    return text.strip()


def _page_counter() -> str:
    """CSS content for "Page n of m" in the report's language (the numbers are CSS page counters)."""
    parts = _r("Page {page} of {pages}").replace('"', "'").split("{page}")
    before, _, after = parts[-1].partition("{pages}")
    pieces = [f'"{parts[0]}"' if len(parts) > 1 else "", "counter(page)", f'"{before}"', "counter(pages)",
              f'"{after}"']
    return " ".join(p for p in pieces if p and p != '""')


def _e(text: str) -> str:
    return escape(text, quote=True)


def _table(t: Table) -> str:
    total = sum(t.widths) if t.widths else 0
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in t.widths) if total else ""
    head = "".join(f"<th>{_e(c)}</th>" for c in t.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in t.rows)
    key = f' data-table="{_e(t.key)}"' if t.key else ""
    return f"<table{key}><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def _bullets(b: Bullets) -> str:
    title = f"<h3>{_e(b.title)}</h3>" if b.title else ""
    items = "".join(f"<li>{_e(i)}</li>" for i in b.items) or f"<li>{_e(_r('none noted'))}</li>"
    return f'<div>{title}<ul class="{b.tone}">{items}</ul></div>'


def _block(b: Block) -> str:
    if isinstance(b, Paragraph):
        return f'<p class="{b.tone}">{_e(b.text)}</p>' if b.tone != "body" else f"<p>{_e(b.text)}</p>"
    if isinstance(b, Heading):
        return f"<h3>{_e(b.text)}</h3>"
    if isinstance(b, Bullets):
        return _bullets(b)
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Columns):
        return "\n".join(_blocks((b,)))
    if isinstance(b, Facts):
        tiles = "".join(f'<div class="fact"><b>{_e(k)}</b><span>{_e(v)}</span></div>' for k, v in b.items)
        return f'<div class="facts">{tiles}</div>'
    if isinstance(b, Notice):
        return f'<div class="notice {b.tone}">{_e(b.text)}</div>'
    title = f"<h3>{_e(b.title)}</h3>" if b.title else ""
    caption = f"<figcaption>{_e(b.caption)}</figcaption>" if b.caption else ""
    return f"<figure>{title}{to_svg(b.canvas)}{caption}</figure>"


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Columns):
            left, right = "\n".join(_block(x) for x in b.left), "\n".join(_block(x) for x in b.right)
            out.append(f'<div class="columns"><div>{left}</div><div>{right}</div></div>')
        else:
            out.append(_block(b))
    return out


def _section(s: Section) -> str:
    cls = ' class="new-page"' if s.new_page else ""
    body = "\n".join(_blocks(s.blocks))
    title = f"<h2>{_e(s.title)}</h2>\n" if s.title else ""
    return f'<section id="{_e(s.key)}"{cls}>\n{title}{body}\n</section>'


def render_html(doc: Document, paper: Paper = "a4") -> str:
    """The whole page in the document's language (`lang`; `dir="rtl"` for Arabic: text and tables mirror, charts
    stay left to right); the same document always gives the same bytes (no generation time inside)."""
    with reporting_in(doc.language):
        return _page(doc, paper)


def _page(doc: Document, paper: Paper) -> str:
    sections = "\n".join(_section(s) for s in doc.sections)
    direction = ' dir="rtl"' if is_rtl(doc.language) else ""
    css = _css(paper, doc.footer, is_rtl(doc.language))
    return (f'<!DOCTYPE html>\n<html lang="{_e(doc.language)}"{direction}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(doc.title)} · {_e(doc.subtitle)}</title>\n<style>\n{css}\n</style>\n"
            f'</head>\n<body data-kind="{doc.kind}">\n<header class="doc"><div class="brand">HireMate Station</div>'
            f'<h1>{_e(doc.title)}</h1><p class="subtitle">{_e(doc.subtitle)}</p></header>\n'
            f'{sections}\n<footer class="doc">{_e(doc.footer)}</footer>\n</body>\n</html>\n')
