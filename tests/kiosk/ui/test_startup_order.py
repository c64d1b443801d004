"""`hiremate run` paints the station first and opens the event log afterwards: nothing heavy loads before the first
frame, the station still becomes ready, and a store that cannot open still ends in one line (real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.cli.main import main

ROOT = Path(__file__).resolve().parents[3]

CHILD = r"""
import sys
from kiosk.ui import app as station_app
from kiosk.ui.station import StationWindow

HEAVY = ("eventlog", "pydantic", "httpx", "scoring", "datasets", "reports", "sync.client", "PySide6.QtPrintSupport")
real_after, real_attach = station_app.after_first_paint, StationWindow.attach


def after(widget, callback, deadline_ms=1000):
    def opening():
        print("loaded before the log opened:", sorted(m for m in HEAVY if m in sys.modules), file=sys.stderr)
        callback()
    real_after(widget, opening, deadline_ms)


def attach(self, log):
    real_attach(self, log)

    def ready():
        print("ready:", self.stack.count(), "pages, code entry enabled:", self.screens.code.isEnabled(),
              file=sys.stderr)
        self.close()
    self.ready.connect(ready)


station_app.after_first_paint, StationWindow.attach = after, attach
sys.exit(station_app.run_station(sys.argv[1]))
"""


def _env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HIREMATE_DATA_DIR": str(data_dir)}


def test_the_station_paints_before_loading_the_log_and_then_becomes_ready(data_dir: Path) -> None:
    assert main(["init"]) == 0
    result = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], capture_output=True, text=True,
                            env=_env(data_dir), cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "loaded before the log opened: []" in result.stderr
    assert "ready: 12 pages, code entry enabled: True" in result.stderr


def test_a_store_that_cannot_open_after_the_first_paint_still_ends_in_one_line(data_dir: Path) -> None:
    assert main(["init"]) == 0
    (data_dir / "station.sqlite3").write_bytes(b"not a database at all" * 20)
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "run"], capture_output=True, text=True,
                            env=_env(data_dir), cwd=ROOT, timeout=120)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("hiremate: made private")]
    assert len(lines) == 1 and "the station cannot start" in lines[0] and "not a HireMate station database" in lines[0]
    assert "Traceback" not in result.stderr
