"""A completed session whose results cannot be queued for sync: the candidate's end page claims only what is true
(the answers are saved), and the proctor's panel names the failure (issue 10, item 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from eventlog import Store, verify_store
from kiosk.services.session_ops import Closed
from kiosk.ui.simulate import make_player
from sync.outbox import OUTBOX_DIR
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, type_code, wait_page


def test_a_session_that_cannot_be_queued_is_saved_named_on_the_panel_and_never_claimed_sent(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    window = make_station(seed_override=5)
    outbox = data_dir / OUTBOX_DIR
    shutil.rmtree(outbox, ignore_errors=True)
    outbox.write_text("not a folder", encoding="utf-8")  # the outbox cannot take a bundle
    players: list[object] = []  # kept alive while they play

    def play(view: object, game: str, practice: bool) -> None:
        player = make_player(game, speed=25.0)
        player.attach(view)  # type: ignore[attr-defined]
        players.append(player)

    window.game_view_did_start.connect(play)
    type_code(qtbot, window, code)
    wait_page(qtbot, window, window.screens.consent)
    click(window.screens.consent.agree_button)
    closed: list[Closed] = []
    window.session_did_close.connect(closed.append)
    s = window.screens
    while not closed:  # every game of the battery, each begun with a click
        qtbot.waitUntil(lambda: bool(closed) or window.stack.currentWidget() is s.instructions, timeout=60_000)
        if not closed:
            with qtbot.waitSignal(window.game_view_did_start, timeout=5000):
                click(s.instructions.begin_button)
            qtbot.waitUntil(lambda: bool(closed) or window.stack.currentWidget() is not s.game, timeout=60_000)
    result = closed[0]
    assert result.reason == "completed" and not result.queued
    assert any(problem.startswith("outbox:") for problem in result.problems)

    complete = window.screens.complete
    wait_page(qtbot, window, complete)
    qtbot.waitUntil(complete.done_button.isEnabled, timeout=5000)
    said = " ".join(label.text() for label in complete.findChildren(QLabel) if label.isVisible()).lower()
    assert "your answers are saved" in said
    for claim in ("everything", "sent", "uploaded", "queued", "scored", "synced"):
        assert claim not in said, claim  # the candidate is told nothing that is not true
    with Store.in_dir(data_dir) as store:
        assert verify_store(store).ok and store.session(result.session_id).status == "completed"

    click(complete.done_button)
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel = window.panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and panel.table.item(0, 3).text() == "completed",
                    timeout=5000)
    cell = panel.table.item(0, 4).text()
    assert cell.startswith("NOT QUEUED: ")  # the row names what failed
    assert result.problems[0] in cell  # and why, as the station saw it fail
    assert "1 completed session not scored or not queued" in panel.status.text()
