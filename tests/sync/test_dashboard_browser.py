"""The proctor dashboard in real headless Chromium, fed by two simulated stations' real heartbeats: it loads
without console errors, shows a card per station, follows a station's progress within two seconds, and raises
alerts for a call for the proctor and for a station that stopped reporting.

HIREMATE_SCREENSHOT_DIR=docs/screenshots keeps the screenshot (docs/screenshots/receiver_dashboard.png).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.reports.browser import chromium, chromium_paths, screenshot
from tests.sync.conftest import seat_two_candidates
from tests.sync.live_station import SimulatedStation

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(chromium_paths() is None, reason="needs chromium and chromium-driver")]
PROGRESS_WAIT_S = 2.0  # the requirement itself: a card follows its station within two seconds


_CARDS = """return Object.fromEntries([...document.querySelectorAll('#cards .card')].map(
    (card) => [card.querySelector('.name').textContent, [card.innerText, card.className]]));"""


def _cards(driver: Any) -> dict[str, list[str]]:
    """Each card's station name -> [its text, its classes], read in one go (cards are re-drawn on each update)."""
    return dict(driver.execute_script(_CARDS))


def _card(driver: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, f"#cards .card[aria-label^='{name}:']")


def _wait(driver: Any, seconds: float, check: Callable[[Any], Any], what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(check, message=what)


def _text_of(driver: Any, name: str) -> str:
    return _cards(driver).get(name, [""])[0]


def _errors(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_the_dashboard_follows_two_live_stations(room: tuple[str, str, list[SimulatedStation]]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, token, (desk1, desk2) = room
    seat_two_candidates([desk1, desk2])
    with chromium(width=1100, height=800) as driver:
        driver.get(url + "/dashboard")
        assert driver.current_url.endswith("/dashboard/login")
        box = driver.find_element(By.ID, "token")
        box.send_keys("hmr_not-a-token", Keys.ENTER)
        assert "not a valid read token" in driver.find_element(By.CSS_SELECTOR, ".error").text
        assert [e["message"].split(" - ")[0] for e in _errors(driver)] == [url + "/dashboard/login"]  # its 401
        driver.find_element(By.ID, "token").send_keys(token, Keys.ENTER)
        _wait(driver, 15, lambda d: set(_cards(d)) == {"desk-1", "desk-2"}, "a card for each station")
        _wait(driver, 10, lambda d: "Game 1 of 3" in _text_of(d, "desk-1"), "desk-1 playing its first game")
        assert "Consent" in _text_of(driver, "desk-2") and "P-2MNB" in _text_of(driver, "desk-2")
        assert driver.find_element(By.ID, "connection").text == "Live"

        desk1.trial("bart", 0)
        desk1.trial("bart", 4)
        started = time.monotonic()
        _wait(driver, PROGRESS_WAIT_S, lambda d: "trial 5 of 10" in _text_of(d, "desk-1"),
              "desk-1's card shows trial 5 within two seconds")
        followed_s = time.monotonic() - started

        desk2.consent()
        desk2.call_proctor("instructions")
        _wait(driver, PROGRESS_WAIT_S, lambda d: "Called the proctor" in _text_of(d, "desk-2"),
              "desk-2's call for the proctor within two seconds")
        assert "alerting" in _cards(driver)["desk-2"][1]

        desk1.focus_lost()
        desk2.disconnect()  # desk-2 stops reporting
        _wait(driver, 15, lambda d: "Not reporting" in _text_of(d, "desk-2"), "desk-2 marked as not reporting")
        _wait(driver, PROGRESS_WAIT_S, lambda d: "Focus lost" in _text_of(d, "desk-1"), "desk-1's focus loss")
        assert "Not reporting" not in _text_of(driver, "desk-1")
        assert driver.find_element(By.ID, "summary").text == "2 stations, 2 with alerts"

        keep = os.environ.get("HIREMATE_SCREENSHOT_DIR")
        if keep:
            screenshot(driver, Path(keep) / "receiver_dashboard.png", full_height=False)
        card = _card(driver, "desk-1")
        card.send_keys(Keys.ENTER)
        dialog = driver.find_element(By.ID, "timeline")
        _wait(driver, 5, lambda d: dialog.is_displayed(), "the timeline opens on Enter")
        steps = [item.text for item in dialog.find_elements(By.CSS_SELECTOR, "#timeline-list li")]
        assert any("Consent accepted" in step for step in steps), steps
        assert any("Game 1 started: Balloon game" in step for step in steps), steps
        assert any("Focus lost" in step for step in steps), steps
        if keep:
            screenshot(driver, Path(keep) / "receiver_dashboard_timeline.png", full_height=False)
        dialog.send_keys(Keys.ESCAPE)
        _wait(driver, 5, lambda d: not dialog.is_displayed(), "Esc closes the timeline")
        assert driver.switch_to.active_element == _card(driver, "desk-1")
        assert _errors(driver) == []
    assert followed_s <= PROGRESS_WAIT_S
