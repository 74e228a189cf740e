"""End-to-end test of the Streamlit app in real headless Chromium, driven by Playwright.

Needs Debian's Chromium (`bash scripts/install_browser.sh`) and the `playwright` package
(requirements.txt). Without them the module is skipped — except when CI=true, where it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # handled by the `browser` fixture: skip locally, fail in CI
    expect = sync_playwright = None

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
STARTUP_TIMEOUT_S = 60
UI_TIMEOUT_MS = 30_000  # Streamlit renders asynchronously; first renders of a cold app can be slow
SCREENSHOT_COPY = Path("/tmp/serverless_planner_screenshot.png")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing is listening on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, proc: subprocess.Popen, log_path: Path, timeout_s: float) -> None:
    """Poll Streamlit's health endpoint until it answers "ok"; fail (showing the server log) if it dies or times out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with code {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit did not answer {url}/_stcore/health within {timeout_s} s:\n{log_path.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium; skipped (or, with CI=true, failed) when it or Playwright is missing."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append(f"Chromium at {CHROMIUM} (run scripts/install_browser.sh)")
    if sync_playwright is None:
        missing.append("the playwright package (pip install -r requirements.txt)")
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"{reason}; CI=true, so this is a failure, not a skip", pytrace=False)
        pytest.skip(reason)
    expect.set_options(timeout=UI_TIMEOUT_MS)  # expect() has its own 5 s default, too short for a cold app
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def app_url(browser, tmp_path_factory):
    """Start the app on a free port, wait until it is healthy, and always stop it afterwards."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, proc, log_path, STARTUP_TIMEOUT_S)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def page(browser, app_url):
    """A fresh browser page (so a fresh Streamlit session) with the app fully rendered."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(UI_TIMEOUT_MS)
    tab = context.new_page()
    tab.goto(app_url)
    expect(metric_value(tab)).to_have_text(re.compile(r"^\$"))
    wait_for_idle(tab)
    yield tab
    context.close()


def metric_value(page):
    """The monthly-total metric's value element."""
    return page.locator('[data-testid="stMetricValue"]').first


def wait_for_idle(page) -> None:
    """Wait until Streamlit has finished the current script run (no "Running…" icon in its status widget)."""
    expect(page.locator('[data-testid^="stStatusWidgetRunning"]')).to_have_count(0)


def full_page_screenshot(page, path: Path) -> None:
    """Screenshot the whole app: Streamlit scrolls inside <main>, so grow the viewport to fit its content first."""
    height = page.locator('[data-testid="stMain"]').evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": height})
    page.wait_for_function("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                           " return m.scrollHeight <= m.clientHeight; }")
    page.screenshot(path=str(path), full_page=True)


def test_page_loads_with_title_and_a_dollar_total(page, record_property):
    """The page renders without an exception block, with the title and a "$…" monthly total."""
    expect(page.locator("h1").first).to_have_text("Serverless Planner")
    expect(metric_value(page)).to_have_text(re.compile(r"^\$[0-9,]+\.[0-9]{2}$"))
    record_property("monthly_total", metric_value(page).inner_text())
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_changing_requests_changes_the_total(page):
    """Typing a new request count and pressing Enter recomputes the monthly total."""
    before = metric_value(page).inner_text()
    requests = page.get_by_label("Client requests per month", exact=True)
    new_value = "20000000" if requests.input_value() != "20000000" else "30000000"
    requests.fill(new_value)
    requests.press("Enter")
    expect(metric_value(page)).not_to_have_text(before)
    expect(metric_value(page)).to_have_text(re.compile(r"^\$"))
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_switching_to_japanese_shows_japanese_labels(page):
    """Choosing 日本語 in the sidebar's language radio relabels the monthly total."""
    page.locator('[data-testid="stSidebar"] [data-testid="stRadioOption"]').filter(has_text="日本語").click()
    expect(page.get_by_text("月額合計（USD）", exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_full_page_screenshot_is_a_png(page, tmp_path):
    """A full-page screenshot is a non-empty PNG (also copied to /tmp for humans to look at)."""
    wait_for_idle(page)
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible()
    path = tmp_path / "serverless_planner.png"
    full_page_screenshot(page, path)
    data = path.read_bytes()
    assert len(data) > 1000 and data.startswith(b"\x89PNG\r\n\x1a\n")
    shutil.copyfile(path, SCREENSHOT_COPY)
