"""A session's extended time also lengthens the station's idle and pause limits, recorded in the session and back to
the proctor's when it ends; the welcome page says, in the candidate's language, that Ctrl and + / - change the text
size where those keys work (issue 17)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.accommodations import Accommodations
from kiosk.ui.appearance import Appearance, current
from kiosk.ui.station_frame import apply_appearance
from tests.kiosk.conftest import MakeStation, click, type_code
from tests.kiosk.ui.test_accommodations_flow import _issue


def test_extended_time_lengthens_the_idle_and_pause_limits_for_the_session_only(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = _issue(data_dir, Accommodations(extended_time=2.0))
    window = make_station()
    qtbot.waitUntil(lambda: window.guard.idle_s > 0 and window.panel.isEnabled(), timeout=5000)
    base = (window.guard.idle_s, window.guard.pause_s)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    assert (window.guard.idle_s, window.guard.pause_s) == (base[0] * 2, base[1] * 2)
    sid = window.candidate.session_id
    click(window.screens.consent.decline_button)
    with qtbot.waitSignal(window.session_did_close, timeout=10_000):
        click(window.screens.consent.confirm_button)
    assert (window.guard.idle_s, window.guard.pause_s) == base  # the next candidate has the proctor's limits
    window.log.flush()
    with Store.in_dir(data_dir) as store:
        events = [(e.kind, e.payload) for e in store.events(sid)]
    kinds = [kind for kind, _ in events]
    assert kinds.index("station.accommodations") < kinds.index("station.idle_limits") < kinds.index("station.consent")
    assert dict(events)["station.idle_limits"] == {"idle_s": base[0] * 2, "pause_s": base[1] * 2,
                                                   "extended_time": 2.0}


def test_a_session_without_extended_time_keeps_the_limits_and_records_none(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = _issue(data_dir, Accommodations(breaks=True))
    window = make_station()
    base = (window.guard.idle_s, window.guard.pause_s)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    assert (window.guard.idle_s, window.guard.pause_s) == base
    sid = window.candidate.session_id
    window.log.flush()
    with Store.in_dir(data_dir) as store:
        assert "station.idle_limits" not in [e.kind for e in store.events(sid)]


def test_the_welcome_page_says_how_to_change_the_text_size_in_the_candidates_language(
    qtbot: QtBot, make_station: MakeStation
) -> None:
    window = make_station()
    code = window.screens.code
    hint = code.size_hint
    assert hint.isVisible() and "Ctrl and +" in hint.text()
    QTest.keyClick(code.code_input, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # and the keys work
    assert current() == Appearance(1.25)
    apply_appearance(window, 1.0, False)
    for tag, words in (("es", "Tamaño del texto"), ("de", "Strg und +"), ("ar", "حجم النص")):
        click(code.language_buttons[tag])
        qtbot.waitUntil(lambda w=words: w in hint.text(), timeout=3000)
    window.appearance.detach()  # where the keys are not taken, the page does not offer them
    assert not hint.isVisible()
