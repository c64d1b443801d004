"""The kiosk cannot be left: fullscreen on the screen it starts on without a window manager, and a minimised or
hidden station takes itself back to the front and records how long it was away (issue 10, item 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.ui.kiosk_keeper import start_screen
from kiosk.ui.station import StationWindow
from tests.kiosk.conftest import MakeStation, issue, type_code, wait_page


def _kiosk_with_a_candidate(qtbot: QtBot, make_station: MakeStation, data_dir: Path) -> StationWindow:
    code = issue(data_dir)[0]
    window = make_station(kiosk=True)
    window.show_kiosk()  # what `hiremate run --kiosk` does
    qtbot.waitUntil(lambda: window.isFullScreen() and window.isActiveWindow(), timeout=5000)
    type_code(qtbot, window, code)
    wait_page(qtbot, window, window.screens.consent)
    return window


def _focus_events(window: StationWindow, data_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    window.log.flush(timeout=10)
    sid = window.candidate.session_id
    assert sid is not None
    with Store.in_dir(data_dir) as store:
        return [(e.kind, e.payload) for e in store.events(sid)
                if e.kind in ("station.focus_lost", "station.focus_gained")]


def _back_in_front(qtbot: QtBot, window: StationWindow) -> None:
    qtbot.waitUntil(lambda: window.isVisible() and not window.isMinimized() and window.isActiveWindow()
                    and window.isFullScreen(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.keeper.retry.isActive(), timeout=10_000)


def _each_absence_ends(events: list[tuple[str, dict[str, Any]]], causes: set[str]) -> None:
    """At least one absence; each focus_lost (with a cause) is followed by a focus_gained with its duration."""
    kinds = [kind for kind, _ in events]
    assert kinds and kinds == ["station.focus_lost", "station.focus_gained"] * (len(kinds) // 2), kinds
    for (_, lost), (_, gained) in zip(events[::2], events[1::2], strict=True):
        assert lost["cause"] in causes and gained["away_ns"] > 0


def test_without_a_window_manager_the_kiosk_fills_the_screen_it_starts_on(
    qtbot: QtBot, make_station: MakeStation
) -> None:
    window = make_station(kiosk=True)  # shown at 1280x800 first, as a window without a window manager would be
    screen = start_screen()
    assert window.geometry() != screen.geometry()
    window.show_kiosk()
    qtbot.waitUntil(window.isFullScreen, timeout=5000)
    assert window.screen() is screen
    assert window.geometry() == screen.geometry()  # the whole screen, not a window in a corner
    central = window.centralWidget()
    assert central is not None and central.geometry() == window.rect()  # the pages fill the screen too


def test_a_minimised_kiosk_comes_back_and_records_the_absence_with_its_duration(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = _kiosk_with_a_candidate(qtbot, make_station, data_dir)
    with qtbot.waitSignal(window.guard.focus_gained, timeout=10_000):
        window.showMinimized()  # a minimise request from the window manager
    _back_in_front(qtbot, window)
    assert window.geometry() == start_screen().geometry()
    assert window.stack.currentWidget() is window.screens.consent  # the candidate is where they were
    events = _focus_events(window, data_dir)
    _each_absence_ends(events, {"minimised", "hidden"})
    assert events[0][1]["cause"] == "minimised"  # a minimise is named as one, though Qt hides the window first


def test_a_hidden_kiosk_comes_back_and_records_the_absence_with_its_duration(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = _kiosk_with_a_candidate(qtbot, make_station, data_dir)
    with qtbot.waitSignal(window.guard.focus_gained, timeout=10_000):
        window.hide()  # "show desktop" (Super+D) unmaps the window
    _back_in_front(qtbot, window)
    assert window.geometry() == start_screen().geometry()
    _each_absence_ends(_focus_events(window, data_dir), {"hidden", "deactivated"})
