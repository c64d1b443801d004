"""Station test fixtures: a real station window on a tmp data dir, torn down with no timer or thread left."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from eventlog import EventLog, Store
from kiosk.services.pin import hash_pin, validate_new_pin
from kiosk.services.station_log import open_station_log, prepare_station
from kiosk.services.stationdb import StationDb
from kiosk.ui.station import StationWindow
from tests.sync.conftest import receiver_factory  # noqa: F401  (a real receiver on loopback, shared with tests/sync)

PIN = "246813"
FAST = "test_fast"

MakeStation = Callable[..., StationWindow]


@functools.cache
def _pin_hash(pin: str) -> str:
    """A real scrypt hash of the PIN at today's cost, made once per test run (half a second each)."""
    return hash_pin(pin)


def prepare(data_dir: Path, pin: str | None = PIN) -> None:
    """A station as `hiremate init` leaves it (database, station row, key pair recorded) and (unless None) the
    proctor PIN already chosen."""
    prepare_station(data_dir)
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        if pin is not None and not db.pin_is_set():
            validate_new_pin(pin, pin)
            db.set_setting("pin_hash", _pin_hash(pin))


def issue(data_dir: Path, battery: str = FAST, hours: float = 1.0, count: int = 1) -> list[str]:
    """Issue codes straight into the database (what `hiremate codes issue` does)."""
    with Store.in_dir(data_dir) as store:
        codes = StationDb(store).issue_codes(count, battery, datetime.now(UTC) + timedelta(hours=hours))
    return [c.code for c in codes]


def _running_timers(widget: QWidget) -> list[str]:
    return [f"{t.parent().__class__.__name__}.{t.objectName() or 'timer'}"
            for t in widget.findChildren(QTimer) if t.isActive()]


@pytest.fixture
def make_station(qtbot: QtBot, data_dir: Path) -> Iterator[MakeStation]:
    """make_station(kiosk=False, **options): a shown StationWindow on data_dir, ready (start-up op done);
    with ready=False it is returned as soon as it is shown (for start-ups that fail)."""
    made: list[tuple[StationWindow, EventLog]] = []
    threads_before = {t.ident for t in threading.enumerate()}

    def make(kiosk: bool = False, pin: str | None = PIN, ready: bool = True, **options: object) -> StationWindow:
        prepare(data_dir, pin)
        log = open_station_log(data_dir, window_ms=5.0)
        window = StationWindow(log, data_dir, kiosk=kiosk, **options)  # type: ignore[arg-type]
        made.append((window, log))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        if not ready:
            window.show()
            return window
        with qtbot.waitSignal(window.ready, timeout=10_000):
            window.show()
        return window

    yield make
    for window, log in made:
        window.exit_allowed = True
        window.close()
        window.shutdown()
        QApplication.processEvents()
        left = _running_timers(window)
        log.close()
        assert not left, f"QTimers left running: {left}"
    leftover = [t.name for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()]
    assert not leftover, f"threads left running: {leftover}"


def wait_ready(window: QWidget, timeout_ms: int = 5000) -> None:
    """Wait until the station's page in front takes input (a candidate page drops input for a moment after it is
    shown, see kiosk.ui.input_gate); a widget that is not in a station window does not wait."""
    gate = getattr(window, "gate", None)
    waited = 0
    while gate is not None and not gate.ready:
        assert waited < timeout_ms, "the station's page never became ready for input"
        QTest.qWait(10)
        waited += 10


def wait_page(qtbot: QtBot, window: StationWindow, page: QWidget, timeout: int = 5000) -> None:
    """Wait until `page` is in front and takes input."""
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=timeout)
    wait_ready(window)


def type_code(qtbot: QtBot, window: StationWindow, text: str) -> None:
    """Type a code into the welcome screen with real key presses and press Enter."""
    field = window.screens.code.code_input
    qtbot.waitUntil(lambda: window.screens.code.start_button.isEnabled(), timeout=5000)
    wait_ready(window)
    field.setFocus()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def click(widget: QWidget) -> None:
    """A real left click in the middle of a widget (once its station page takes input)."""
    wait_ready(widget.window())
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def chord(window: StationWindow) -> None:
    """The proctor key chord, Ctrl+Alt+Shift+P, sent to whatever has the focus."""
    target = QApplication.focusWidget() or window
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(target, Qt.Key.Key_P, mods)


def panel_tab(window: StationWindow, title: str) -> None:
    """Click one of the proctor panel's tabs ("Sessions", "Access codes", "Sync", "Station details")."""
    tabs = window.panel.tabs
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def enter_pin(qtbot: QtBot, window: StationWindow, pin: str) -> None:
    """Type a PIN into the prompt and press Enter."""
    field = window.screens.pin.pin_input
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.pin and field.isEnabled(), timeout=5000)
    QTest.keyClicks(field, pin)
    QTest.keyClick(field, Qt.Key.Key_Return)
