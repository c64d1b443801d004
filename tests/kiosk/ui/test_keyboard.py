"""Keyboard alone: every station page is walked with Tab and Enter (the games with their own keys), each page's
first focus is where a person starts, every key a page's hint names has an effect there, focus rings show,
and "Call the proctor" is on every candidate page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.ui import station
from kiosk.ui.screens import style
from kiosk.ui.station import StationWindow
from tests.keyhints import keys_named
from tests.kiosk.conftest import PIN, MakeStation, chord, issue, type_code, wait_page

BATTERY = """
[battery]
title = "Keyboard walk"
minutes = 1
practice = true

[[games]]
game = "bart"
params = { balloons = 1, feedback_ms = 50 }
practice_params = { balloons = 1, feedback_ms = 50 }

[[games]]
game = "decision"
practice = false
params = { scenarios = ["dc_two_offers"], reasoning_debounce_ms = 50 }
"""


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A real key press and release on whatever has the focus."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifiers)


def tab_to(widget: QWidget, limit: int = 40) -> int:
    """Press Tab until `widget` has the focus; how many presses it took."""
    for count in range(1, limit + 1):
        press(Qt.Key.Key_Tab)
        if widget.hasFocus():
            return count
    raise AssertionError(f"Tab never reached {widget.objectName() or widget}")


def start(qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path) -> StationWindow:
    battery = tmp_path / "walk.toml"
    battery.write_text(BATTERY, encoding="utf-8")
    window = make_station()
    window.activateWindow()
    type_code(qtbot, window, issue(data_dir, battery=str(battery))[0])
    wait_page(qtbot, window, window.screens.consent)
    return window


def test_a_candidate_and_a_proctor_walk_every_page_with_the_keyboard_alone(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    s = window.screens
    assert s.consent.text.hasFocus()  # first focus: the text, so agreeing takes a deliberate step
    tab_to(s.consent.agree_button)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.instructions)
    assert s.instructions.text.hasFocus()
    tab_to(s.instructions.practice_button)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.candidate.game is not None and window.candidate.game.phase == "inflating",
                    timeout=5000)
    assert window.candidate.view is not None and window.candidate.view.hasFocus()
    press(Qt.Key.Key_Space)  # the balloon game's own keys
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.practice_over, timeout=10_000)
    tab_to(s.practice_over.begin_button)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.candidate.game is not None and window.candidate.game.phase == "inflating",
                    timeout=5000)
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.instructions, timeout=10_000)
    assert s.instructions.key_hint.text() == "Tab moves to Start the game; Enter or Space chooses."
    tab_to(s.instructions.begin_button)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.candidate.game is not None and window.candidate.game.phase == "in_task",
                    timeout=5000)
    press(Qt.Key.Key_2)  # the decision game: a number picks, Ctrl+Enter continues
    with qtbot.waitSignal(window.session_did_close, timeout=10_000):
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_page(qtbot, window, s.complete)
    qtbot.waitUntil(s.complete.done_button.hasFocus, timeout=5000)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.code)
    assert s.code.code_input.hasFocus()

    chord(window)  # the proctor: PIN, panel, and back, by keyboard
    wait_page(qtbot, window, s.pin)
    assert s.pin.pin_input.hasFocus()
    QTest.keyClicks(s.pin.pin_input, PIN)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, window.panel)
    assert window.panel.table.hasFocus()
    tab_to(window.panel.back_button)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.code)
    assert s.code.code_input.hasFocus()  # back from the panel, the code field has the focus again


def test_every_key_a_station_page_names_has_an_effect_there(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    s = window.screens
    assert keys_named(s.code.key_hint.text()) == {"Enter"}  # proven by type_code: Enter submitted the code

    consent = s.consent
    assert keys_named(consent.key_hint.text()) == {"Tab", "Enter", "Space"}
    press(Qt.Key.Key_Tab)
    assert consent.decline_button.hasFocus()  # Tab: the focus moved from the text to the buttons
    press(Qt.Key.Key_Return)
    assert consent.asking  # Enter chose "I do not agree" (which asks once more)
    assert consent.back_button.hasFocus()
    press(Qt.Key.Key_Space)
    assert not consent.asking  # Space chose "Back to the text"
    tab_to(consent.agree_button)
    press(Qt.Key.Key_Space)
    wait_page(qtbot, window, s.instructions)

    instructions = s.instructions
    assert keys_named(instructions.key_hint.text()) == {"Tab", "Enter", "Space"}
    tab_to(instructions.practice_button)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is s.game, timeout=5000)
    qtbot.waitUntil(lambda: window.candidate.game is not None and window.candidate.game.phase == "inflating",
                    timeout=5000)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.practice_over, timeout=10_000)

    over = s.practice_over
    assert keys_named(over.key_hint.text()) == {"Tab", "Enter", "Space"}
    press(Qt.Key.Key_Tab)
    assert over.reread_button.hasFocus()
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.instructions)
    press(Qt.Key.Key_Tab)
    assert instructions.begin_button.hasFocus()

    chord(window)
    pin = s.pin
    wait_page(qtbot, window, pin)
    assert keys_named(pin.key_hint.text()) == {"Enter", "Escape"}
    press(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is s.instructions  # Escape went back
    chord(window)
    wait_page(qtbot, window, pin)
    QTest.keyClicks(pin.pin_input, PIN)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, window.panel)  # Enter confirmed
    for label in s.pause.findChildren(type(s.pause.reason)):
        assert keys_named(label.text()) == set(), label.text()  # the pause page names no key


def test_the_first_run_pin_names_no_escape_because_it_cannot_be_left(
    qtbot: QtBot, make_station: MakeStation
) -> None:
    window = make_station(pin=None)
    pin = window.screens.pin
    wait_page(qtbot, window, pin)
    assert keys_named(pin.key_hint.text()) == {"Enter"}
    press(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is pin


def test_the_end_page_names_enter_and_enter_leaves_it(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    s = window.screens
    tab_to(s.consent.decline_button)
    press(Qt.Key.Key_Return)
    tab_to(s.consent.confirm_button)
    with qtbot.waitSignal(window.session_did_close, timeout=10_000):
        press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.declined)
    hints = [label.text() for label in s.declined.findChildren(type(s.declined.status)) if "Enter" in label.text()]
    assert hints and all(keys_named(text) == {"Enter"} for text in hints)
    qtbot.waitUntil(s.declined.done_button.hasFocus, timeout=5000)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.code)


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _edge(image: QImage) -> QColor:
    return image.pixelColor(1, image.height() // 2)  # inside the 4 px ring, left edge, half-way down


def test_focus_rings_are_thick_and_contrast_with_the_page(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    consent = window.screens.consent
    page = QColor("#f4f6f8")
    for widget in (consent.agree_button, consent.decline_button, consent.text):
        consent.text.setFocus() if widget is not consent.text else consent.agree_button.setFocus()
        before = widget.grab().toImage()
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus, timeout=2000)
        after = widget.grab().toImage()
        ring = _edge(after)
        assert ring.name() == QColor(style.FOCUS_RING).name(), (widget.objectName(), ring.name())
        assert _contrast(ring, page) >= 3.0  # WCAG 2.2 non-text contrast for focus indicators
        assert _contrast(ring, _edge(before)) >= 3.0  # and it differs clearly from the unfocused look


def test_call_the_proctor_is_on_every_candidate_page_and_never_pauses_a_game(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    window = start(qtbot, make_station, data_dir, tmp_path)
    s = window.screens
    call = window.call_button
    assert call.isVisible()
    tab_to(call)  # keyboard: Tab reaches it
    press(Qt.Key.Key_Space)
    assert window.call_note.text() == station.PROCTOR_CALLED and window.stack.currentWidget() is s.consent
    tab_to(s.consent.agree_button)
    press(Qt.Key.Key_Return)
    wait_page(qtbot, window, s.instructions)
    assert call.isVisible() and window.call_note.text() == ""
    tab_to(s.instructions.begin_button)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.candidate.game is not None and window.candidate.game.phase == "inflating",
                    timeout=5000)
    game = window.candidate.game
    assert call.isVisible()
    QTest.mouseClick(call, Qt.MouseButton.LeftButton)  # during the game, by mouse
    assert window.call_note.text() == station.PROCTOR_CALLED
    assert game is not None and not game.suspended and window.candidate.view is not None
    assert window.candidate.view.hasFocus()  # the click did not take the keys from the game
    press(Qt.Key.Key_Space)  # and the game goes on
    chord(window)
    wait_page(qtbot, window, s.pin)
    assert not call.isVisible()  # not on the proctor's pages
    window.log.flush(timeout=10)
    with Store.in_dir(data_dir) as store:
        events = store.events(window.candidate.session_id)
    called = [e.payload["screen"] for e in events if e.kind == "station.proctor_called"]
    assert called == ["consent", "game"]
    kinds = [e.kind for e in events]
    assert kinds.index("bart.pump") > max(i for i, k in enumerate(kinds) if k == "station.proctor_called")
