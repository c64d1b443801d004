"""The printed access-code sheet, built once for the panel and the CLI: a QTextDocument printed or saved as PDF.

QtGui and QtPrintSupport only (no widgets), so `hiremate codes issue --pdf` can run it under an offscreen
QGuiApplication. Two layouts: a list (one code per row, LIST_ROWS per page) and cut-apart slips (one per
participant, SLIPS_PER_PAGE per page). Every page stands alone: station, issue time and "Codes are
single-use" head each page, and a page break comes before each further page, so a sheet of N codes has
exactly ceil(N / per page) pages. The sheet is made from IssuedCode rows only (code, pseudonym, battery,
times): names and emails a proctor may have entered live in another table and cannot reach it.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from i18n import N_, _s, is_rtl, ngettext_s, station_language, translate
from kiosk.services.stationdb import IssuedCode

__all__ = [
    "LIST_ROWS",
    "SLIPS_PER_PAGE",
    "CodeSheet",
    "Layout",
    "SheetOutput",
    "SheetWriteError",
    "build_document",
    "check_writable",
    "page_image",
    "print_sheet",
    "sheet_html",
    "when_text",
    "write_pdf",
]

LIST_ROWS = 12
SLIPS_PER_PAGE = 6
MARGIN_MM = 18.0
SINGLE_USE = N_("Codes are single-use.")
FOOTER_ALIGN = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight
HOW_TO = N_("Type the code on the station's welcome screen; dashes and letter case do not matter.")
"""The candidate's own instructions on the sheet: in the codes' language when they have one (CodeSheet.language),
everything else in the station's."""


class Layout(StrEnum):
    """How codes are laid out on paper."""

    LIST = "list"
    SLIPS = "slips"


class SheetWriteError(OSError):
    """The sheet could not be written where asked (message names the path and the reason)."""


@dataclass(frozen=True)
class CodeSheet:
    """What goes on paper: the station's name, the codes of one issue, the layout and the local time zone."""

    station: str
    codes: tuple[IssuedCode, ...]
    layout: Layout = Layout.LIST
    tz: tzinfo | None = None  # None: the station's local time zone
    language: str | None = None  # the codes' language (the candidate's instructions are in it); None: the station's

    def __post_init__(self) -> None:
        if not self.codes:
            raise ValueError("a code sheet needs at least one code")

    @property
    def per_page(self) -> int:
        """Codes on one page."""
        return SLIPS_PER_PAGE if self.layout is Layout.SLIPS else LIST_ROWS

    @property
    def pages(self) -> int:
        """Pages the sheet takes: every page but the last is full."""
        return math.ceil(len(self.codes) / self.per_page)

    @property
    def title(self) -> str:
        """Document title (also the PDF's title)."""
        return _s("HireMate access codes · {station}").format(station=self.station)

    def for_candidate(self, message: str) -> str:
        """A line the candidate reads (how to type the code), in the codes' language, escaped for rich text."""
        return html.escape(translate(self.language or station_language(), message))

    @property
    def candidate_dir(self) -> str:
        """The attribute that lays a paragraph of the candidate's lines right to left when their language is."""
        return ' dir="rtl"' if is_rtl(self.language or station_language()) else ""


@dataclass(frozen=True)
class SheetOutput:
    """What was printed: where to (a file path or a printer name), how many pages, and the document's text."""

    target: str
    pages: int
    text: str


def when_text(iso: str, tz: tzinfo | None = None, sep: str = " ") -> str:
    """A stored UTC time as the station's local time with UTC beside it (UTC alone where local is UTC).

    '2030-01-31 13:00 CET (12:00 UTC)'; the UTC date is repeated only when it differs from the local one.
    """
    when = datetime.fromisoformat(iso)
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    utc = when.astimezone(UTC)
    local = when.astimezone(tz) if tz is not None else when.astimezone()
    if local.utcoffset() == timedelta(0):
        return f"{utc:%Y-%m-%d %H:%M} UTC"
    zone = local.tzname() or local.strftime("UTC%z")
    utc_text = f"{utc:%H:%M}" if utc.date() == local.date() else f"{utc:%Y-%m-%d %H:%M}"
    return f"{local:%Y-%m-%d %H:%M} {zone}{sep}({utc_text} UTC)"


def _when(iso: str, tz: tzinfo | None, sep: str = " ") -> str:
    return html.escape(when_text(iso, tz, "\n")).replace("\n", sep)


def _code_html(code: IssuedCode, mono: str, size_pt: int) -> str:
    """The code in clear: sheets are printed from the codes just issued, the one place they exist in clear."""
    return (f'<p style="white-space: pre; font-family: \'{html.escape(mono)}\'; font-size: {size_pt}pt; '
            f'font-weight: bold;">{html.escape(code.shown)}</p>')


def _issued(sheet: CodeSheet) -> str:
    return _when(min(c.created_utc for c in sheet.codes), sheet.tz)


def _page_head(sheet: CodeSheet, page: int) -> str:
    style = ' style="page-break-before: always;"' if page else ""
    count = ngettext_s("{count} code", "{count} codes", len(sheet.codes)).format(count=len(sheet.codes))
    return (f"<h2{style}>{html.escape(_s('HireMate access codes'))}</h2>"
            + "<p>{}</p>".format(_s("Station {station} · issued {time} · {count}").format(
                station=f"<b>{html.escape(sheet.station)}</b>", time=_issued(sheet), count=html.escape(count)))
            + f"<p{sheet.candidate_dir}><b>{sheet.for_candidate(SINGLE_USE)}</b> {sheet.for_candidate(HOW_TO)}</p>")


def _list_head() -> str:
    """The list's column headers, in the station's language."""
    columns = ((32, N_("Code")), (24, N_("Pseudonym")), (16, N_("Battery")), (28, N_("Expires")))
    cells = "".join(f'<th width="{width}%" align="left">{html.escape(_s(name))}</th>' for width, name in columns)
    return ('<table width="100%" border="1" cellspacing="0" cellpadding="7" style="border-collapse: collapse;">'
            f"<thead><tr>{cells}</tr></thead>")


def _list_rows(codes: Sequence[IssuedCode], sheet: CodeSheet, mono: str) -> str:
    rows = [f"<tr><td>{_code_html(c, mono, 18)}</td><td>{html.escape(c.participant)}</td>"
            f"<td>{html.escape(c.battery)}</td>"
            f'<td><p style="white-space: pre;">{_when(c.expires_utc, sheet.tz, "<br>")}</p></td></tr>'
            for c in codes]
    return _list_head() + "".join(rows) + "</table>"


def _slip_text(code: IssuedCode, sheet: CodeSheet) -> str:
    """A slip's details, in the station's language (rich text)."""
    return _s("Pseudonym {pseudonym} · battery {battery}<br>Valid until {expires}<br>Station {station}<br>"
              "Issued {issued}").format(pseudonym=f"<b>{html.escape(code.participant)}</b>",
                                        battery=html.escape(code.battery), expires=_when(code.expires_utc, sheet.tz),
                                        station=html.escape(sheet.station), issued=_issued(sheet))


def _slips(codes: Sequence[IssuedCode], sheet: CodeSheet, mono: str) -> str:
    slips = [
        '<table width="100%" border="1" cellspacing="0" cellpadding="8" style="border-style: dashed;">'
        f'<tr><td width="38%">{_code_html(c, mono, 22)}<p{sheet.candidate_dir}><b>{sheet.for_candidate(SINGLE_USE)}'
        f'</b></p></td><td><p style="font-size: 10pt;">{_slip_text(c, sheet)}</p></td></tr></table>'
        for c in codes]
    return "<p></p>".join(slips)  # a gap between slips, none after the last (it could spill onto a new page)


def sheet_html(sheet: CodeSheet, mono: str = "monospace") -> str:
    """The sheet as Qt rich text: each page a heading block and its codes, a page break between pages."""
    body = _slips if sheet.layout is Layout.SLIPS else _list_rows
    pages = []
    for page in range(sheet.pages):
        chunk = sheet.codes[page * sheet.per_page:(page + 1) * sheet.per_page]
        pages.append(_page_head(sheet, page) + body(chunk, sheet, mono))
    return f"<html><head><title>{html.escape(sheet.title)}</title></head><body>{''.join(pages)}</body></html>"


def build_document(sheet: CodeSheet) -> QTextDocument:
    """The sheet as a QTextDocument (codes in the system's fixed-width font), ready to print."""
    document = QTextDocument()
    document.setDefaultFont(QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family(), 11))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, sheet.title)
    document.setDocumentMargin(0)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    document.setHtml(sheet_html(sheet, mono))
    return document


def _set_margins(device: QPagedPaintDevice) -> None:
    device.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)


def _lay_out(document: QTextDocument, device: QPaintDevice, painter: QPainter) -> tuple[float, float, float]:
    """Lay the document out at the device's resolution: page width, page height and footer height."""
    document.documentLayout().setPaintDevice(device)
    footer = painter.fontMetrics().height() * 2
    width, height = device.width(), device.height() - footer
    document.setPageSize(QSizeF(width, height))
    return width, height, footer


def _draw_page(sheet: CodeSheet, document: QTextDocument, painter: QPainter, page: int,
               box: tuple[float, float, float]) -> None:
    width, height, footer = box
    painter.save()
    painter.translate(0, -page * height)
    document.drawContents(painter, QRectF(0, page * height, width, height))
    painter.restore()
    painter.drawText(QRectF(0, height, width, footer), FOOTER_ALIGN,
                     _s("{station} · page {page} of {pages} · {single_use}").format(
                         station=sheet.station, page=page + 1, pages=document.pageCount(), single_use=_s(SINGLE_USE)))


def _paint(sheet: CodeSheet, document: QTextDocument, device: QPagedPaintDevice, target: str) -> SheetOutput:
    """Paint every page of the document, each with its footer."""
    painter = QPainter()
    if not painter.begin(device):
        raise SheetWriteError(_s("cannot print to {target}: the printer or file could not be opened").format(
            target=target))
    try:
        box = _lay_out(document, device, painter)
        for page in range(document.pageCount()):
            if page:
                device.newPage()
            _draw_page(sheet, document, painter, page, box)
    finally:
        painter.end()
    return SheetOutput(target, document.pageCount(), document.toPlainText())


def page_image(sheet: CodeSheet, page: int = 0, dpi: int = 100) -> QImage:
    """One A4 page of the sheet as a picture (white paper, the PDF's margins), for previews and docs."""
    size = QPageSize(QPageSize.PageSizeId.A4).sizePoints()
    margin = round(MARGIN_MM / 25.4 * dpi)
    image = QImage(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    body = QImage(image.width() - 2 * margin, image.height() - 2 * margin, QImage.Format.Format_ARGB32_Premultiplied)
    body.fill(Qt.GlobalColor.transparent)
    for picture in (image, body):
        picture.setDotsPerMeterX(round(dpi / 0.0254))
        picture.setDotsPerMeterY(round(dpi / 0.0254))
    document = build_document(sheet)
    painter = QPainter(body)
    box = _lay_out(document, body, painter)
    if not 0 <= page < document.pageCount():
        painter.end()
        raise ValueError(f"page {page} is not in the sheet (it has {document.pageCount()})")
    _draw_page(sheet, document, painter, page, box)
    painter.end()
    paper = QPainter(image)
    paper.drawImage(margin, margin, body)
    paper.end()
    return image


def print_sheet(sheet: CodeSheet, printer: QPrinter) -> SheetOutput:
    """Print the sheet on a printer the proctor chose (or into the file the print dialog chose)."""
    printer.setDocName(sheet.title)
    printer.setCreator("HireMate Station")
    _set_margins(printer)
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    if to_file:
        check_writable(Path(printer.outputFileName()))
    target = printer.outputFileName() if to_file else (printer.printerName() or "the default printer")
    output = _paint(sheet, build_document(sheet), printer, target)
    if to_file:
        _check_written(Path(target))
        os.chmod(target, 0o600)
    return output


def _cannot_write(path: Path, reason: str) -> str:
    """'cannot write the PDF to PATH: reason', in the station's language."""
    return _s("cannot write the PDF to {path}: {reason}").format(path=path, reason=reason)


def _file_in_the_way(path: Path) -> Path | None:
    """The first existing ancestor of path that is not a folder, if any."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def check_writable(path: Path, keep: bool = True) -> Path:
    """Make the folder if needed and open the file for writing (new files owner-only), or raise SheetWriteError.

    With keep=False a file this check created is removed again (a probe before the real write).
    """
    if path.is_dir():
        raise SheetWriteError(_cannot_write(path, _s("it is a folder")))
    blocker = _file_in_the_way(path)
    if blocker is not None:
        raise SheetWriteError(_cannot_write(path, _s("{path} is a file, not a folder").format(path=blocker)))
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as exc:
        raise SheetWriteError(_cannot_write(path, exc.strerror or str(exc))) from None
    if not keep and not existed:
        path.unlink()
    return path


def _check_written(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            ok = handle.read(5) == b"%PDF-"
    except OSError as exc:
        raise SheetWriteError(_cannot_write(path, exc.strerror or str(exc))) from None
    if not ok:
        raise SheetWriteError(_cannot_write(path, _s("Qt wrote no PDF there")))


def write_pdf(sheet: CodeSheet, path: Path) -> SheetOutput:
    """Save the sheet as an A4 PDF at path (readable by its owner only: codes are secrets until used)."""
    check_writable(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)  # owner-only before the first code is written into it
    os.fchmod(fd, 0o600)
    os.close(fd)
    writer = QPdfWriter(str(path))
    writer.setTitle(sheet.title)
    writer.setCreator("HireMate Station")
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    _set_margins(writer)
    output = _paint(sheet, build_document(sheet), writer, str(path))
    del writer  # closes the file
    _check_written(path)
    os.chmod(path, 0o600)
    return output
