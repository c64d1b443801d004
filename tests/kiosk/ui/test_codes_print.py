"""The printed code sheet (kiosk/ui/codes_print.py): what it says, how many pages it takes on A4 and Letter, and
where it refuses to write."""

from __future__ import annotations

import math
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from kiosk.services.codes import display_code, generate_code
from kiosk.services.stationdb import IssuedCode
from kiosk.ui.codes_print import (
    LIST_ROWS,
    SINGLE_USE,
    SLIPS_PER_PAGE,
    CodeSheet,
    Layout,
    SheetWriteError,
    build_document,
    page_image,
    print_sheet,
    sheet_html,
    when_text,
    write_pdf,
)
from tests.pdfcheck import pdf_pages

CET = timezone(timedelta(hours=1), "CET")
EST = timezone(timedelta(hours=-5), "EST")
ISSUED = datetime(2030, 1, 31, 9, 30, tzinfo=UTC)


def make_codes(count: int, prefix: str = "P", battery: str = "default") -> tuple[IssuedCode, ...]:
    return tuple(IssuedCode(generate_code(), f"{prefix}-{i:08x}", battery, ISSUED.isoformat(),
                            (ISSUED + timedelta(hours=26, minutes=30)).isoformat()) for i in range(count))


def test_times_read_as_local_time_with_utc_beside_them() -> None:
    assert when_text("2030-01-31T12:00:00+00:00", CET) == "2030-01-31 13:00 CET (12:00 UTC)"
    assert when_text("2030-01-31T02:00:00+00:00", EST) == "2030-01-30 21:00 EST (2030-01-31 02:00 UTC)"
    assert when_text("2030-01-31T12:00:00+00:00", UTC) == "2030-01-31 12:00 UTC"
    assert when_text("2030-01-31T12:00:00", CET) == "2030-01-31 13:00 CET (12:00 UTC)"  # stored naive = UTC


def test_the_document_holds_each_code_grouped_with_its_pseudonym_battery_and_expiry(qapp: QApplication) -> None:
    codes = make_codes(3, battery="quick")
    text = build_document(CodeSheet("Lab 3 & front desk", codes, tz=CET)).toPlainText()
    assert "Station Lab 3 & front desk · issued" in text  # escaped for rich text, read back as typed
    assert "issued 2030-01-31 10:30 CET (09:30 UTC) · 3 codes" in text
    assert SINGLE_USE in text
    lines = text.splitlines()
    for code in codes:
        row = lines.index(display_code(code.code))
        assert lines[row + 1:row + 5] == [code.participant, "quick", "2030-02-01 13:00 CET", "(12:00 UTC)"]


def test_a_slip_says_everything_on_its_own(qapp: QApplication) -> None:
    (code,) = make_codes(1)
    text = build_document(CodeSheet("Desk", (code,), Layout.SLIPS, tz=CET)).toPlainText()
    slip = text[text.index(display_code(code.code)):]
    for part in (SINGLE_USE, f"Pseudonym {code.participant} · battery default",
                 "Valid until 2030-02-01 13:00 CET (12:00 UTC)", "Station Desk",
                 "Issued 2030-01-31 10:30 CET (09:30 UTC)"):
        assert part in slip


def test_an_empty_sheet_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one code"):
        CodeSheet("Desk", ())


@pytest.mark.parametrize(("layout", "count"), [
    (Layout.LIST, 1), (Layout.LIST, LIST_ROWS), (Layout.LIST, LIST_ROWS + 1), (Layout.LIST, 2 * LIST_ROWS + 1),
    (Layout.SLIPS, 1), (Layout.SLIPS, SLIPS_PER_PAGE), (Layout.SLIPS, SLIPS_PER_PAGE + 1),
])
def test_full_pages_on_a4_pdf_and_letter_print(
    qapp: QApplication, tmp_path: Path, layout: Layout, count: int
) -> None:
    """Long names and a far time zone still fit: each page holds exactly its share of codes."""
    sheet = CodeSheet("Assessment centre, second floor, room 2.17 (west wing)", make_codes(count, "ACME_GRADUATES"),
                      layout, tz=EST)
    expected = math.ceil(count / sheet.per_page)
    assert sheet.pages == expected
    a4 = write_pdf(sheet, tmp_path / "a4.pdf")
    assert a4.pages == expected and pdf_pages(tmp_path / "a4.pdf") == expected
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "letter.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    letter = print_sheet(sheet, printer)
    assert letter.pages == expected and pdf_pages(tmp_path / "letter.pdf") == expected
    assert letter.text == a4.text


def test_pdf_is_owner_only_even_over_an_existing_file(qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "codes.pdf"
    path.write_text("old")
    os.chmod(path, 0o644)
    write_pdf(CodeSheet("Desk", make_codes(2)), path)
    assert path.stat().st_mode & 0o777 == 0o600 and pdf_pages(path) == 1


def test_unwritable_targets_are_named_and_nothing_is_written(qapp: QApplication, tmp_path: Path) -> None:
    sheet = CodeSheet("Desk", make_codes(1))
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me")
    with pytest.raises(SheetWriteError, match=f"cannot write the PDF to {tmp_path}: it is a folder"):
        write_pdf(sheet, tmp_path)
    with pytest.raises(SheetWriteError, match=f"{blocker} is a file, not a folder"):
        write_pdf(sheet, blocker / "sub" / "codes.pdf")
    assert blocker.read_text() == "keep me"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_folder_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(SheetWriteError, match="Permission denied"):
        write_pdf(CodeSheet("Desk", make_codes(1)), folder / "codes.pdf")
    assert list(folder.iterdir()) == []


def test_page_image_is_an_a4_page_with_ink_and_refuses_a_missing_page(qapp: QApplication) -> None:
    sheet = CodeSheet("Desk", make_codes(LIST_ROWS + 1))
    image = page_image(sheet, page=1, dpi=50)
    assert abs(image.height() / image.width() - 297 / 210) < 0.01
    inked = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
                if image.pixelColor(x, y).lightness() < 128)
    assert inked > 0
    with pytest.raises(ValueError, match="page 2 is not in the sheet"):
        page_image(sheet, page=2)


def test_the_sheet_is_in_the_station_language_and_the_how_to_in_the_codes(qapp: QApplication) -> None:
    """The proctor's sheet in the station's language (German here); the line the candidate reads, how to type the
    code, in the codes' own language (Arabic, laid out right to left); the codes themselves as issued."""
    from i18n import set_station_language, translate

    codes = make_codes(13)
    set_station_language("de")
    try:
        sheet = CodeSheet("Desk", codes, Layout.LIST, tz=CET, language="ar")
        document = build_document(sheet)
        text = document.toPlainText()
        html = sheet_html(sheet)
        assert sheet.title == "HireMate-Zugangscodes · Desk"
    finally:
        set_station_language("en")
    assert "Station Desk · ausgegeben 2030-01-31 10:30 CET (09:30 UTC) · 13 Codes" in text
    assert "Testbatterie" in text and "Battery" not in text  # the column headers
    how_to = translate("ar", "Type the code on the station's welcome screen; dashes and letter case do not matter.")
    assert how_to in text and html.count('<p dir="rtl">') == 2  # once on each of the two pages
    assert translate("ar", SINGLE_USE) in text and SINGLE_USE not in text
    assert all(display_code(code.code) in text for code in codes)


def test_without_a_language_the_sheet_is_all_in_the_station_language(qapp: QApplication) -> None:
    from i18n import set_station_language, translate

    set_station_language("es")
    try:
        sheet = CodeSheet("Desk", make_codes(1), Layout.SLIPS, tz=CET)
        text = build_document(sheet).toPlainText()
    finally:
        set_station_language("en")
    assert translate("es", SINGLE_USE) in text and 'dir="rtl"' not in sheet_html(sheet)
    assert "Válido hasta 2030-02-01 13:00 CET (12:00 UTC)" in text
