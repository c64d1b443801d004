"""Scalable type and high contrast at the station: every page fits a 1024x768 window at 200 % in high contrast
(the proctor panel too: tests/kiosk/ui/test_panel_scale.py walks it in every language), Ctrl+plus / Ctrl+minus /
Ctrl+0 scale the type and never reach a game as a response (logged as the station's key where the game logs its
keys), and the proctor's setting is saved and used."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.exceptions import TimeoutError as QtTimeoutError
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.stationdb import StationDb
from kiosk.services.texts import consent_text, instructions
from kiosk.ui.appearance import Appearance, current, parse_appearance
from kiosk.ui.station import StationWindow
from kiosk.ui.station_frame import apply_appearance
from tests.kiosk.conftest import MakeStation, chord, wait_page
from tests.kiosk.ui.layout_check import misfits
from tests.kiosk.ui.test_keyboard import start, tab_to

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def standard_afterwards() -> Iterator[None]:
    """The appearance is the process's: every test leaves the standard one behind."""
    yield
    for window in QApplication.topLevelWidgets():
        if isinstance(window, StationWindow):
            apply_appearance(window, 1.0, False)


def fits(qtbot: QtBot, window: StationWindow, what: str) -> None:
    with contextlib.suppress(QtTimeoutError):  # layouts settle over event-loop turns
        qtbot.waitUntil(lambda: misfits(window) == [], timeout=3000)
    assert (window.width(), window.height()) == (1024, 768), f"{what}: the window grew to fit"
    assert misfits(window) == [], what


def test_every_page_fits_1024x768_at_200_percent_in_high_contrast(qtbot: QtBot, make_station: MakeStation) -> None:
    window = make_station()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1024, 768), timeout=5000)
    window.appearance.default = Appearance(2.0, True)  # as the proctor's setting (the welcome screen goes back to it)
    apply_appearance(window, 2.0, True)
    s = window.screens
    s.consent.show_text(consent_text())
    s.instructions.show_game("Balloon game", instructions("bart"), "Game 1 of 3", True, False)
    s.practice_over.show_game("Balloon game")
    s.pause.show_reason("No input for 300 seconds.")
    s.code.show_error("That code is not valid. Check it and type it again.")
    s.code.show_notice("Proctor: 2 interrupted sessions can be resumed from the proctor panel.")
    for name in ("code", "consent", "instructions", "practice_over", "complete", "declined", "stopped", "pin",
                 "pause", "storage"):
        window.stack.setCurrentWidget(getattr(s, name))
        fits(qtbot, window, name)
    for index in range(window.panel.tabs.count()):
        window.stack.setCurrentWidget(window.panel)
        window.panel.tabs.setCurrentIndex(index)
        fits(qtbot, window, f"panel, tab {window.panel.tabs.tabText(index)}")
    # the type really is twice as large (headings half as much again), and the page really is white on black
    body = next(label for label in s.code.findChildren(QLabel) if label.text().startswith("Please type"))
    assert body.font().pointSize() == 44 and s.code.start_button.font().pointSize() == 40
    assert s.code.key_hint.font().pointSize() == 32
    heading = next(label for label in s.consent.findChildren(QLabel) if label.property("role") == "title")
    assert heading.font().pointSize() == 51
    window.stack.setCurrentWidget(s.code)
    page, text = window.grab().toImage(), body.grab().toImage()
    assert page.pixelColor(3, 3).name() == "#000000"
    colours = {text.pixelColor(x, y).name() for x in range(0, text.width(), 2) for y in range(0, text.height(), 2)}
    assert "#ffffff" in colours


def test_a_page_that_scrolls_shows_the_control_tab_reaches(qtbot: QtBot, make_station: MakeStation, data_dir: Path,
                                                           tmp_path: Path) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    window.resize(1024, 768)
    apply_appearance(window, 2.0, True)
    consent = window.screens.consent
    for button in (consent.agree_button, consent.text, consent.decline_button):
        tab_to(button)
        qtbot.waitUntil(lambda b=button: b.visibleRegion().boundingRect().size() == b.size(), timeout=3000)


def test_ctrl_plus_minus_and_0_scale_the_type_and_never_reach_a_game(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    consent = window.screens.consent
    size = consent.agree_button.font().pointSize()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus, CTRL)
    assert current() == Appearance(1.25) and consent.agree_button.font().pointSize() == 25 and size == 20
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Equal, CTRL)  # the + key's own key, unshifted
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Minus, CTRL)
    assert current() == Appearance(1.25)
    for _ in range(6):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus, CTRL)
    assert current() == Appearance(2.0)  # never beyond 200 %
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_0, CTRL)
    assert current() == Appearance(1.0) and consent.agree_button.font().pointSize() == 20
    assert window.stack.currentWidget() is consent  # nothing else happened on the page
    tab_to(consent.agree_button)
    QTest.keyClick(consent.agree_button, Qt.Key.Key_Return)
    wait_page(qtbot, window, window.screens.instructions)
    tab_to(window.screens.instructions.begin_button)
    QTest.keyClick(window.screens.instructions.begin_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.candidate.game is not None and window.candidate.game.phase == "inflating",
                    timeout=5000)
    view = window.candidate.view
    assert view is not None and view.hasFocus()
    QTest.keyClick(view, Qt.Key.Key_Plus, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Equal, CTRL)
    assert current() == Appearance(1.5) and view.hasFocus()
    chord(window)
    window.log.flush(timeout=10)
    with Store.in_dir(data_dir) as store:
        events = store.events(window.candidate.session_id)
    modifiers = ("Control", "Shift", "Alt")  # pressed alone (and in the proctor's chord): not_a_game_key
    ignored = [(e.payload["key"], e.payload["reason"]) for e in events
               if e.kind == "game.input_ignored" and e.payload["key"] not in modifiers]
    assert ignored == [("Ctrl+Plus", "station_key"), ("Ctrl+Equal", "station_key")]
    assert not any(e.kind == "bart.pump" for e in events)  # the game counted nothing (Space would pump)
    changes = [(e.payload["scale"], e.payload["source"]) for e in events if e.kind == "station.appearance"]
    assert changes == [(1.25, "keys"), (1.5, "keys"), (1.25, "keys"), (1.5, "keys"), (1.75, "keys"), (2.0, "keys"),
                       (1.0, "keys"), (1.25, "keys"), (1.5, "keys")]


def test_the_next_candidate_starts_at_the_stations_default(qtbot: QtBot, make_station: MakeStation, data_dir: Path,
                                                           tmp_path: Path) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    s = window.screens
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus, CTRL)
    assert current() == Appearance(1.25)
    tab_to(s.consent.decline_button)
    QTest.keyClick(s.consent.decline_button, Qt.Key.Key_Return)
    tab_to(s.consent.confirm_button)
    QTest.keyClick(s.consent.confirm_button, Qt.Key.Key_Return)
    wait_page(qtbot, window, s.declined)
    assert current() == Appearance(1.25)  # the candidate reads "Thank you" at their own size
    qtbot.waitUntil(s.declined.done_button.isEnabled, timeout=5000)
    s.declined.done_button.setFocus()
    QTest.keyClick(s.declined.done_button, Qt.Key.Key_Return)
    wait_page(qtbot, window, s.code)
    assert current() == Appearance(1.0)


def test_the_proctors_setting_is_saved_and_shown_at_the_next_start(qtbot: QtBot, make_station: MakeStation,
                                                                   data_dir: Path) -> None:
    window = make_station()
    window.stack.setCurrentWidget(window.panel)
    window.panel.tabs.setCurrentIndex(window.panel.tabs.count() - 1)  # Station details
    box = window.panel.appearance_box
    assert box.chosen() == Appearance(1.0, False)
    box.scale_combo.setCurrentIndex(box.scale_combo.findText("175 %"))
    box.contrast_check.setChecked(True)
    QTest.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current() == Appearance(1.75, True), timeout=5000)
    assert "saved" in window.panel.status.text()
    assert window.panel.back_button.font().pointSize() == 23  # the panel in front: now (13 pt at 100 %)
    assert window.screens.code.start_button.font().pointSize() == 20  # a hidden page: when it comes to the front
    window.stack.setCurrentWidget(window.screens.code)
    assert window.screens.code.start_button.font().pointSize() == 35
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).setting("appearance") == "scale=1.75;contrast=high"
    window.exit_allowed = True
    window.close()
    apply_appearance(window, 1.0, False)
    again = make_station()
    qtbot.waitUntil(lambda: current() == Appearance(1.75, True), timeout=5000)
    assert again.panel.appearance_box.chosen() == Appearance(1.75, True)


def test_a_bad_scale_or_setting_is_refused_with_a_clear_line() -> None:
    with pytest.raises(ValueError, match=r"type scale 2.5 is outside 1-2 \(100 %-200 %\)"):
        Appearance(2.5)
    with pytest.raises(ValueError, match="contrast must be standard or high"):
        parse_appearance("scale=1.5;contrast=loud")
    with pytest.raises(ValueError, match="scale is not a number"):
        parse_appearance("scale=big")
    assert parse_appearance(None) == Appearance() and parse_appearance(Appearance(1.5, True).setting()) == \
        Appearance(1.5, True)
