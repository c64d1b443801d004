"""Screen readers: every focusable control of every station screen (each page of the candidate path, the proctor
panel with all its tabs, PIN and pause, the recruiter view's pages, every game's view) has an accessible name, and
the candidate's controls an accessible description too."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.spec import all_games
from i18n import set_candidate_language
from kiosk.ui.recruiter.window import RecruiterWindow
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import MakeStation
from tests.kiosk.ui.a11y_walk import accessible_name, focusable, unnamed


def test_every_control_of_every_station_page_has_a_name(qtbot: QtBot, make_station: MakeStation) -> None:
    window = make_station()
    pages = {name: page for name, page in vars(window.screens).items() if isinstance(page, QWidget)}
    assert len(pages) >= 12 and sum(len(focusable(page)) for page in pages.values()) >= 40  # the walk finds them
    missing = {name: unnamed(page) for name, page in pages.items()}
    missing["call bar"] = unnamed(window.call_bar)
    assert {name: found for name, found in missing.items() if found} == {}


def test_the_candidates_controls_are_described(qtbot: QtBot, make_station: MakeStation) -> None:
    """A description says what a control does beyond its name (which keys, what happens next)."""
    window = make_station()
    s = window.screens
    for page in (s.code, s.consent, s.instructions, s.practice_over, s.complete, s.pause, s.pin):
        for widget in focusable(page):
            if widget is page:
                continue
            assert widget.accessibleDescription(), f"{type(page).__name__}: {widget.objectName()} has no description"
    assert window.call_button.accessibleDescription()


def test_the_recruiter_view_names_every_control(qtbot: QtBot, make_station: MakeStation) -> None:
    window = make_station()
    recruiter = RecruiterWindow(window.ops, window)
    qtbot.addWidget(recruiter)
    assert len(focusable(recruiter)) >= 8
    assert unnamed(recruiter) == []


@pytest.mark.parametrize("game", sorted(all_games()))
def test_every_game_view_has_a_name(qtbot: QtBot, make_station: MakeStation, game: str) -> None:
    from kiosk.ui.candidate_flow import load_game_view

    window: StationWindow = make_station()
    spec = all_games()[game]
    session = window.log.open_session("practice", "a11y")
    view, _ = load_game_view(spec, SessionRecorder(window.log, session, game), spec.params_model(), 1)
    try:
        window.screens.game.host(view, f"Game 1 of 3: {spec.title}")
        assert unnamed(view) == []
        assert spec.title in accessible_name(view)
    finally:
        window.screens.game.clear()
        window.log.close_session(session.session_id, session.now_ns(), "abandoned")


def test_names_are_in_the_readers_language_and_follow_a_switch(qtbot: QtBot, make_station: MakeStation) -> None:
    """A candidate's control is named in the candidate's language, a proctor's in the station's; a language switch
    names them again (a name a widget gave itself is kept)."""
    from i18n import set_station_language, translate

    set_station_language("de")
    try:
        window = make_station()
        s = window.screens
        window.candidate.apply_language("es")
        assert s.code.code_input.accessibleName() == translate("es", "Access code") != "Access code"
        assert s.pin.pin_input.accessibleName() == translate("de", "Proctor PIN") != "Proctor PIN"
        assert window.panel.table.accessibleName() == translate("de", "Sessions")
        assert window.panel.export_format.accessibleName() == translate("de", "Data export format")  # its own
        window.candidate.apply_language("ar")  # as the candidate's choice on the welcome screen
        assert s.code.code_input.accessibleName() == translate("ar", "Access code")
        assert s.code.code_input.accessibleDescription() == translate(
            "ar", "Type the code the proctor gave you, then press Enter; dashes are optional")
    finally:
        set_station_language("en")
        set_candidate_language("en")
