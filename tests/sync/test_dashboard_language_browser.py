"""The dashboard in German and in Arabic in real headless Chromium, fed by real heartbeats: the cards, the summary
and the timeline speak the chosen language, the choice survives a reload, Arabic pages run right to left, and the
language links work with the keyboard.

HIREMATE_SCREENSHOT_DIR=docs/screenshots keeps docs/screenshots/receiver_dashboard_ar.png.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.reports.browser import chromium, chromium_paths, screenshot
from tests.sync.conftest import seat_two_candidates
from tests.sync.live_station import SimulatedStation

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(chromium_paths() is None, reason="needs chromium and chromium-driver")]

_TEXT = "return [document.documentElement.lang, document.dir, document.getElementById('summary').textContent, " \
        "[...document.querySelectorAll('#cards .card')].map((c) => c.innerText).join('\\n')];"


def _wait(driver: Any, seconds: float, check: Callable[[Any], Any], what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(check, message=what)


def _log_in(driver: Any, url: str, token: str, lang: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{url}/dashboard/login?lang={lang}")
    driver.find_element(By.ID, "token").send_keys(token, Keys.ENTER)


def test_german_then_arabic(room: tuple[str, str, list[SimulatedStation]]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, token, (desk1, desk2) = room
    seat_two_candidates([desk1, desk2])
    with chromium(width=1100, height=800) as driver:
        _log_in(driver, url, token, "de")
        _wait(driver, 15, lambda d: "Spiel 1 von 3" in d.execute_script(_TEXT)[3], "desk-1 playing, in German")
        lang, direction, summary, cards = driver.execute_script(_TEXT)
        assert (lang, direction) == ("de", "ltr")
        assert summary == "2 Stationen, keine Warnungen"
        assert "Einwilligung" in cards and "Kandidat" in cards and "Freier Speicher" in cards
        assert "Candidate" not in cards and "Free disk" not in cards
        desk2.call_proctor("consent")
        _wait(driver, 10, lambda d: "Hat die Aufsicht gerufen" in d.execute_script(_TEXT)[3], "the alert in German")
        assert driver.execute_script(_TEXT)[2] == "2 Stationen, 1 mit Warnungen"

        driver.get(f"{url}/dashboard")  # the choice is remembered
        _wait(driver, 10, lambda d: d.execute_script(_TEXT)[0] == "de", "German again after a reload")

        links = driver.find_elements(By.CSS_SELECTOR, "nav.languages a")
        assert [link.text for link in links] == ["English", "Español", "Deutsch", "العربية"]
        links[3].send_keys(Keys.ENTER)  # the keyboard alone changes the language
        _wait(driver, 15, lambda d: d.execute_script(_TEXT)[:2] == ["ar", "rtl"], "the Arabic page")
        _wait(driver, 15, lambda d: "اللعبة 1 من 3" in d.execute_script(_TEXT)[3], "desk-1 playing, in Arabic")
        assert driver.execute_script(_TEXT)[2].startswith("محطتان")
        heading = driver.find_element(By.TAG_NAME, "h1")
        logout = driver.find_element(By.CSS_SELECTOR, "header form button")
        assert heading.location["x"] > logout.location["x"]  # right to left: the title on the right
        keep = os.environ.get("HIREMATE_SCREENSHOT_DIR")
        if keep:
            screenshot(driver, Path(keep) / "receiver_dashboard_ar.png", full_height=False)
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
