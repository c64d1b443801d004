"""Languages through the real station window: the candidate switches on the welcome screen with the keyboard, the
proctor's language on the access code applies otherwise, the choice is recorded (station.language) before the first
game, Arabic mirrors the candidate's pages but not a game's left and right (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from eventlog import Store
from eventlog.recorder import SessionRecorder
from games.spec import game_spec
from i18n import candidate_language, set_candidate_language
from kiosk.services import code_language
from kiosk.services.accommodations import Accommodations, issue_codes
from kiosk.services.battery import resolve_battery
from kiosk.services.stationdb import StationDb
from kiosk.services.texts import consent_texts
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import (
    FAST,
    PIN,
    MakeStation,
    chord,
    click,
    enter_pin,
    issue,
    panel_tab,
    type_code,
    wait_page,
    wait_ready,
)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_candidate_language("en")


def _events(data_dir: Path, session_id: str) -> list:
    with Store.in_dir(data_dir) as store:
        return store.events(session_id)


def _tab_to(window: StationWindow, target: object, presses: int = 12) -> None:
    for _ in range(presses):
        if target.hasFocus():  # type: ignore[attr-defined]
            return
        QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the language button")


def _consent_then_instructions(qtbot: QtBot, window: StationWindow) -> str:
    wait_page(qtbot, window, window.screens.consent)
    click(window.screens.consent.agree_button)
    wait_page(qtbot, window, window.screens.instructions, timeout=10_000)
    assert window.candidate.session_id is not None
    return window.candidate.session_id


def test_the_candidate_switches_with_the_keyboard_and_it_is_recorded_before_the_first_game(
        qtbot: QtBot, make_station: MakeStation, data_dir: Path) -> None:
    code = issue(data_dir)[0]
    window = make_station()
    screen = window.screens.code
    wait_ready(window)
    _tab_to(window, screen.language_buttons["es"])
    QTest.keyClick(screen.language_buttons["es"], Qt.Key.Key_Space)
    assert screen.heading.text() == "Bienvenido a HireMate" and screen.start_button.text() == "Empezar"
    type_code(qtbot, window, code)
    sid = _consent_then_instructions(qtbot, window)
    assert window.screens.instructions.heading.text() == "Juego del globo"
    assert "Cada **inflado**" in window.screens.instructions.text.toMarkdown() or \
        "Cada inflado" in window.screens.instructions.text.toPlainText()
    click(window.screens.instructions.begin_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.game, timeout=10_000)
    events = _events(data_dir, sid)
    kinds = [e.kind for e in events]
    assert kinds.index("station.language") < kinds.index("station.game_will_start")
    assert events[kinds.index("station.language")].payload == {"language": "es", "source": "candidate"}
    consent = events[kinds.index("station.consent")].payload
    assert consent["version"] == "es-1" and consent["text_sha256"] == consent_texts()["es"].sha256


def test_the_proctors_language_on_the_code_applies_and_ends_with_the_session(
        qtbot: QtBot, make_station: MakeStation, data_dir: Path) -> None:
    window = make_station()
    with Store.in_dir(data_dir) as store:
        code = issue_codes(StationDb(store), 1, resolve_battery(FAST), datetime.now(UTC) + timedelta(hours=1),
                           Accommodations(), language="de")[0].code
    assert window.screens.code.start_button.text() == "Start"  # English until the code is accepted
    type_code(qtbot, window, code)
    consent = window.screens.consent
    wait_page(qtbot, window, consent)
    assert consent.agree_button.text() == "Ich stimme zu, weiter"
    assert "Über diese Beurteilung" in consent.text.toPlainText()
    sid = window.candidate.session_id
    click(consent.decline_button)
    with qtbot.waitSignal(window.session_did_close, timeout=10_000):
        click(consent.confirm_button)
    events = _events(data_dir, sid)
    assert next(e.payload for e in events if e.kind == "station.language") == {"language": "de",
                                                                                "source": "access_code"}
    assert next(e.payload for e in events if e.kind == "station.consent")["version"] == "de-1"
    declined = window.screens.declined
    qtbot.waitUntil(lambda: declined.done_button.isEnabled(), timeout=10_000)
    assert declined.done_button.text() == "Fertig"
    click(declined.done_button)
    assert window.stack.currentWidget() is window.screens.code  # the next candidate starts in English
    assert candidate_language() == "en" and window.screens.code.heading.text() == "Welcome to HireMate"


def test_a_code_refuses_a_language_that_is_not_shipped(data_dir: Path, make_station: MakeStation) -> None:
    make_station()
    with Store.in_dir(data_dir) as store, pytest.raises(ValueError, match="language 'xx' is not shipped"):
        issue_codes(StationDb(store), 1, resolve_battery(FAST), datetime.now(UTC) + timedelta(hours=1),
                    Accommodations(), language="xx")
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).codes() == []  # nothing was issued


def test_arabic_mirrors_the_pages_but_not_the_games_left_and_right(qtbot: QtBot, make_station: MakeStation) -> None:
    from kiosk.ui.candidate_flow import load_game_view

    window = make_station()
    window.candidate.choose_language("ar")
    s = window.screens
    assert s.code.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert s.code.heading.text() == "مرحبًا بك في HireMate"
    buttons = s.code.language_buttons
    qtbot.waitUntil(lambda: buttons["en"].mapTo(window, buttons["en"].rect().center()).x() >
                    buttons["ar"].mapTo(window, buttons["ar"].rect().center()).x())  # mirrored: English on the right
    session = window.log.open_session("practice", "rtl")
    spec = game_spec("flanker")
    view, game = load_game_view(spec, SessionRecorder(window.log, session, "flanker"), spec.params_model(), 1)
    s.game.host(view, "")
    window.stack.setCurrentWidget(s.game)
    game.start()
    try:
        assert view.layoutDirection() == Qt.LayoutDirection.LeftToRight
        left, right = view.buttons["Left"], view.buttons["Right"]  # type: ignore[attr-defined]
        assert left.mapTo(window, left.rect().center()).x() < right.mapTo(window, right.rect().center()).x()
        assert left.text() == "◀  يسار" and right.text() == "يمين  ▶"
    finally:
        game.suspend()
        s.game.clear()
        window.log.close_session(session.session_id, session.now_ns(), "abandoned")


def test_the_proctor_sets_the_language_when_issuing_in_the_panel(qtbot: QtBot, make_station: MakeStation,
                                                                  data_dir: Path) -> None:
    window = make_station()
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel_tab(window, "Access codes")
    combo = window.panel.language_combo
    combo.setFocus()
    while combo.currentData() != "ar":  # the keyboard alone: Down through the choices
        QTest.keyClick(combo, Qt.Key.Key_Down)
    click(window.panel.issue_button)
    qtbot.waitUntil(lambda: window.panel.codes_table.rowCount() == 1, timeout=5000)
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        assert [code_language.code_language(db, c.ref) for c in db.codes()] == ["ar"]
