"""The proctor panel prints the codes it just issued and saves them as PDF (real clicks and keys; only the
modal file and print dialogs' exec are replaced, so nothing waits for a person)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.codes import display_code
from kiosk.services.stationdb import IssuedCode, StationDb
from kiosk.ui.codes_print import LIST_ROWS, SINGLE_USE
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, panel_tab, type_code
from tests.pdfcheck import pdf_pages

WAIT_MS = 30_000  # only stops a hung test; nothing is timed


def open_panel(qtbot: QtBot, window: StationWindow) -> None:
    chord(window)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=WAIT_MS)
    panel_tab(window, "Access codes")


def retype(widget: QWidget, text: str) -> None:
    """Replace a field's text with real key presses."""
    click(widget)
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    QTest.keyClicks(widget, text)


def issue_in_panel(
    qtbot: QtBot, window: StationWindow, count: int, name: str = "", email: str = ""
) -> list[IssuedCode]:
    """Type the count (and optional person), click Issue codes, wait for the list; return the codes stored."""
    panel = window.panel
    retype(panel.count_spin, str(count))
    if name:
        retype(panel.name_input, name)
        retype(panel.email_input, email)
    click(panel.issue_button)
    qtbot.waitUntil(lambda: panel.pdf_button.isEnabled(), timeout=WAIT_MS)
    with Store.in_dir(window.data_dir) as store:
        stored = StationDb(store).codes()
    assert all(row.code is None for row in stored)  # only hashes are stored: the sheet is where codes are in clear
    sheet = max((window.data_dir / "codes").glob("codes-*.html"))  # the list just saved (names sort by time)
    printed = dict(re.findall(r'<div class="code">(\w{4}-\w{4}-\w{3})</div>\n<div>Participant <b>([^<]+)</b>',
                              sheet.read_text(encoding="utf-8")))
    by_participant = {participant: code.replace("-", "") for code, participant in printed.items()}
    return [replace(row, code=by_participant[row.participant]) for row in stored if row.participant in by_participant]


def wait_output(qtbot: QtBot, window: StationWindow) -> None:
    qtbot.waitUntil(lambda: window.panel.last_output is not None or "Could not" in window.panel.status.text(),
                    timeout=WAIT_MS)


def test_save_pdf_writes_every_issued_code_on_full_pages(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_station()
    open_panel(qtbot, window)
    panel = window.panel
    assert not panel.pdf_button.isEnabled() and not panel.print_button.isEnabled()  # nothing issued yet
    count = LIST_ROWS + 1
    codes = issue_in_panel(qtbot, window, count)
    assert len(codes) == count
    asked: list[str] = []
    target = tmp_path / "out" / "list"  # no suffix: the panel adds .pdf

    def choose(parent: QWidget, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    click(panel.pdf_button)
    wait_output(qtbot, window)
    assert asked and Path(asked[0]).parent == data_dir / "exports" and (data_dir / "exports").is_dir()
    output = panel.last_output
    assert output is not None, panel.status.text()
    pdf = target.with_suffix(".pdf")
    assert output.target == str(pdf) and output.pages == 2 and pdf_pages(pdf) == 2
    assert pdf.stat().st_mode & 0o777 == 0o600
    for code in codes:
        assert display_code(code.code) in output.text and code.participant in output.text
    shown = [line for line in output.text.splitlines() if re.fullmatch(r"P-[0-9a-f]{8}", line)]
    assert sorted(shown) == sorted(c.participant for c in codes)  # each once: no row lost or repeated
    assert output.text.count(SINGLE_USE) == 2  # heads each page
    assert f"Saved 2 pages to {pdf}" in panel.status.text()


def test_slips_carry_no_personal_data_even_when_the_proctor_entered_some(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_station()
    open_panel(qtbot, window)
    (code,) = issue_in_panel(qtbot, window, 1, name="Ada Lovelace", email="ada@example.org")
    with Store.in_dir(data_dir) as store:
        stored = store.conn.execute("SELECT name, email FROM people WHERE participant = ?",
                                    (code.participant,)).fetchone()
    assert stored == ("Ada Lovelace", "ada@example.org")  # kept on the station, apart from the sheet
    click(window.panel.slips_check)
    assert window.panel.slips_check.isChecked()
    pdf = tmp_path / "slip.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(pdf), ""))
    click(window.panel.pdf_button)
    wait_output(qtbot, window)
    output = window.panel.last_output
    assert output is not None and output.pages == 1 and pdf_pages(pdf) == 1
    assert display_code(code.code) in output.text and code.participant in output.text
    for personal in ("Ada", "Lovelace", "ada@example.org"):
        assert personal not in output.text
        assert personal.encode() not in pdf.read_bytes()


def test_print_goes_through_the_print_dialog_to_the_chosen_printer(
    qtbot: QtBot, make_station: MakeStation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_station()
    open_panel(qtbot, window)
    codes = issue_in_panel(qtbot, window, 3)
    printed = tmp_path / "printed.pdf"
    titles: list[str] = []

    def accept(dialog: QPrintDialog) -> int:
        titles.append(dialog.windowTitle())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # what "Print to file" sets
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    click(window.panel.print_button)
    wait_output(qtbot, window)
    assert titles == ["Print the access codes"]
    output = window.panel.last_output
    assert output is not None and output.target == str(printed) and pdf_pages(printed) == 1
    assert all(display_code(c.code) in output.text for c in codes)


def test_cancelled_print_and_unwritable_pdf_path_say_so(
    qtbot: QtBot, make_station: MakeStation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_station()
    open_panel(qtbot, window)
    issue_in_panel(qtbot, window, 2)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    click(window.panel.print_button)
    assert window.panel.status.text() == "Printing cancelled." and window.panel.last_output is None
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(blocker / "codes.pdf"), ""))
    click(window.panel.pdf_button)
    wait_output(qtbot, window)
    assert window.panel.last_output is None
    assert window.panel.status.text() == (
        f"Could not save the PDF: cannot write the PDF to {blocker / 'codes.pdf'}: {blocker} is a file, not a folder")
    assert blocker.read_text() == "not a folder"


def test_kiosk_guard_leaves_the_print_dialog_in_front(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In kiosk mode the station takes the focus back from other windows, but not from its own print dialog."""
    window = make_station(kiosk=True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    type_code(qtbot, window, issue(data_dir)[0])  # a candidate session is open behind the panel
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=WAIT_MS)
    open_panel(qtbot, window)
    issue_in_panel(qtbot, window, 1)
    lost: list[bool] = []
    window.guard.focus_lost.connect(lambda cause: lost.append(True))
    seen: list[bool] = []

    def show_then_accept(dialog: QPrintDialog) -> int:
        dialog.setModal(True)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
        seen.append(window.isActiveWindow())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "kiosk.pdf"))
        dialog.hide()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", show_then_accept)
    click(window.panel.print_button)
    wait_output(qtbot, window)
    assert seen == [False]  # the dialog really had the focus
    assert lost == [] and not window.keeper.retry.isActive()
    assert window.panel.last_output is not None and pdf_pages(tmp_path / "kiosk.pdf") == 1
