"""The panel's status line counts the interrupted sessions the list shows, simulated ones too when they are shown
(issue 10, item 8: 'interrupted (simulation)' in the list while the line said '0 interrupted')."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.services.stationdb import SessionInfo
from kiosk.ui.screens.panel import ProctorPanel


def _session(sid: str, purpose: str, status: str) -> SessionInfo:
    return SessionInfo(session_id=sid, purpose=purpose, participant=f"P-{sid}", battery="default", status=status,
                       started_utc="2026-12-03T08:00:00Z", events=10, game_index=0, game="bart", trial=3)


def test_the_interrupted_count_follows_what_the_list_shows(qtbot: QtBot) -> None:
    panel = ProctorPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_sessions([_session("a1", "assessment", "completed"), _session("s1", "simulation", "interrupted")])
    assert panel.table.rowCount() == 1
    assert panel.status.text() == "1 session (1 simulated or practice hidden), 0 interrupted."
    QTest.mouseClick(panel.all_sessions_check, Qt.MouseButton.LeftButton, pos=panel.all_sessions_check.rect().center())
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=2000)
    assert "interrupted (simulation)" in [panel.table.item(row, 3).text() for row in range(2)]
    assert panel.status.text() == "2 sessions, 1 interrupted."
