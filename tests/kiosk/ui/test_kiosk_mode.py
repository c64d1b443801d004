"""Kiosk lockdown and the proctor PIN, through real key and mouse events on the station window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.pin import LOCK_AFTER
from kiosk.services.stationdb import StationDb
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin


def test_kiosk_window_is_frameless_on_top_and_refuses_close_and_escape(
    qtbot: QtBot, make_station: MakeStation
) -> None:
    window = make_station(kiosk=True)
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.close() is False  # a window-manager close request (Alt+F4 arrives as one) is refused
    assert window.isVisible()
    QTest.keyClick(window.screens.code.code_input, Qt.Key.Key_Escape)
    QTest.keyClick(window.screens.code.code_input, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.isVisible()
    assert window.stack.currentWidget() is window.screens.code
    chord(window)
    assert window.stack.currentWidget() is window.screens.pin
    QTest.keyClick(window.screens.pin.pin_input, Qt.Key.Key_Escape)  # Escape only leaves the prompt
    assert window.stack.currentWidget() is window.screens.code and window.isVisible()


def test_leaving_the_kiosk_needs_the_pin_again(qtbot: QtBot, make_station: MakeStation) -> None:
    window = make_station(kiosk=True)
    pin = window.screens.pin
    chord(window)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)
    click(window.panel.exit_button)  # does not quit at once: the PIN again
    assert window.isVisible() and window.stack.currentWidget() is pin and pin.purpose == "exit"
    assert pin.heading.text() == "Close the station" and pin.pin_input.hasFocus()
    QTest.keyClick(pin.pin_input, Qt.Key.Key_Escape)  # Escape goes back to the panel
    assert window.stack.currentWidget() is window.panel and window.isVisible()
    click(window.panel.exit_button)
    enter_pin(qtbot, window, "1357")
    qtbot.waitUntil(lambda: pin.error.isVisible(), timeout=5000)
    assert window.isVisible() and "Wrong PIN" in pin.error.text()
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_first_run_asks_for_a_pin_and_stores_only_a_scrypt_hash(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station(pin=None)
    pin_screen = window.screens.pin
    assert window.stack.currentWidget() is pin_screen and pin_screen.again_input.isVisible()
    assert not pin_screen.cancel_button.isVisible()
    QTest.keyClicks(pin_screen.pin_input, "97531")
    QTest.keyClicks(pin_screen.again_input, "97531")
    QTest.keyClick(pin_screen.again_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pin_screen.error.isVisible(), timeout=5000)
    assert pin_screen.error.text() == "the PIN must be 6 to 12 digits"  # five digits are no longer enough
    QTest.keyClicks(pin_screen.pin_input, "975313")
    QTest.keyClicks(pin_screen.again_input, "975310")
    QTest.keyClick(pin_screen.again_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "differ" in pin_screen.error.text(), timeout=5000)
    QTest.keyClicks(pin_screen.pin_input, "975313")
    QTest.keyClicks(pin_screen.again_input, "975313")
    QTest.keyClick(pin_screen.again_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=10_000)
    with Store.in_dir(data_dir) as store:
        stored = StationDb(store).setting("pin_hash")
        raw = store.path.read_bytes()
    assert stored is not None and stored.startswith("scrypt$65536$8$1$") and "975313" not in stored
    assert b"975313" not in raw


def test_wrong_pins_lock_the_prompt_and_the_lock_survives_a_restart(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station(kiosk=True)
    chord(window)
    pin_screen = window.screens.pin
    for attempt in range(1, LOCK_AFTER):
        enter_pin(qtbot, window, "0000")
        qtbot.waitUntil(lambda: pin_screen.error.isVisible() and pin_screen.pin_input.isEnabled(), timeout=5000)
        left = LOCK_AFTER - attempt
        assert f"{left} {'try' if left == 1 else 'tries'} left" in pin_screen.error.text()
    enter_pin(qtbot, window, "0000")
    qtbot.waitUntil(lambda: pin_screen.locked, timeout=5000)
    assert "locked" in pin_screen.error.text() and not pin_screen.pin_input.isEnabled()
    with Store.in_dir(data_dir) as store:
        lock = StationDb(store).lockout()
    assert lock.level == 1 and lock.locked_until_ns > 0
    window.exit_allowed = True
    window.close()
    again = make_station(kiosk=True)  # a restart: the right PIN is still refused while locked
    chord(again)
    pin_again = again.screens.pin
    qtbot.waitUntil(lambda: pin_again.pin_input.isEnabled(), timeout=5000)
    QTest.keyClicks(pin_again.pin_input, PIN)
    QTest.keyClick(pin_again.pin_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pin_again.locked, timeout=5000)
    assert again.stack.currentWidget() is pin_again
