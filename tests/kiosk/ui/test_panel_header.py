"""The proctor panel's header names the station; its technical identity (id, key fingerprint, data folder) is one
click away on the Station details tab, not in the header (issue 10, item 8)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.stationdb import StationDb
from sync.identity import fingerprint
from tests.kiosk.conftest import PIN, MakeStation, chord, enter_pin, panel_tab, wait_page


def test_the_header_shows_the_station_name_and_the_identity_is_one_click_away(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station()
    with Store.in_dir(data_dir) as store:
        station = StationDb(store).station_info()
    finger = fingerprint(data_dir)
    chord(window)
    enter_pin(qtbot, window, PIN)
    wait_page(qtbot, window, window.panel)
    panel = window.panel
    header = panel.heading.text()
    assert station["name"] in header
    for technical in (station["id"], finger, str(data_dir)):
        assert technical not in header
    assert not panel.identity.isVisible()  # the Sessions tab is in front
    panel_tab(window, "Station details")  # one click
    assert panel.identity.isVisible()
    details = panel.identity.text()
    assert station["id"] in details and finger in details and str(data_dir) in details
