"""Crash resume: a child station running a scripted session is SIGKILLed mid-game; the proctor resumes it."""

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
from pytestqt.qtbot import QtBot

from eventlog import Store, verify_store
from kiosk.cli.main import main
from kiosk.ui.simulate import make_player
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, prepare

BATTERY = """
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


def _reached_trial(db_path: Path, trial: int) -> bool:
    if not db_path.exists():
        return False
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute("SELECT count(*) FROM events WHERE kind = 'rt.trial_started' AND trial >= ?",
                           (trial,)).fetchone()
        return bool(row and row[0])
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def _run_child_until_killed(data_dir: Path, battery: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), "simulate", "--battery", str(battery),
         "--speed", "0.5"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not _reached_trial(data_dir / "station.sqlite3", 2):
            assert child.poll() is None, f"the child ended early: {child.communicate()}"
            assert time.monotonic() < deadline, "the child never reached trial 2"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_sigkilled_session_is_resumed_at_its_trial_and_verifies(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    battery = tmp_path / "resume_check.toml"
    battery.write_text(BATTERY, encoding="utf-8")
    prepare(data_dir)
    _run_child_until_killed(data_dir, battery)
    with Store.in_dir(data_dir) as store:
        (row,) = store.sessions()
        before = store.events(row.id)
    assert row.status == "open" and before[-1].kind != "session.closed"
    assert main(["--data-dir", str(data_dir), "sessions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["status"] for s in listed] == ["interrupted"]
    interrupted_trial = listed[0]["trial"]
    assert interrupted_trial is not None and interrupted_trial >= 2

    window = make_station()
    assert "1 interrupted session" in window.screens.code.notice.text()
    chord(window)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)
    assert window.panel.table.item(0, 4).text() == "interrupted"
    click(window.panel.resume_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=5000)
    assert window.screens.instructions.begin_button.text() == "Continue the game"
    assert not window.screens.instructions.practice_button.isVisible()
    window.game_view_did_start.connect(lambda view, game, practice: make_player(game, 25.0).attach(view))
    with qtbot.waitSignal(window.session_did_close, timeout=60_000) as closed:
        click(window.screens.instructions.begin_button)
    assert closed.args[0].session_id == row.id and closed.args[0].reason == "completed"

    with Store.in_dir(data_dir) as store:
        after = store.events(row.id)
        assert verify_store(store).ok
        assert store.session(row.id).status == "completed"
    assert [e.hash for e in after[: len(before)]] == [e.hash for e in before]  # nothing rewritten
    resumed = after[len(before)]
    assert resumed.kind == "session.resumed"
    assert resumed.payload["resume_game"] == "simple_rt" and resumed.payload["resume_trial"] == interrupted_trial
    first_trial_after = next(e for e in after[len(before):] if e.kind == "rt.trial_started")
    assert first_trial_after.trial == interrupted_trial
    ended = [e for e in after if e.kind == "rt.game_ended"]
    assert len(ended) == 1
