"""Headless Chromium for the page tests: the fixture, opening a page, the offline check.

Shared by the graph page (test_viz.py) and the heatmap page (test_matrix.py); a module of its
own rather than conftest, since only these two import it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    driver_path = shutil.which("chromedriver")
    if not os.path.exists(CHROMIUM) or driver_path is None:
        pytest.skip("needs /usr/bin/chromium and chromedriver: run scripts/ensure-chromium.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="policykg-chromium-")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1600,1000",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path, timeout: float = 60.0) -> float:
    """Load the page from disk and wait until it says it is ready; return the seconds it took.

    The timeout only stops a page that never gets ready: speed is measured in bench/viz.py.
    """
    driver.get("about:blank")
    driver.get_log("browser")  # drop what the browser did before our page
    driver.get_log("performance")
    started = time.monotonic()
    driver.get(path.as_uri())
    while not driver.execute_script("return window.policykgReady === true"):
        assert time.monotonic() - started < timeout, "the page never got ready"
        time.sleep(0.05)
    return time.monotonic() - started


def assert_offline_and_clean(driver) -> None:
    """No console error or warning, and no request to anything but the file itself."""
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert urls, "the performance log recorded nothing"
    assert [u for u in urls if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
