"""The recruiter view, driven with real keys: its own PIN (chosen, checked, wrong), search, open a report,
shortlist, compare, and the refusal while a candidate session is open on the station."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.pin import verify_pin
from kiosk.services.privacy import audit_rows
from kiosk.services.stationdb import StationDb
from kiosk.ui.recruiter.launch import BUSY
from kiosk.ui.recruiter.pin_store import HASH_KEY
from kiosk.ui.recruiter.window import RecruiterWindow
from kiosk.ui.station import StationWindow
from tests.datasets.conftest import add_full_sessions
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, prepare, type_code

RECRUITER_PIN = "97531086"
PEOPLE = ["P-aa11bb22", "P-cc33dd44", "P-ee55ff66"]
NAMED = ("P-cc33dd44", "Dana Whitfield")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A prepared station with three completed, scored sessions of every game; one candidate has a name."""
    data_dir = tmp_path_factory.mktemp("recruiter") / "station"
    prepare(data_dir)
    add_full_sessions(data_dir, PEOPLE)
    with Store.in_dir(data_dir) as store:
        store.conn.execute("INSERT INTO people (participant, name, email, created_utc) VALUES (?, ?, NULL, ?)",
                           (*NAMED, "2026-12-01T09:00:00+00:00"))
    return data_dir


@pytest.fixture
def station(template: Path, data_dir: Path, make_station: MakeStation) -> StationWindow:
    shutil.copytree(template, data_dir)
    return make_station()


@pytest.fixture
def db_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that read or write the station database from now on (the real methods run)."""
    seen: list[str] = []
    for owner, name in ((Store, "sessions"), (Store, "events"), (Store, "station"), (StationDb, "setting"),
                        (StationDb, "set_setting")):
        real = getattr(owner, name)

        def spy(*args: object, _real: Callable[..., object] = real, **kwargs: object) -> object:
            seen.append(threading.current_thread().name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)
    return seen


def _on_the_worker(seen: list[str]) -> None:
    assert seen and all(name.startswith("hiremate-db") for name in seen), sorted(set(seen))


def _open_panel(qtbot: QtBot, window: StationWindow) -> None:
    chord(window)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)


def _recruiter(qtbot: QtBot, window: StationWindow) -> RecruiterWindow:
    """Press "Recruiter view…" on the panel with the keyboard and wait for the PIN prompt to take input."""
    button = window.panel.recruiter_button
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.proctor.recruiter.window is not None, timeout=5000)
    view = window.proctor.recruiter.window
    assert view is not None
    qtbot.waitUntil(lambda: view.isVisible() and view.pin_page.pin_input.isEnabled(), timeout=5000)
    return view


def _inked(image: QImage) -> float:
    """The share of sampled pixels that are not white."""
    points = [(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    return sum(image.pixelColor(x, y).lightness() < 240 for x, y in points) / len(points)


def _edge(widget: QWidget) -> str:
    """The colour of a widget's left frame, half-way down."""
    image = widget.grab().toImage()
    return str(image.pixelColor(1, image.height() // 2).name())


def _type(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def _choose_pin(qtbot: QtBot, view: RecruiterWindow) -> None:
    assert view.pin_page.setting and view.pin_page.again_input.isVisible()
    _type(view.pin_page.pin_input, RECRUITER_PIN)
    assert QApplication.focusWidget() is view.pin_page.again_input  # Enter moved on to the confirmation
    _type(view.pin_page.again_input, RECRUITER_PIN)
    _listed(qtbot, view)


def _listed(qtbot: QtBot, view: RecruiterWindow) -> None:
    qtbot.waitUntil(lambda: view.page() is view.list_page and len(view.list_page.candidates) == len(PEOPLE),
                    timeout=15_000)


def _unlocked(qtbot: QtBot, window: StationWindow) -> RecruiterWindow:
    _open_panel(qtbot, window)
    view = _recruiter(qtbot, window)
    _choose_pin(qtbot, view)
    return view


def _cell(view: RecruiterWindow, row: int, col: int) -> str:
    item = view.list_page.table.item(row, col)
    return item.text() if item is not None else ""


def _rows(view: RecruiterWindow) -> list[str]:
    return [_cell(view, r, 1) for r in range(view.list_page.table.rowCount())]


def test_first_use_sets_a_recruiter_pin_apart_from_the_proctors(qtbot: QtBot, station: StationWindow,
                                                                 data_dir: Path, db_threads: list[str]) -> None:
    view = _unlocked(qtbot, station)
    _on_the_worker(db_threads)
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        stored = db.setting(HASH_KEY)
        proctor = db.setting("pin_hash")
    assert stored is not None and proctor is not None and stored != proctor
    assert verify_pin(RECRUITER_PIN, stored) and not verify_pin(PIN, stored)
    assert sorted(_rows(view)) == sorted(PEOPLE)
    named = {_cell(view, r, 1): _cell(view, r, 2) for r in range(len(PEOPLE))}
    assert named == {p: (NAMED[1] if p == NAMED[0] else "") for p in PEOPLE}
    QTest.keyClick(view.list_page.search, Qt.Key.Key_Escape)  # Esc closes and locks the view
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5000)
    view = _recruiter(qtbot, station)  # next time: the PIN is asked, not chosen
    assert not view.pin_page.setting and not view.pin_page.again_input.isVisible()
    assert view.list_page.table.rowCount() == 0  # nothing stays shown behind the PIN
    _type(view.pin_page.pin_input, RECRUITER_PIN)
    _listed(qtbot, view)


def test_a_wrong_pin_is_refused_in_one_line_and_the_proctor_pin_does_not_open_it(
        qtbot: QtBot, station: StationWindow) -> None:
    view = _unlocked(qtbot, station)
    QTest.keyClick(view.list_page.search, Qt.Key.Key_Escape)
    view = _recruiter(qtbot, station)
    _type(view.pin_page.pin_input, PIN)  # the proctor's PIN is not the recruiter's
    qtbot.waitUntil(lambda: view.pin_page.error.text() != "", timeout=5000)
    assert view.pin_page.error.text() == "Wrong recruiter PIN: 4 tries left."
    assert view.page() is view.pin_page and view.list_page.table.rowCount() == 0
    qtbot.waitUntil(lambda: view.pin_page.pin_input.isEnabled(), timeout=5000)
    assert view.pin_page.pin_input.text() == ""
    _type(view.pin_page.pin_input, RECRUITER_PIN)
    _listed(qtbot, view)


def test_search_filters_by_pseudonym_name_date_and_battery(qtbot: QtBot, station: StationWindow) -> None:
    view = _unlocked(qtbot, station)
    search = view.list_page.search
    assert QApplication.focusWidget() is search
    QTest.keyClicks(search, "dd44")
    assert _rows(view) == ["P-cc33dd44"]
    search.selectAll()
    QTest.keyClicks(search, "whitfield")  # by the name the station holds
    assert _rows(view) == ["P-cc33dd44"]
    search.selectAll()
    date = view.list_page.candidates[0].date[:10]
    QTest.keyClicks(search, f"{date} default")  # every word must match: date and battery
    assert sorted(_rows(view)) == sorted(PEOPLE)
    search.selectAll()
    QTest.keyClicks(search, "nobody")
    assert _rows(view) == []
    assert view.list_page.status.text() == "0 of 3 completed sessions shown."
    QTest.keyClick(search, Qt.Key.Key_Return)
    assert view.list_page.status.text() == "No session matches: change the search."


def _reads(data_dir: Path) -> list[tuple[str, str | None, str]]:
    """The recruiter view's rows of the station's access record: (action, pseudonym, session id)."""
    with Store.in_dir(data_dir) as store:
        return [(row.action, row.subject, row.detail["session_id"])
                for row in audit_rows(store, action="read.recruiter_view")]


def test_enter_opens_the_report_with_its_charts_saves_its_pdf_and_esc_goes_back(
        qtbot: QtBot, station: StationWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        data_dir: Path) -> None:
    view = _unlocked(qtbot, station)
    search = view.list_page.search
    QTest.keyClicks(search, "P-cc33")
    QTest.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.page() is view.report_page, timeout=30_000)
    text = view.browser.toPlainText()
    assert "P-cc33dd44" in view.report_title.text() + text
    assert NAMED[1] in text  # the recruiter sees the name the station holds
    assert "consent text en-1" in text  # the version of the consent the candidate accepted
    reads = _reads(data_dir)  # recorded before it showed (issue 20: who read what)
    assert [(action, who) for action, who, _ in reads] == [("read.recruiter_view.report", "P-cc33dd44")]
    assert view.browser.charts_shown > 3
    assert "<svg" not in view.browser.toHtml()  # charts arrive as images QTextBrowser can show
    chart = view.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("chart-0.png"))
    assert isinstance(chart, QImage) and chart.width() > 600 and chart.height() > 300
    assert 0.02 < _inked(chart) < 0.8  # the trait chart was drawn, neither left white nor blotted out
    assert QApplication.focusWidget() is view.browser
    assert _edge(view.browser) == "#0b0c0c"  # the focused report wears the dark focus frame
    QTest.keyClick(view.browser, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.back_button
    assert _edge(view.browser) != "#0b0c0c"
    QTest.keyClick(view.back_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.pdf_button
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "dana"), ""))
    QTest.keyClick(view.pdf_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.report_status.text().startswith("Saved"), timeout=30_000)
    pdf = tmp_path / "dana.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_mode & 0o077 == 0
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())  # words, whatever the lines they wrapped on
    assert "P-cc33dd44" in text and NAMED[1] in text
    assert [action for action, _, _ in _reads(data_dir)] == ["read.recruiter_view.report", "read.recruiter_view.pdf"]
    QTest.keyClick(view.pdf_button, Qt.Key.Key_Escape)
    assert view.page() is view.list_page and QApplication.focusWidget() is view.list_page.table


def test_shortlist_with_s_and_compare_three_for_a_role(qtbot: QtBot, station: StationWindow,
                                                       db_threads: list[str], data_dir: Path) -> None:
    view = _unlocked(qtbot, station)
    page = view.list_page
    QTest.keyClick(page.search, Qt.Key.Key_Tab)
    table = page.table
    assert QApplication.focusWidget() is table
    assert not page.compare_button.isEnabled()
    for row in range(3):
        table.selectRow(row) if row == 0 else QTest.keyClick(table, Qt.Key.Key_Down)
        QTest.keyClick(table, Qt.Key.Key_S)
    assert len(page.shortlist) == 3 and page.shortlist_label.text().startswith("Shortlist (3 of 4)")
    QTest.keyClick(table, Qt.Key.Key_S)  # S again takes the selected one off
    assert len(page.shortlist) == 2 and _cell(view, 2, 0) == ""
    QTest.keyClick(table, Qt.Key.Key_S)
    assert page.compare_button.isEnabled()
    page.role_combo.setFocus()
    QTest.keyClick(page.role_combo, Qt.Key.Key_Down)  # the first shipped role
    role = page.role_combo.currentText()
    assert role != "no role"
    page.compare_button.setFocus()
    QTest.keyClick(page.compare_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.page() is view.report_page, timeout=30_000)
    text = view.browser.toPlainText()
    assert all(p in text for p in PEOPLE)
    assert "Role fit" in text
    assert view.browser.charts_shown >= 1
    reads = _reads(data_dir)
    assert {action for action, _, _ in reads} == {"read.recruiter_view.comparison"}
    assert len(reads) == 3 and {who for _, who, _ in reads} <= set(PEOPLE)  # one row per compared candidate
    _on_the_worker(db_threads)  # the PIN, the list and the comparison were all read on the DB worker


def test_refused_while_a_candidate_session_is_open(qtbot: QtBot, station: StationWindow, data_dir: Path) -> None:
    code = issue(data_dir)[0]
    type_code(qtbot, station, code)
    qtbot.waitUntil(lambda: station.candidate.active, timeout=10_000)
    _open_panel(qtbot, station)
    click(station.panel.recruiter_button)
    qtbot.waitUntil(lambda: station.panel.status.text() == BUSY, timeout=5000)
    assert station.proctor.recruiter.window is None


def test_five_wrong_pins_lock_the_recruiter_prompt_not_the_proctors(qtbot: QtBot, station: StationWindow) -> None:
    view = _unlocked(qtbot, station)
    QTest.keyClick(view.list_page.search, Qt.Key.Key_Escape)
    view = _recruiter(qtbot, station)
    for attempt in range(5):
        qtbot.waitUntil(lambda: view.pin_page.pin_input.isEnabled(), timeout=5000)
        _type(view.pin_page.pin_input, f"00000{attempt}")
        qtbot.waitUntil(lambda: view.pin_page.error.text() != "", timeout=5000)
    assert view.pin_page.error.text() == "Too many wrong PINs: try again in 30 s."
    qtbot.waitUntil(lambda: view.pin_page.pin_input.isEnabled(), timeout=5000)
    _type(view.pin_page.pin_input, RECRUITER_PIN)  # even the right PIN waits out the lock
    qtbot.waitUntil(lambda: view.pin_page.error.text().startswith("Too many wrong PINs"), timeout=5000)
    assert view.page() is view.pin_page
    QTest.keyClick(view.pin_page.pin_input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5000)
    click(station.panel.back_button)  # the proctor's own prompt is not locked by the recruiter's
    qtbot.waitUntil(lambda: station.stack.currentWidget() is not station.panel, timeout=5000)
    _open_panel(qtbot, station)


def test_tab_reaches_every_control_of_the_list_with_its_focus_shown(qtbot: QtBot, station: StationWindow) -> None:
    view = _unlocked(qtbot, station)
    page = view.list_page
    page.table.setFocus()
    for _ in range(2):  # two candidates on the shortlist: Compare takes the focus too
        QTest.keyClick(page.table, Qt.Key.Key_S)
        QTest.keyClick(page.table, Qt.Key.Key_Down)
    page.search.setFocus()
    reached = []
    for _ in range(7):
        widget = QApplication.focusWidget()
        assert widget is not None
        reached.append(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    assert reached == [page.search, page.table, page.open_button, page.shortlist_button, page.role_combo,
                       page.compare_button, page.close_button]
    assert QApplication.focusWidget() is page.search  # and round again
    page.open_button.setFocus()
    unfocused = page.shortlist_button.grab().toImage()
    focused = page.open_button.grab().toImage()
    assert focused.pixelColor(focused.width() // 2, 3) != unfocused.pixelColor(unfocused.width() // 2, 3)


def test_esc_works_in_the_recruiter_window_of_a_kiosk_station(qtbot: QtBot, template: Path, data_dir: Path,
                                                              make_station: MakeStation) -> None:
    shutil.copytree(template, data_dir)
    kiosk = make_station(kiosk=True)
    QTest.keyClick(kiosk.panel, Qt.Key.Key_Escape)  # the station itself still refuses Esc
    view = _unlocked(qtbot, kiosk)
    QTest.keyClicks(view.list_page.search, "P-aa")
    QTest.keyClick(view.list_page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.page() is view.report_page, timeout=30_000)
    QTest.keyClick(view.browser, Qt.Key.Key_Escape)  # the hints promise Esc: back to the list, then close
    assert view.page() is view.list_page
    QTest.keyClick(view.list_page.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5000)
    assert not kiosk.guard.escape_allowed()  # closed: the kiosk refuses Esc again
