"""The texts a candidate reads (consent, a game's instructions, the resume note) use the width of the screen: at
1024x768 they are not a narrow box that must be scrolled line by line (issue 10, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.kiosk.conftest import MakeStation, click, issue, type_code, wait_page


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_consent_and_instructions_texts_take_most_of_the_width(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, size: tuple[int, int]
) -> None:
    window = make_station()
    window.resize(*size)
    code = issue(data_dir)[0]
    type_code(qtbot, window, code)
    s = window.screens
    wait_page(qtbot, window, s.consent)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=5000)
    wanted = min(0.6 * window.width(), 900)
    assert s.consent.text.width() >= wanted, (s.consent.text.width(), window.width())
    click(s.consent.agree_button)
    wait_page(qtbot, window, s.instructions)
    assert s.instructions.text.width() >= wanted, (s.instructions.text.width(), window.width())
    assert s.instructions.text.geometry().right() <= s.instructions.width()  # and still inside the page
