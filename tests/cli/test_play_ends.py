"""`hiremate play` with a person at the window: closing the window, or Ctrl+C, ends the command cleanly (session
closed and flushed) and prints the game's summary. Each run is a child process, so a hang fails the test."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from eventlog import Store

GAME = ["play", "simple_rt", "--seed", "4", "--param", "trials=2", "--param", "iti_ms=50",
        "--param", "foreperiod_min_ms=100", "--param", "foreperiod_max_ms=150"]


def _child(mode: str, data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "tests.cli.play_child", mode, "--data-dir", str(data_dir), *GAME]


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _only_session(data_dir: Path) -> tuple[str, list[str]]:
    with Store.in_dir(data_dir) as store:
        (row,) = store.sessions()
        return row.status, [e.kind for e in store.events(row.id)]


def test_closing_the_window_after_a_played_game_ends_play_and_prints_the_summary(data_dir: Path) -> None:
    done = subprocess.run(_child("close", data_dir), env=_env(), capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.strip().splitlines()[-2:]
    assert "completed (window closed;" in first and "events saved" in first
    assert second.startswith("  summary: {") and '"hits": ' in second
    status, kinds = _only_session(data_dir)
    assert status == "completed" and kinds[-1] == "session.closed" and "rt.game_ended" in kinds


def _started(data_dir: Path) -> bool:
    db = data_dir / "station.sqlite3"
    if not db.exists():
        return False
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return bool(conn.execute("SELECT count(*) FROM events WHERE kind = 'rt.trial_started'").fetchone()[0])
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def test_ctrl_c_ends_play_cleanly_with_the_session_closed(data_dir: Path) -> None:
    child = subprocess.Popen(_child("wait", data_dir), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        deadline = time.monotonic() + 60
        while not _started(data_dir):
            assert child.poll() is None and time.monotonic() < deadline, child.communicate()
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    assert child.returncode == 130, err
    assert "abandoned (Ctrl+C;" in out and "summary: none (the game did not finish)" in out
    assert "Traceback" not in err
    status, kinds = _only_session(data_dir)
    assert status == "abandoned" and kinds[-1] == "session.closed" and "rt.trial_started" in kinds
