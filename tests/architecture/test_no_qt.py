"""The Qt-free core runs where PySide6 cannot be imported at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

QT_FREE_PROBE = r'''
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this run")
        return None

sys.meta_path.insert(0, NoQt())
QT_MODULE_PARTS = {"view", "player", "widgets", "ui"}  # the games' Qt modules and the station's shell
imported = []
for package in ("eventlog", "games", "scoring", "sync", "reports", "datasets", "kiosk"):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        parts = set(info.name.split("."))
        if parts & QT_MODULE_PARTS or info.name.endswith(".__main__"):
            continue
        importlib.import_module(info.name)
        imported.append(info.name)
assert "PySide6" not in sys.modules
print(len(imported))
'''


def test_core_packages_import_with_pyside6_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", QT_FREE_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10


def test_event_log_round_trip_with_pyside6_blocked(tmp_path: Path) -> None:
    script = QT_FREE_PROBE.split("QT_MODULE_PARTS")[0] + f'''
from eventlog import EventLog, verify_store
with EventLog.in_dir({str(tmp_path)!r}) as log:
    s = log.open_session("practice", "P")
    log.close_session(s.session_id, 1)
    assert verify_store(log.store).ok
assert "PySide6" not in sys.modules
print("ok")
'''
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
