"""Every candidate page and every game, shown in the pseudo-locale (accented, 40 % longer): no visible text is
untranslated (plain English) and none is cut off, at 1280x800 (issue 17, item 4)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.exceptions import TimeoutError as QtTimeoutError
from pytestqt.qtbot import QtBot

from eventlog import Store
from eventlog.recorder import SessionRecorder
from games.spec import all_games, game_spec
from i18n import PSEUDO, _, set_candidate_language, set_station_language, translate
from i18n.pseudo import pseudo
from kiosk.services.stationdb import StationDb
from kiosk.services.texts import consent_text, instructions
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import MakeStation
from tests.kiosk.ui.pseudo_walk import problems

SIZE = (1280, 800)
PAGES = ("code", "consent", "instructions", "practice_over", "complete", "declined", "stopped", "pause", "storage",
         "pin")


@pytest.fixture
def pseudo_station(qtbot: QtBot, make_station: MakeStation) -> Iterator[StationWindow]:
    set_station_language(PSEUDO)  # as `hiremate run --language`: the proctor's pages are made in it
    window = make_station()
    window.candidate.apply_language(PSEUDO)
    try:
        yield window
    finally:
        set_candidate_language("en")
        set_station_language("en")


def _settle(qtbot: QtBot, window: StationWindow, where: str) -> list[str]:
    with contextlib.suppress(QtTimeoutError):  # layouts settle over a few event-loop turns
        qtbot.waitUntil(lambda: problems(window, where) == [], timeout=2000)
    return problems(window, where)


def test_every_candidate_page_is_translated_and_fits(qtbot: QtBot, pseudo_station: StationWindow) -> None:
    window, s = pseudo_station, pseudo_station.screens
    s.consent.show_text(consent_text(PSEUDO))
    s.instructions.show_game(_(game_spec("bart").title), instructions("bart", PSEUDO), _("Game {number} of {total}")
                             .format(number=1, total=3), True, False)
    s.practice_over.show_game(_(game_spec("bart").title))
    for end in (s.complete, s.declined, s.stopped):
        end.set_saved(True)
    s.pause.show_reason(_("No input for {seconds} seconds.").format(seconds=300))
    s.storage.show_cause(pseudo("the disk is full"))  # a cause the system gives, in its own words
    s.pin.ask(False)  # the proctor's PIN page, in the station's language
    found = []
    for name in PAGES:
        window.stack.setCurrentWidget(getattr(s, name))
        found += _settle(qtbot, window, name)
    s.consent.decline_button.click()  # the "are you sure?" question and its buttons
    window.stack.setCurrentWidget(s.consent)
    found += _settle(qtbot, window, "consent, asking")
    assert found == [], "\n".join(found)
    assert (window.width(), window.height()) == SIZE, "the window grew to fit"


def test_the_walk_catches_untranslated_and_clipped_text(qtbot: QtBot, pseudo_station: StationWindow) -> None:
    page = pseudo_station.screens.practice_over
    page.heading.setText("Practice over")  # as if _() had been forgotten
    page.begin_button.setFixedWidth(60)  # as if a layout gave a translation too little room
    pseudo_station.stack.setCurrentWidget(page)
    found = _settle(qtbot, pseudo_station, "practice_over")
    assert any("untranslated text 'Practice over'" in p for p in found)
    assert any("practiceOverBeginButton clips" in p for p in found)


@pytest.mark.parametrize("game", sorted(all_games()))
def test_every_game_is_translated_and_fits(qtbot: QtBot, pseudo_station: StationWindow, game: str) -> None:
    from kiosk.ui.candidate_flow import load_game_view

    window = pseudo_station
    session = window.log.open_session("practice", "pseudo")
    spec = game_spec(game)
    view, playing = load_game_view(spec, SessionRecorder(window.log, session, game), spec.params_model(), 1)
    window.screens.game.host(view, _("Game {number} of {total}: {game}").format(number=1, total=3,
                                                                                game=_(spec.title)))
    window.stack.setCurrentWidget(window.screens.game)
    playing.start()
    try:
        assert _settle(qtbot, window, game) == []
    finally:
        playing.suspend()
        window.screens.game.clear()
        window.log.close_session(session.session_id, session.now_ns(), "abandoned")


def _station_data(window: StationWindow) -> list[str]:
    """What the panel shows as it is in every language: the station's name, id, key fingerprint and folders."""
    from sync.identity import fingerprint

    with Store.in_dir(window.data_dir) as store:
        station = StationDb(store).station_info()
    return [station["name"], station["id"], fingerprint(window.data_dir), str(window.data_dir)]


def _walk(qtbot: QtBot, window: StationWindow, where: str, data: list[str]) -> list[str]:
    with contextlib.suppress(QtTimeoutError):
        qtbot.waitUntil(lambda: problems(window, where, data) == [], timeout=2000)
    return problems(window, where, data)


def test_every_panel_tab_and_question_is_translated_and_fits(qtbot: QtBot, pseudo_station: StationWindow) -> None:
    """Every tab of the panel, the issue form with codes just issued, the void question, the status lines and the
    PIN prompt for closing the station, in the pseudo-locale: nothing untranslated, nothing cut off."""
    window, panel = pseudo_station, pseudo_station.panel
    data = _station_data(window)
    window.stack.setCurrentWidget(panel)
    assert panel.layoutDirection() == Qt.LayoutDirection.LeftToRight
    found = []
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        found += _walk(qtbot, window, f"panel tab {index}", data)
    panel.tabs.setCurrentIndex(0)
    panel.resume_button.click()  # nothing selected: the status line says what to do
    assert panel.status.text() == pseudo("Select an interrupted session first.")
    found += _walk(qtbot, window, "sessions, nothing selected", data)
    panel.tabs.setCurrentIndex(1)
    panel.issue_button.click()
    qtbot.waitUntil(lambda: panel.pdf_button.isEnabled() and panel.codes_table.rowCount() == 1, timeout=5000)
    data += [panel.codes_table.item(0, 1).text(), *(str(p) for p in (window.data_dir / "codes").iterdir())]
    found += _walk(qtbot, window, "codes issued", data)
    panel.codes_table.selectRow(0)
    panel.void_button.click()
    assert panel.void_question.isVisible()
    found += _walk(qtbot, window, "void question", data)
    panel.tabs.setCurrentIndex(3)
    panel.limits_button.click()
    qtbot.waitUntil(lambda: panel.status.text() == pseudo("Idle limits saved."), timeout=5000)
    found += _walk(qtbot, window, "limits saved", data)
    panel.exit_button.click()  # the PIN again before the station closes
    assert window.stack.currentWidget() is window.screens.pin
    found += _walk(qtbot, window, "PIN to close the station", data)
    assert found == [], "\n".join(found)


def test_the_panel_mirrors_in_arabic(qtbot: QtBot, make_station: MakeStation) -> None:
    """The station's language decides the panel's direction and words (the candidate's pages go by the candidate's)."""
    set_station_language("ar")
    try:
        window = make_station()
    finally:
        set_station_language("en")
    panel = window.panel
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert panel.tabs.tabText(0) == translate("ar", "Sessions") != "Sessions"
    assert panel.back_button.text() == translate("ar", "Back to the candidate screen")
    window.stack.setCurrentWidget(panel)
    back, exit_ = panel.back_button.mapTo(panel, panel.back_button.rect().center()), panel.exit_button.mapTo(
        panel, panel.exit_button.rect().center())
    assert back.x() > exit_.x(), "right to left: Back is on the right, Close the station on the left"
