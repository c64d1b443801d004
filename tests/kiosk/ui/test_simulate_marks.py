"""`hiremate simulate`: refused before it changes anything when another station holds the data directory; its
sessions are marked as simulated and the proctor panel lists them only when asked to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.station_lock import StationLock
from kiosk.services.stationdb import StationDb
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, prepare, wait_page


def simulate(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), "simulate", "--seed", "5"],
                          env=env, capture_output=True, text=True, timeout=300)


def test_simulate_refused_by_a_running_station_changes_nothing(data_dir: Path) -> None:
    prepare(data_dir)
    with Store.in_dir(data_dir) as store:
        before = store.path.read_bytes()
    lock = StationLock(data_dir)
    lock.acquire()  # this process is "the station running on the data directory"
    try:
        done = simulate(data_dir)
    finally:
        lock.release()
    assert done.returncode == 4
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).codes() == [] and store.sessions() == []  # no code was issued first
    assert (data_dir / "station.sqlite3").read_bytes() == before
    assert done.stderr.count("\n") == 1 and "another station" in done.stderr and "nothing was changed" in done.stderr


@pytest.mark.slow
def test_simulated_sessions_are_marked_and_listed_only_when_asked_for(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    prepare(data_dir)
    done = simulate(data_dir)
    assert done.returncode == 0, done.stderr
    sid = done.stdout.strip()
    with Store.in_dir(data_dir) as store:
        row = store.session(sid)
        opened = store.events(sid)[0]
    assert row is not None and row.purpose == "simulation" and opened.payload["purpose"] == "simulation"
    window = make_station()
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel = window.panel
    qtbot.waitUntil(lambda: "hidden" in panel.status.text(), timeout=5000)
    assert panel.table.rowCount() == 0 and "1 simulated or practice hidden" in panel.status.text()
    click(panel.all_sessions_check)
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 3).text() == "completed (simulation)"
    assert panel.table.item(0, 4).text() == "scored, queued"  # simulated sessions are scored like any other
