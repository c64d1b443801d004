"""Guard against the PySide6 build that drops references to None (6.12.0 on Python 3.11 aborts long runs)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit


def test_event_loop_and_synthetic_input_do_not_drop_references_to_none(qtbot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    before = sys.getrefcount(None)
    for _ in range(300):
        field.update()
        QTest.keyClick(field, Qt.Key.Key_A)
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B, Qt.KeyboardModifier.NoModifier, "b")
        QCoreApplication.postEvent(field, press)
        QTimer.singleShot(0, lambda: None)
        QCoreApplication.processEvents()
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"PySide6 dropped {lost} references to None in 300 rounds; use a build without the leak"
