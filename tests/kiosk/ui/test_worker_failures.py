"""A DB worker op that fails reaches the person at the screen, and the screen works again afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from eventlog import Store
from eventlog.store import DB_FILENAME
from kiosk.services.stationdb import StationDb
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, type_code, wait_ready
from tests.sync.sessions import init_station, make_sessions

REFUSED = "the disk refused the write"


def _sql(data_dir: Path, *statements: str) -> None:
    """Change the station database from outside the station (another connection, as another process would)."""
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _refuse_writes(data_dir: Path, table: str, verbs: tuple[str, ...] = ("INSERT", "UPDATE")) -> None:
    """Every INSERT and UPDATE on `table` fails, for every connection (a stand-in for a disk that says no)."""
    _sql(data_dir, *(f"CREATE TRIGGER refuse_{verb}_{table} BEFORE {verb} ON {table}"
                     f" BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END" for verb in verbs))


def _allow_writes(data_dir: Path, table: str, verbs: tuple[str, ...] = ("INSERT", "UPDATE")) -> None:
    _sql(data_dir, *(f"DROP TRIGGER refuse_{verb}_{table}" for verb in verbs))


def test_a_failed_start_up_says_why_and_try_again_starts_the_station(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    with Store.in_dir(data_dir) as store:
        StationDb(store).set_setting("idle_seconds", "soon")  # a corrupted setting: start-up cannot read it
    window = make_station(ready=False)
    screen = window.screens.code
    qtbot.waitUntil(screen.retry_button.isVisible, timeout=10_000)
    assert "could not start" in screen.error.text() and "'soon'" in screen.error.text()
    assert not screen.start_button.isEnabled() and screen.code_input.isReadOnly()
    assert screen.key_hint.text() == "Press Enter to try again."
    with Store.in_dir(data_dir) as store:
        StationDb(store).set_setting("idle_seconds", "45")  # the proctor fixed it
    wait_ready(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        QTest.keyClick(screen.retry_button, Qt.Key.Key_Return)
    assert not screen.retry_button.isVisible() and not screen.error.isVisible()
    assert window.panel.idle_spin.value() == 45
    type_code(qtbot, window, code)  # and the screen takes codes again
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)


def test_a_failed_pin_check_says_so_and_the_prompt_works_again(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station()
    _refuse_writes(data_dir, "station_settings")  # checking a wrong PIN stores the lockout state
    chord(window)
    enter_pin(qtbot, window, "000000")
    pin = window.screens.pin
    qtbot.waitUntil(pin.error.isVisible, timeout=5000)
    assert pin.error.text() == f"Could not check the PIN: {REFUSED}"
    assert window.stack.currentWidget() is pin and pin.pin_input.isEnabled()
    _allow_writes(data_dir, "station_settings")
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)


def test_a_failure_no_screen_owns_shows_on_the_problem_line_until_the_proctor_has_seen_it(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    window = make_station()
    _refuse_writes(data_dir, "session_progress", ("UPDATE",))  # where the game has reached: refused
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    click(window.screens.consent.agree_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=5000)
    click(window.screens.instructions.begin_button)
    qtbot.waitUntil(window.problem.isVisible, timeout=5000)
    assert "Could not save where the candidate is" in window.problem.text() and REFUSED in window.problem.text()
    assert window.stack.currentWidget() is window.screens.game and window.candidate.view is not None
    chord(window)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)
    qtbot.waitUntil(lambda: "interrupted" in window.panel.status.text(), timeout=5000)  # the panel's own status
    assert window.problem.isVisible()  # still there under the panel: the proctor reads it here
    click(window.panel.back_button)
    assert window.stack.currentWidget() is window.screens.game
    assert not window.problem.isVisible()  # seen: gone until the next problem


def test_a_read_op_cannot_write_and_an_unhandled_failure_is_shown(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station()
    window.ops.read(lambda db: db.set_setting("sneaky", "yes"), lambda _: None, what="read the settings")
    qtbot.waitUntil(window.problem.isVisible, timeout=5000)
    assert window.problem.text() == ("Could not read the settings: attempt to write a readonly database. "
                                     "Please tell the proctor.")
    assert window.panel.status.text() == "Could not read the settings: attempt to write a readonly database"
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).setting("sneaky") is None


def test_a_success_callback_that_raises_takes_the_failure_route(qtbot: QtBot, make_station: MakeStation) -> None:
    window = make_station()
    failures: list[Exception] = []

    def show(value: int) -> None:
        raise LookupError(f"no row for {value}")

    window.ops.read(lambda db: 7, show, what="show seven", failure=failures.append)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=5000)
    assert [str(exc) for exc in failures] == ["no row for 7"]
    window.ops.write(lambda db: 1 / 0, None, what="divide by zero")
    qtbot.waitUntil(window.problem.isVisible, timeout=5000)
    assert window.problem.text() == "Could not divide by zero: division by zero. Please tell the proctor."


def test_sessions_that_cannot_be_queued_at_start_up_are_reported(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    init_station(data_dir)
    make_sessions(data_dir, 1)
    (data_dir / "outbox").write_text("not a folder\n", encoding="utf-8")  # bundles cannot be written
    with Store.in_dir(data_dir) as store:
        StationDb(store).set_sync_endpoint("http://127.0.0.1:9")
    window = make_station()
    assert window.problem.isVisible()
    assert window.problem.text().startswith("Could not queue completed sessions for upload: ")
    assert not window.screens.code.code_input.isReadOnly()  # the station itself runs
