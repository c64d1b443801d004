"""The system's headless Chromium driven by selenium: load a page, read its console, screenshot, print to PDF."""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["chromium", "chromium_paths", "print_pdf", "screenshot"]


def chromium_paths() -> tuple[str, str] | None:
    """(browser, driver) of Debian's chromium and chromium-driver, or None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def chromium(width: int = 1000, height: int = 1400) -> Iterator[Any]:
    """A headless Chromium session (no network needed: the pages under test are self-contained files)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = chromium_paths()
    assert paths is not None, "chromium and chromium-driver are needed: packaging/system-deps.sh test"
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=paths[1]), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver: Any, target: Path, full_height: bool = True) -> Path:
    """A PNG of the page (the whole page height when asked)."""
    if full_height:
        height = int(driver.execute_script("return document.documentElement.scrollHeight"))
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": int(driver.execute_script("return window.innerWidth")), "height": height,
            "deviceScaleFactor": 1, "mobile": False})
    driver.save_screenshot(str(target))
    return target


def print_pdf(driver: Any, target: Path) -> Path:
    """The page printed to PDF by Chromium, honouring the page's own @page size and margins."""
    result = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    target.write_bytes(base64.b64decode(result["data"]))
    return target
