"""Crash resume: a child station running a scripted candidate is SIGKILLed mid-game; the proctor resumes it through
the station's screens with real keys, the game continues where it stopped, and the session scores and exports."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventlog import Store, verify_store
from kiosk.cli.main import main
from kiosk.ui.simulate import make_player
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, prepare, wait_page, wait_ready

RT_BATTERY = """
[battery]
title = "Resume check"
minutes = 1
seed_policy = "fixed"
seed = 3
practice = false

[[games]]
game = "simple_rt"
params = { trials = 8, foreperiod_min_ms = 300, foreperiod_max_ms = 400, iti_ms = 300 }
"""

BART_BATTERY = """
[battery]
title = "Balloon resume check"
minutes = 1
seed_policy = "per_session"
practice = false

[[games]]
game = "bart"
params = { balloons = 6, feedback_ms = 100 }

[[games]]
game = "simple_rt"
params = { trials = 2, foreperiod_min_ms = 100, foreperiod_max_ms = 150, iti_ms = 50 }
"""


def _count(db_path: Path, sql: str) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute(sql).fetchone()
        return int(row[0]) if row else 0
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def kill_child_when(data_dir: Path, code: str, reached: str, speed: float = 2.0) -> None:
    """Run a child station whose scripted candidate plays with `code`; SIGKILL it once the SQL count `reached` > 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", "tests.kiosk.ui.station_child", str(data_dir), code, str(speed)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while not _count(data_dir / "station.sqlite3", reached):
            assert child.poll() is None, f"the child ended early: {child.communicate()}"
            assert time.monotonic() < deadline, "the child never got there"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL


def interrupted(data_dir: Path, battery_text: str, tmp_path: Path, reached: str, speed: float = 2.0) -> str:
    """An assessment session of `battery_text` whose station was SIGKILLed once `reached`; its id."""
    battery = tmp_path / "battery.toml"
    battery.write_text(battery_text, encoding="utf-8")
    prepare(data_dir)
    code = issue(data_dir, battery=str(battery))[0]
    kill_child_when(data_dir, code, reached, speed)
    with Store.in_dir(data_dir) as store:
        (row,) = store.sessions()
    assert row.status == "open" and row.purpose == "assessment"
    return row.id


def resume_by_keyboard(qtbot: QtBot, window: StationWindow, reached: str | None = None) -> None:
    """The proctor's chord and PIN, then Tab to Resume and Enter (the interrupted session is selected); `reached`:
    how the panel's row must end (where the session got to, numbered as the candidate saw it)."""
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    if reached is not None:
        where = window.panel.table.item(0, 5)
        assert where is not None and where.text().endswith(reached), where.text() if where else None
    assert window.panel.table.hasFocus()  # the sessions list, with the interrupted session selected
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.panel.resume_button.hasFocus()
    QTest.keyClick(window.panel.resume_button, Qt.Key.Key_Return)
    wait_page(qtbot, window, window.screens.instructions)


def continue_by_keyboard(qtbot: QtBot, window: StationWindow) -> None:
    """On the resume screen: Tab reaches Continue the game, Enter chooses it."""
    instructions = window.screens.instructions
    assert instructions.begin_button.text() == "Continue the game"
    assert not instructions.practice_button.isVisible()
    wait_ready(window)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert instructions.begin_button.hasFocus()
    QTest.keyClick(instructions.begin_button, Qt.Key.Key_Return)


@pytest.mark.slow
def test_sigkilled_session_is_resumed_at_its_trial_and_verifies(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = interrupted(data_dir, RT_BATTERY, tmp_path,
                      "SELECT count(*) FROM events WHERE kind = 'rt.trial_started' AND trial >= 2", speed=0.5)
    with Store.in_dir(data_dir) as store:
        before = store.events(sid)
    assert before[-1].kind != "session.closed"
    assert main(["--data-dir", str(data_dir), "sessions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["status"] for s in listed] == ["interrupted"]
    interrupted_trial = listed[0]["trial"]
    assert interrupted_trial is not None and interrupted_trial >= 2

    window = make_station()
    notice = window.screens.code.notice.text()
    assert "1 interrupted session" in notice and "Ctrl" not in notice  # the proctor's chord is not shown
    chord(window)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)
    assert window.panel.table.item(0, 3).text() == "interrupted"
    assert window.panel.table.item(0, 5).text().endswith(f"trial {interrupted_trial + 1}")  # as the candidate saw it
    click(window.panel.resume_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=5000)
    assert window.screens.instructions.begin_button.text() == "Continue the game"
    assert not window.screens.instructions.practice_button.isVisible()
    window.game_view_did_start.connect(lambda view, game, practice: make_player(game, 25.0).attach(view))
    with qtbot.waitSignal(window.session_did_close, timeout=60_000) as closed:
        click(window.screens.instructions.begin_button)
    assert closed.args[0].session_id == sid and closed.args[0].reason == "completed"

    with Store.in_dir(data_dir) as store:
        after = store.events(sid)
        assert verify_store(store).ok
        assert store.session(sid).status == "completed"
    assert [e.hash for e in after[: len(before)]] == [e.hash for e in before]  # nothing rewritten
    resumed = after[len(before)]
    assert resumed.kind == "session.resumed"
    assert resumed.payload["resume_game"] == "simple_rt" and resumed.payload["resume_trial"] == interrupted_trial
    first_trial_after = next(e for e in after[len(before):] if e.kind == "rt.trial_started")
    assert first_trial_after.trial == interrupted_trial
    ended = [e for e in after if e.kind == "rt.game_ended"]
    assert len(ended) == 1


@pytest.mark.slow
def test_a_killed_balloon_game_resumes_by_keyboard_with_its_bank_and_the_session_scores_and_exports(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    """Kill mid-BART after money was banked: the resumed game continues at the interrupted balloon with the bank."""
    sid = interrupted(data_dir, BART_BATTERY, tmp_path,
                      "SELECT count(*) >= 1 AND (SELECT count(*) FROM events WHERE kind = 'bart.balloon_started') >= 3"
                      " FROM events WHERE kind = 'bart.collected'")
    with Store.in_dir(data_dir) as store:
        before = store.events(sid)
    banked = sum(e.payload["amount_cents"] for e in before if e.kind == "bart.collected")
    ended_before = sum(1 for e in before if e.kind == "bart.balloon_ended")
    last_seen = max(e.payload["balloon"] for e in before if e.kind == "bart.balloon_started")  # 0-based
    assert banked > 0

    window = make_station()
    resume_by_keyboard(qtbot, window, reached=f"(Balloon game), balloon {last_seen + 1}")  # "Balloon 8", not "#7"
    views: list[object] = []

    def play(view: object, game: str, practice: bool) -> None:
        views.append(view)
        make_player(game, 25.0).attach(view)  # type: ignore[attr-defined]

    window.game_view_did_start.connect(play)
    continue_by_keyboard(qtbot, window)
    bart = views[0]  # what the candidate sees at once: the money banked before the crash
    assert "Welcome back" in bart.last_label.text()  # type: ignore[attr-defined]
    assert bart.total_label.text() == f"${banked // 100}.{banked % 100:02d}"  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.screens.instructions.heading.text() == "Simple reaction time", timeout=60_000)
    with qtbot.waitSignal(window.session_did_close, timeout=60_000) as closed:
        click(window.screens.instructions.begin_button)  # the next game starts as usual
    result = closed.args[0]
    assert (result.session_id, result.reason, result.problems) == (sid, "completed", ())
    assert result.scored is not None and result.queued  # scored and queued for sync: nothing failed downstream
    with Store.in_dir(data_dir) as store:
        after = store.events(sid)
        assert verify_store(store).ok
    new = after[len(before):]
    assert new[0].kind == "session.resumed"
    game_resumed = next(e for e in new if e.kind == "bart.game_resumed")
    assert game_resumed.payload["total_cents"] == banked and game_resumed.payload["trials_done"] == ended_before
    started = [e.payload["balloon"] for e in new if e.kind == "bart.balloon_started"]
    assert started == list(range(ended_before, 6))  # no balloon number used twice, none skipped
    assert main(["--data-dir", str(data_dir), "export", "--all", "--plain", "-o", str(tmp_path / "usb")]) == 0
    assert main(["--data-dir", str(data_dir), "score", sid[:8]]) == 0


def test_a_resume_whose_events_do_not_fit_stops_the_session_and_tells_the_proctor(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    """A RestoreError (here: the station resumes with another seed than the one the game was played with)."""
    sid = interrupted(data_dir, BART_BATTERY, tmp_path,
                      "SELECT count(*) FROM events WHERE kind = 'bart.balloon_started'")
    window = make_station(seed_override=987)
    resume_by_keyboard(qtbot, window)
    with qtbot.waitSignal(window.session_did_close, timeout=10_000) as closed:
        continue_by_keyboard(qtbot, window)
    stopped = window.screens.stopped
    assert window.stack.currentWidget() is stopped and closed.args[0].reason == "abandoned"
    assert "Nothing you did is lost" in stopped.body.text()
    assert window.problem.isVisible() and "could not be restored" in window.problem.text()
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    qtbot.waitUntil(lambda: window.panel.table.rowCount() == 1 and window.panel.table.item(0, 3).text() == "abandoned",
                    timeout=5000)
    with Store.in_dir(data_dir) as store:
        failed = [e for e in store.events(sid) if e.kind == "station.game_failed"]
        assert store.session(sid).status == "abandoned"
    assert failed and failed[0].payload["game"] == "bart" and failed[0].payload["resuming"] is True
