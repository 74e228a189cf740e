"""Browser benchmark: what a user waits for, measured in headless Chromium (issue 14's targets).

Run: .venv/bin/python bench/bench_browser.py   (needs /usr/bin/chromium: bash scripts/install_browser.sh)

Starts the app on a free localhost port and measures, in the page's own clock (performance.now()):
- first meaningful paint: navigation start → the monthly total is in the DOM (target ≤ 1.5 s; the moment a
  MutationObserver sees it), for a new visitor (a fresh browser context) on a running server, desktop
  1440×1000 and phone 390×844 — and on the phone, whether the total is on the first screen and the sidebar
  collapsed; on the desktop also until the whole page is drawn, grids and diagram too (a new visitor's first
  run pauses after the total and after the form: webapp/views/progressive.py);
- page switch: click on a sidebar link → the new page's heading is drawn, and → its script run has finished
  and it is drawn whole (no "running" indicator, no stale elements) (target ≤ 300 ms);
- edit: Enter in the requests input → the total shows the new figure and the run has finished
  (target ≤ 300 ms).
The baseline: the same first paint for a Streamlit script that draws one metric and nothing else, served
the same way — Streamlit's own floor on this machine (its front end loads and renders before any app's first
element), so the README can say how much of the wait is the app's and how much the framework's.
Figures go in the README (Performance).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app_server import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from i18n.catalog import t  # noqa: E402

DESKTOP = {"width": 1440, "height": 1000}
PHONE = {"width": 390, "height": 844}
TOTAL = '[data-testid="stMetricValue"]'
#: a finished run: the page's heading is there, nothing is running, nothing is stale
DONE_JS = """(heading) => {
  const running = document.querySelector('[data-testid^="stStatusWidgetRunning"]');
  const stale = document.querySelector('[data-stale="true"]');
  const found = [...document.querySelectorAll('h1, h2, h3')].some(h => h.innerText.trim().startsWith(heading));
  return found && !running && !stale;
}"""
#: the Design page drawn whole: its grids and its diagram too (they come after a new visitor's pauses:
#: webapp/views/progressive.py)
COMPLETE_JS = DONE_JS.replace("return found &&", "return found && document.querySelectorAll('[data-testid=\"stDataFrame\"]')"
                              ".length >= 2 && !!document.querySelector('[data-testid=\"stGraphVizChart\"]') &&")
#: the heading of a page is drawn (its first elements are on the screen)
HEADING_JS = """(heading) => [...document.querySelectorAll('h1, h2, h3')].some(h => h.innerText.trim().startsWith(heading))"""
#: when the total entered the DOM, in the page's clock (a MutationObserver: a poll from Playwright runs only when
#: the page's main thread is free, up to a second after the browser drew the total)
SEEN_JS = """
window.__total = null;
new MutationObserver(() => {
  if (window.__total === null && document.querySelector('[data-testid="stMetricValue"]')) window.__total = performance.now();
}).observe(document, {childList: true, subtree: true});
"""
PAGES = [("limits", t("page_limits", "en")), ("cost", t("page_cost", "en")), ("compare", t("compare_title", "en")),
         ("design", t("design", "en"))]


def summary(label: str, samples: list[float], target_ms: float) -> None:
    med = statistics.median(samples)
    print(f"{label:52} median {med:7.0f} ms  max {max(samples):7.0f} ms  (n={len(samples)}, target ≤ {target_ms:.0f} ms: "
          f"{'met' if med <= target_ms else 'NOT met'}; ratio {med / target_ms:.2f})")


def first_paint(browser, url: str, viewport: dict[str, int], phone: bool = False,
                complete: list[float] | None = None) -> tuple[float, Page]:
    """ms from navigation start until the monthly total is in the DOM, in a fresh context (and, into
    `complete`, until the whole page is drawn: both passes, nothing running)."""
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    context.add_init_script(SEEN_JS)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(TOTAL, timeout=60_000)
    if complete is not None:
        complete.append(wait_complete(page))
    return float(page.evaluate("window.__total")), page


def wait_complete(page: Page, heading: str = "") -> float:
    """The page clock when the Design page is drawn whole: `heading` there, its grids and diagram, nothing running."""
    page.wait_for_function(COMPLETE_JS, arg=heading, polling="raf", timeout=60_000)
    return float(page.evaluate("performance.now()"))


def wait_done(page: Page, heading: str) -> float:
    """The page clock when the run showing `heading` has finished (polled every animation frame)."""
    page.wait_for_function(DONE_JS, arg=heading, polling="raf", timeout=60_000)
    return float(page.evaluate("performance.now()"))


def switch(page: Page, slug: str, heading: str) -> tuple[float, float]:
    """(ms until the new page's heading is drawn, ms until its run has finished and it is drawn whole)."""
    start = float(page.evaluate("performance.now()"))
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{slug}"], [data-testid="stSidebarNav"] a[href$="/"]'
                 if slug == "design" else f'[data-testid="stSidebarNav"] a[href$="/{slug}"]').first.click()
    page.wait_for_function(HEADING_JS, arg=heading, polling="raf", timeout=60_000)
    first = float(page.evaluate("performance.now()")) - start
    return first, wait_done(page, heading) - start


def edit_requests(page: Page, value: int) -> float:
    box = page.get_by_role("spinbutton", name=t("requests_per_month", "en")).first
    before = page.locator(TOTAL).first.inner_text()
    box.fill(str(value))
    start = float(page.evaluate("performance.now()"))
    box.press("Enter")
    page.wait_for_function(f"""() => {{
      const v = document.querySelector('{TOTAL}');
      return v && v.innerText !== {before!r} && !document.querySelector('[data-testid^="stStatusWidgetRunning"]')
        && !document.querySelector('[data-stale="true"]');
    }}""", polling="raf", timeout=60_000)
    return float(page.evaluate("performance.now()")) - start


#: the baseline: one metric, nothing else (the monthly total's element, so the same selector finds it)
BASELINE = 'import streamlit as st\nst.metric("Monthly total", "$1.00")\n'


def baseline(browser, tmp: Path) -> None:
    """First paint of a one-metric Streamlit script (the framework's floor), 5 new visitors."""
    script = tmp / "baseline.py"
    script.write_text(BASELINE)
    with running_app(tmp / "baseline.log", script=str(script)) as url:
        first_paint(browser, url, DESKTOP)[1].context.close()
        samples = []
        for _ in range(5):
            ms, page = first_paint(browser, url, DESKTOP)
            samples.append(ms)
            page.context.close()
    summary("baseline: a one-metric Streamlit script, desktop", samples, 1500)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp) / "server.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        baseline(browser, Path(tmp))
        started = time.perf_counter()
        cold, page = first_paint(browser, url, DESKTOP)
        print(f"first visitor after the server started: total after {cold:.0f} ms "
              f"(wall {1000 * (time.perf_counter() - started):.0f} ms)")
        page.context.close()
        desktop, whole = [], []
        for _ in range(5):
            ms, page = first_paint(browser, url, DESKTOP, complete=whole)
            desktop.append(ms)
            page.context.close()
        summary("first meaningful paint, desktop (new visitor)", desktop, 1500)
        summary("  … the whole Design page drawn (grids and diagram too)", whole, 1500)
        phone, on_screen, collapsed = [], [], []
        for _ in range(3):
            ms, page = first_paint(browser, url, PHONE, phone=True)
            phone.append(ms)
            box = page.locator(TOTAL).first.bounding_box()
            on_screen.append(bool(box and box["y"] + box["height"] <= PHONE["height"]))
            sidebar = page.locator('[data-testid="stSidebar"]').first
            collapsed.append(sidebar.get_attribute("data-collapsed") == "true")
            page.context.close()
        summary("first meaningful paint, phone 390×844", phone, 1500)
        print(f"phone: total on the first screen {sum(on_screen)}/{len(on_screen)}; "
              f"sidebar collapsed {sum(collapsed)}/{len(collapsed)}")
        _, page = first_paint(browser, url, DESKTOP)
        wait_complete(page, t("design", "en"))
        switches: dict[str, list[tuple[float, float]]] = {slug: [] for slug, _ in PAGES}
        for _ in range(3):
            for slug, heading in PAGES:
                switches[slug].append(switch(page, slug, heading))
        for slug, samples in switches.items():
            summary(f"page switch → {slug}: heading drawn", [first for first, _ in samples], 300)
            summary(f"page switch → {slug}: whole page", [whole for _, whole in samples], 300)
        edits = [edit_requests(page, 3_000_000 + 100_000 * (i + 1)) for i in range(5)]
        summary("edit requests/month → new total", edits, 300)
        browser.close()


if __name__ == "__main__":
    main()
