"""Idle detection, the idle pause that needs the proctor, focus loss in kiosk mode, and the DB worker thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from eventlog import Store
from tests.kiosk.conftest import PIN, MakeStation, click, enter_pin, issue, type_code


def _kinds(data_dir: Path, session_id: str) -> list[str]:
    with Store.in_dir(data_dir) as store:
        return [e.kind for e in store.events(session_id)]


def test_idle_is_recorded_then_the_station_pauses_for_the_proctor(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    window = make_station(idle_s=1, pause_s=2)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    with qtbot.waitSignal(window.guard.idle_limit_reached, timeout=10_000):
        pass
    assert window.stack.currentWidget() is window.screens.pause
    click(window.screens.pause.call_button)
    assert not window.screens.pin.cancel_button.isVisible()  # only the PIN leaves the pause
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)
    click(window.panel.back_button)
    assert window.stack.currentWidget() is window.screens.consent
    sid = window.candidate.session_id
    assert sid is not None
    window.log.flush(timeout=10)
    kinds = _kinds(data_dir, sid)
    assert kinds.index("station.idle_detected") < kinds.index("station.paused")


def test_kiosk_takes_the_focus_back_and_records_the_absence(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    window = make_station(kiosk=True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    with qtbot.waitSignal(window.guard.focus_gained, timeout=10_000):
        other.activateWindow()
    assert window.isActiveWindow()
    sid = window.candidate.session_id
    window.log.flush(timeout=10)
    kinds = _kinds(data_dir, sid)
    assert kinds.index("station.focus_lost") < kinds.index("station.focus_gained")


def test_db_ops_run_on_one_worker_and_call_back_on_the_gui_thread(
    qtbot: QtBot, make_station: MakeStation
) -> None:
    window = make_station()
    seen: list[tuple[str, str]] = []

    def op(db: object) -> str:
        return threading.current_thread().name

    for _ in range(3):
        window.ops.read(op, lambda worker: seen.append((worker, threading.current_thread().name)), what="test")
    failures: list[Exception] = []
    window.ops.write(lambda db: 1 / 0, None, what="divide", failure=failures.append)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=5000)
    assert len({worker for worker, _ in seen}) == 1
    assert all(worker.startswith("hiremate-db") and gui == threading.main_thread().name for worker, gui in seen)
    assert isinstance(failures[0], ZeroDivisionError)
