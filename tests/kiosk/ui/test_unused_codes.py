"""The proctor panel lists every unused code with its expiry (codes issued from the command line too), and the
proctor can void one: it then opens nothing, and the codes table says so."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.cli.main import main
from kiosk.services.codes import display_code
from kiosk.services.stationdb import StationDb
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, panel_tab, prepare, type_code, wait_page


def test_every_unused_code_is_listed_and_a_voided_one_opens_nothing(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prepare(data_dir)
    assert main(["--data-dir", str(data_dir), "codes", "issue", "--count", "11", "--battery", "test_fast",
                 "--json"]) == 0
    from_cli = [c["code"] for c in json.loads(capsys.readouterr().out)["codes"]]
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        expired = db.issue_codes(1, "test_fast", datetime.now(UTC) - timedelta(hours=1))[0]
        db.redeem(from_cli[0], "used-elsewhere")
    window = make_station()
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel = window.panel
    panel_tab(window, "Access codes")
    table = panel.codes_table
    qtbot.waitUntil(lambda: table.rowCount() == 11, timeout=5000)  # 10 unused from the CLI and the expired one
    listed = {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}
    assert set(listed) == {display_code(c) for c in from_cli[1:]} | {display_code(expired.code)}
    assert listed[display_code(expired.code)].startswith("expired ")
    assert all(text[:2] == "20" for code, text in listed.items() if code != display_code(expired.code))

    target = from_cli[1]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == display_code(target))
    participant = table.item(row, 1).text()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 0)).center())
    click(panel.void_button)
    assert panel.void_question.isVisible() and participant in panel.void_question.text()
    click(panel.void_cancel)  # "Keep it": nothing happens
    assert not panel.void_question.isVisible()
    click(panel.void_button)
    click(panel.void_confirm)
    qtbot.waitUntil(lambda: table.rowCount() == 10, timeout=5000)
    assert f"The code of {participant} is void" in panel.status.text()
    assert display_code(target) not in {table.item(r, 0).text() for r in range(table.rowCount())}
    with Store.in_dir(data_dir) as store:
        row_after = next(c for c in StationDb(store).codes() if c.code == target)
    assert row_after.used_utc is not None and row_after.session_id is None  # recorded in the codes table
    assert main(["--data-dir", str(data_dir), "codes", "list", "--json"]) == 0
    states = {c["code"]: c["state"] for c in json.loads(capsys.readouterr().out)}
    assert states[target] == "void" and states[from_cli[0]] == "used"

    click(panel.back_button)
    wait_page(qtbot, window, window.screens.code)
    type_code(qtbot, window, target)  # the voided code opens nothing
    qtbot.waitUntil(window.screens.code.error.isVisible, timeout=5000)
    assert "withdrawn by the proctor" in window.screens.code.error.text()
    with Store.in_dir(data_dir) as store:
        assert store.sessions() == []


def test_issuing_one_code_says_one_code(qtbot: QtBot, make_station: MakeStation) -> None:
    window = make_station()
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel_tab(window, "Access codes")
    click(window.panel.issue_button)
    qtbot.waitUntil(lambda: window.panel.pdf_button.isEnabled(), timeout=5000)
    assert window.panel.status.text().startswith("Issued 1 code;")
    qtbot.waitUntil(lambda: window.panel.codes_table.rowCount() == 1, timeout=5000)
