"""The recruiter view in the station's language (issue 17): its own texts, the window's direction, and the report
and its PDF written in that language, driven with real keys on a station whose language is Arabic."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from i18n import set_station_language
from kiosk.ui.station import StationWindow
from tests.kiosk.ui.test_recruiter_view import _unlocked, station, template

__all__ = ["station", "template"]


@pytest.fixture
def arabic() -> Iterator[None]:
    """The station speaks Arabic for the test (as `hiremate run --language ar`), English again after."""
    set_station_language("ar")
    try:
        yield
    finally:
        set_station_language("en")


def test_the_recruiter_view_and_its_report_are_in_the_stations_language(
        arabic: None, qtbot: QtBot, station: StationWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    view = _unlocked(qtbot, station)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.windowTitle() == "\u200fHireMate Station · عرض مسؤول التوظيف"  # a right-to-left mark first
    page = view.list_page
    assert page.open_button.text() == "فتح التقرير" and page.status.text() == "3 جلسات مكتملة."
    assert page.table.horizontalHeaderItem(1).text() == "الاسم المستعار"
    QTest.keyClicks(page.search, "P-cc33")
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.page() is view.report_page or "تعذّر" in page.status.text(), timeout=30_000)
    assert view.page() is view.report_page, page.status.text()
    assert view.report_title.text() == "تقرير تقييم المرشح"
    text = view.browser.toPlainText()
    assert "جودة البيانات" in text and "الأدلة وراء كل رقم" in text
    assert "Candidate assessment report" not in text and "Evidence behind every figure" not in text
    assert view.pdf_button.text() == "حفظ PDF…" and view.back_button.text() == "العودة إلى القائمة"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "ar.pdf"), ""))
    QTest.keyClick(view.pdf_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.report_status.text().startswith("حُفظ"), timeout=60_000)
    pdf = subprocess.run(["pdftotext", str(tmp_path / "ar.pdf"), "-"], capture_output=True, text=True, check=True)
    assert "تقرير تقييم المرشح" in pdf.stdout  # written on the DB worker, in the station's language too
