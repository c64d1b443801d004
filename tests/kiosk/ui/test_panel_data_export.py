"""The proctor panel's "Export data…" writes the researcher tables of every closed assessment session into a new
folder inside the chosen one (a USB stick), on the worker, and says what it wrote or why it could not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.privacy import audit_rows
from tests.datasets.conftest import add_full_sessions, read_table
from tests.kiosk.conftest import PIN, MakeStation, chord, enter_pin, panel_tab, prepare, wait_page


def test_export_data_from_the_panel_with_the_keyboard(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(data_dir)
    ids = add_full_sessions(data_dir, ["P-0a0a0a0a", "P-1b1b1b1b"])
    with Store.in_dir(data_dir) as store:
        store.conn.execute("INSERT INTO people (participant, name, email, created_utc) VALUES "
                           "('P-0a0a0a0a', 'Ada Lovelace', 'ada@example.org', '2026-01-01')")
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(usb))
    window = make_station()
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel = window.panel
    panel_tab(window, "Sessions")
    panel.export_format.setFocus()
    QTest.keyClick(panel.export_format, Qt.Key.Key_Down)  # csv -> tsv
    assert panel.export_format.currentText() == "tsv"
    QTest.keyClick(panel.export_format, Qt.Key.Key_Tab)
    assert panel.export_button.hasFocus()
    QTest.keyClick(panel.export_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.status.text().startswith("Data exported"), timeout=20000)
    (folder,) = usb.iterdir()
    assert folder.name.startswith("hiremate-data-") and str(folder) in panel.status.text()
    sessions = read_table(folder / "sessions.tsv")
    assert sorted(row["session_id"] for row in sessions) == sorted(ids)
    assert {row["participant"] for row in sessions} == {"P-0a0a0a0a", "P-1b1b1b1b"}
    written = b"".join(path.read_bytes() for path in folder.rglob("*") if path.is_file())
    assert b"Ada Lovelace" not in written and b"ada@example.org" not in written  # pseudonyms only
    with Store.in_dir(data_dir) as store:  # the access record says who read which sessions, and where they went
        reads = audit_rows(store, action="read.data_export")
    assert sorted(row.detail["session_id"] for row in reads) == sorted(ids)
    assert all(row.actor.startswith("proctor:") and row.detail["output"] == str(folder) for row in reads)


def test_a_folder_that_cannot_take_it_is_named_on_the_panel(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(data_dir)
    add_full_sessions(data_dir, ["P-0a0a0a0a"])
    not_a_folder = tmp_path / "stick"
    not_a_folder.write_text("a file where a folder should be")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(not_a_folder))
    window = make_station()
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel_tab(window, "Sessions")
    QTest.mouseClick(window.panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.panel.status.text().startswith("Could not export the data"), timeout=20000)
    assert "stick" in window.panel.status.text()
    assert not_a_folder.read_text() == "a file where a folder should be"  # nothing overwritten
    with Store.in_dir(data_dir) as store:
        assert audit_rows(store, action="read.data_export") == []  # nothing was read out, nothing recorded
