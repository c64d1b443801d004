"""Practice keys never spill into the real game: a candidate holds Space through the end of the balloon practice,
lets go and taps it again; the real game starts only on a deliberate Tab and Enter, and balloon 1 gets no pump."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventlog import Store
from games.bart.player import BartPlayer
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import MakeStation, click, issue, type_code, wait_page, wait_ready

BATTERY = """
[battery]
title = "Practice spill check"
minutes = 1
practice = true

[[games]]
game = "bart"
params = { balloons = 3, feedback_ms = 50 }
practice_params = { balloons = 2, feedback_ms = 50 }
"""
REPEAT_MS = 30  # a keyboard's auto-repeat rate (about 33 Hz)


class HeldKey:
    """A key held down on the station window, as the window system delivers it: one press, then auto-repeats
    (release and press, both flagged auto-repeat) to whatever has the focus, then one release."""

    def __init__(self, window: StationWindow, key: Qt.Key, text: str) -> None:
        self.window, self.key, self.text = window, key, text
        self.timer = QTimer()
        self.timer.setInterval(REPEAT_MS)
        self.timer.timeout.connect(self._repeat)

    def _send(self, kind: QEvent.Type, repeat: bool) -> None:
        event = QKeyEvent(kind, self.key, Qt.KeyboardModifier.NoModifier, self.text, repeat)
        QApplication.sendEvent(self.window.windowHandle(), event)

    def press(self) -> None:
        self._send(QEvent.Type.KeyPress, False)
        self.timer.start()

    def _repeat(self) -> None:
        self._send(QEvent.Type.KeyRelease, True)
        self._send(QEvent.Type.KeyPress, True)

    def release(self) -> None:
        self.timer.stop()
        self._send(QEvent.Type.KeyRelease, False)


def tap(window: StationWindow, key: Qt.Key, text: str) -> None:
    """A fresh press and release of a key on the station window."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window.windowHandle(), QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def test_space_held_through_the_end_of_the_practice_never_pumps_real_balloon_one(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    battery = tmp_path / "spill.toml"
    battery.write_text(BATTERY, encoding="utf-8")
    code = issue(data_dir, battery=str(battery))[0]
    window = make_station()
    window.activateWindow()
    views: dict[bool, object] = {}
    player = BartPlayer([2, 2], speed=6.0)
    held = HeldKey(window, Qt.Key.Key_Space, " ")

    def started(view: object, game: str, practice: bool) -> None:
        views[practice] = view
        if practice:
            player.attach(view)  # type: ignore[arg-type]
            view.balloon_did_start.connect(  # type: ignore[attr-defined]
                lambda balloon: held.press() if balloon == 1 else None)  # Space goes down on the last balloon

    window.game_view_did_start.connect(started)
    type_code(qtbot, window, code)
    wait_page(qtbot, window, window.screens.consent)
    click(window.screens.consent.agree_button)
    wait_page(qtbot, window, window.screens.instructions)
    click(window.screens.instructions.practice_button)
    qtbot.waitUntil(lambda: held.timer.isActive(), timeout=20_000)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.screens.game, timeout=20_000)  # practice over
    after_practice = window.stack.currentWidget()
    qtbot.wait(800)  # Space is still held: it keeps auto-repeating on the page after the practice
    held.release()
    wait_ready(window)
    tap(window, Qt.Key.Key_Space, " ")  # an eager candidate taps Space again, twice
    qtbot.wait(400)
    tap(window, Qt.Key.Key_Space, " ")
    qtbot.wait(400)
    assert _pumps(data_dir, window) == []  # no practice key reached a real balloon
    assert False not in views  # and the real game did not start by itself
    assert window.stack.currentWidget() is after_practice is window.screens.practice_over

    over = window.screens.practice_over
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # the deliberate way: Tab to Start, Enter
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert over.begin_button.hasFocus()
    with qtbot.waitSignal(window.game_view_did_start, timeout=5000):
        QTest.keyClick(over.begin_button, Qt.Key.Key_Return)
    real = views[False]
    qtbot.waitUntil(lambda: real.state.phase == "inflating", timeout=5000)  # type: ignore[attr-defined]
    qtbot.wait(300)
    assert _pumps(data_dir, window) == []  # real balloon 1 got no pump
    window.log.flush(timeout=10)
    with Store.in_dir(data_dir) as store:
        dropped = [e for e in store.events(window.candidate.session_id) if e.kind == "station.input_dropped"]
    reasons = {(e.payload["screen"], e.payload["key"], e.payload["reason"]) for e in dropped}
    assert ("practice_over", "Space", "auto_repeat") in reasons or ("practice_over", "Space", "not_ready") in reasons
    assert ("practice_over", "Space", "held_before") in reasons  # the release of the key held from the practice
    assert all(e.t_ns > 0 and e.payload["action"] in ("press", "release") for e in dropped)


def _pumps(data_dir: Path, window: StationWindow) -> list[object]:
    window.log.flush(timeout=10)
    with Store.in_dir(data_dir) as store:
        return [e for e in store.events(window.candidate.session_id) if e.kind == "bart.pump"]
