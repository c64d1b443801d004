"""Every page of the station, the proctor panel's tabs and every game (every decision scenario) fit a 1024x768 and a
1920x1080 window: each visible widget lies inside the window and no label or button is squeezed below what its
text needs (the panel's bottom buttons and every game's key hint included)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.decision.scenarios import load_scenarios
from games.spec import game_spec
from kiosk.services.texts import consent_text, instructions
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import MakeStation
from tests.kiosk.ui.layout_check import misfits

SIZES = [(1024, 768), (1920, 1080)]
GAMES = ["bart", "simple_rt", "choice_rt", "go_nogo"]


def sized(qtbot: QtBot, make_station: MakeStation, size: tuple[int, int]) -> StationWindow:
    window = make_station()
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=5000)
    return window


def check(qtbot: QtBot, window: StationWindow, page: QWidget, what: str, size: tuple[int, int]) -> None:
    window.stack.setCurrentWidget(page)
    qtbot.wait(30)  # layouts settle on the next event-loop turns
    assert (window.width(), window.height()) == size, f"{what}: the window grew to fit"
    assert misfits(window) == [], what


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_station_page_fits(qtbot: QtBot, make_station: MakeStation, size: tuple[int, int]) -> None:
    window = sized(qtbot, make_station, size)
    s = window.screens
    s.consent.show_text(consent_text())
    s.instructions.show_game("Balloon game", instructions("bart"), "Game 1 of 3", True, False)
    s.practice_over.show_game("Balloon game")
    s.pause.show_reason("No input for 300 seconds.")
    for name in ("code", "consent", "instructions", "practice_over", "complete", "declined", "stopped", "pin",
                 "pause"):
        check(qtbot, window, getattr(s, name), name, size)
    panel = window.panel
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        check(qtbot, window, panel, f"panel, tab {panel.tabs.tabText(index)}", size)
        assert panel.back_button.isVisible() and panel.exit_button.isVisible()


def _host(qtbot: QtBot, window: StationWindow, game: str, params: object, what: str, size: tuple[int, int]) -> None:
    from kiosk.ui.candidate_flow import load_game_view

    session = window.log.open_session("practice", "layout")
    view, playing = load_game_view(game_spec(game), SessionRecorder(window.log, session, game), params, 1)
    window.screens.game.host(view, f"Game 1 of 3: {game_spec(game).title}")
    window.stack.setCurrentWidget(window.screens.game)
    playing.start()
    check(qtbot, window, window.screens.game, what, size)
    playing.suspend()
    window.screens.game.clear()
    window.log.close_session(session.session_id, session.now_ns(), "abandoned")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_game_fits_with_its_key_hint(qtbot: QtBot, make_station: MakeStation, size: tuple[int, int]) -> None:
    window = sized(qtbot, make_station, size)
    for game in GAMES:
        _host(qtbot, window, game, game_spec(game).params_model(), game, size)
    decision = game_spec("decision")
    for scenario in sorted(s.id for s in load_scenarios()):
        _host(qtbot, window, "decision", decision.params_model(scenarios=(scenario,)), f"decision {scenario}", size)

