"""The None-refcount work-around keeps a void-call-heavy Qt loop alive (shiboken6 6.12, Python < 3.12)."""

from __future__ import annotations

import subprocess
import sys

import pytest

LOOP = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QWidget
if sys.argv[1] == "pinned":
    from kiosk.qt_compat import pin_none_refcount
    pin_none_refcount()
app = QApplication([])
widget = QWidget()
for _ in range(200_000):
    widget.update()
print("alive")
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_no_longer_abort_the_process() -> None:
    pinned = subprocess.run([sys.executable, "-c", LOOP, "pinned"], capture_output=True, text=True, timeout=120)
    assert pinned.returncode == 0 and pinned.stdout.strip() == "alive", pinned.stderr
