"""Input queued before a page is shown is dropped and logged as dropped with its stamp (issue 10, item 2): a
candidate hammers Enter and Tab on the consent page; the keys still in the queue when the instructions page comes
to the front do not start the practice round."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventlog import Store
from tests.kiosk.conftest import MakeStation, issue, type_code, wait_page

BATTERY = """
[battery]
title = "Queued keys"
minutes = 1
practice = true

[[games]]
game = "bart"
params = { balloons = 1, feedback_ms = 50 }
practice_params = { balloons = 1, feedback_ms = 50 }
"""


def test_keys_queued_before_the_instructions_show_are_dropped_and_logged(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    battery = tmp_path / "queued.toml"
    battery.write_text(BATTERY, encoding="utf-8")
    window = make_station()
    window.activateWindow()
    type_code(qtbot, window, issue(data_dir, battery=str(battery))[0])
    s = window.screens
    wait_page(qtbot, window, s.consent)
    s.consent.agree_button.setFocus()
    handle = window.windowHandle()
    assert handle is not None
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Return):  # all in the queue before any is handled
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(handle, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is s.instructions, timeout=5000)  # the first Enter agreed
    wait_page(qtbot, window, s.instructions)
    qtbot.wait(200)
    assert window.stack.currentWidget() is s.instructions  # Tab and Enter did not start the practice round
    assert window.candidate.game is None and s.instructions.text.hasFocus()
    sid = window.candidate.session_id
    assert sid is not None
    window.log.flush(timeout=10)
    with Store.in_dir(data_dir) as store:
        events = store.events(sid)
    consent = next(e for e in events if e.kind == "station.consent")
    dropped = [e for e in events if e.kind == "station.input_dropped"]
    presses = [(e.payload["screen"], e.payload["key"], e.payload["reason"])
               for e in dropped if e.payload["action"] == "press"]
    assert presses == [("instructions", "Tab", "not_ready"), ("instructions", "Return", "not_ready")]
    assert all(e.t_ns >= consent.t_ns for e in dropped)  # each with its own stamp, after the page changed
    assert not any(e.kind.startswith("bart.") for e in events)
