"""The proctor panel at 200 % type in high contrast on a 1024x768 screen (issue 17, item 6): every tab, with codes
just issued and the void question open, in English, the pseudo-locale (40 % longer) and Arabic (mirrored): no
widget outside the window or its scrolled tab, none squeezed below its text, no text cut off."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from pytestqt.exceptions import TimeoutError as QtTimeoutError
from pytestqt.qtbot import QtBot

from i18n import PSEUDO, set_candidate_language, set_station_language
from kiosk.ui.station import StationWindow
from kiosk.ui.station_frame import apply_appearance
from tests.kiosk.conftest import MakeStation
from tests.kiosk.ui.layout_check import misfits
from tests.kiosk.ui.pseudo_walk import problems

SIZE = (1024, 768)


@pytest.fixture
def station_in(qtbot: QtBot, make_station: MakeStation, request: pytest.FixtureRequest) -> Iterator[StationWindow]:
    set_station_language(request.param)
    try:
        window = make_station()
        window.resize(*SIZE)
        qtbot.waitUntil(lambda: (window.width(), window.height()) == SIZE, timeout=5000)
        apply_appearance(window, 2.0, True)
        yield window
    finally:
        apply_appearance(window, 1.0, False)
        set_station_language("en")
        set_candidate_language("en")


def _fits(qtbot: QtBot, window: StationWindow, where: str) -> list[str]:
    """Layout misfits and text cut off (the pseudo-locale walk's clipping check) on what is in front."""
    def found() -> list[str]:
        clipped = [p for p in problems(window, where) if " clips " in p]
        return [f"{where}: {m}" for m in misfits(window)] + clipped

    with contextlib.suppress(QtTimeoutError):  # layouts settle over event-loop turns
        qtbot.waitUntil(lambda: found() == [], timeout=3000)
    assert (window.width(), window.height()) == SIZE, f"{where}: the window grew to fit"
    return found()


@pytest.mark.parametrize("station_in", ["en", PSEUDO, "ar"], indirect=True)
def test_every_panel_tab_fits_1024x768_at_200_percent_in_high_contrast(qtbot: QtBot,
                                                                       station_in: StationWindow) -> None:
    window, panel = station_in, station_in.panel
    window.stack.setCurrentWidget(panel)
    assert panel.back_button.font().pointSize() == 26  # 13 pt at 100 %: the panel grows all the way
    found = []
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        found += _fits(qtbot, window, f"tab {panel.tabs.tabText(index)}")
    panel.tabs.setCurrentIndex(1)
    panel.issue_button.click()
    qtbot.waitUntil(lambda: panel.pdf_button.isEnabled() and panel.codes_table.rowCount() == 1, timeout=5000)
    panel.codes_table.selectRow(0)
    panel.void_button.click()
    found += _fits(qtbot, window, "codes issued, void question")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("station_in", ["en"], indirect=True)
def test_at_200_percent_the_rows_wrap_and_the_codes_list_goes_under_the_form(qtbot: QtBot,
                                                                             station_in: StationWindow) -> None:
    """What makes it fit: the bottom row's buttons take two lines, the unused codes sit under the issue form (side by
    side at 100 %), and the tab scrolls to them."""
    window, panel = station_in, station_in.panel
    window.stack.setCurrentWidget(panel)
    panel.tabs.setCurrentIndex(1)
    unused = panel.codes_table.parentWidget()
    form = panel.issue_button.parentWidget()
    qtbot.waitUntil(lambda: unused.y() > form.y() + form.height() - 1, timeout=3000)
    qtbot.waitUntil(lambda: panel.exit_button.y() > panel.back_button.y(), timeout=3000)
    apply_appearance(window, 1.0, False)
    qtbot.waitUntil(lambda: unused.y() == form.y() and panel.exit_button.y() == panel.back_button.y(), timeout=3000)
