"""The quote as a PDF: the HTML report (`quote_html`) printed by Debian's Chromium through Playwright.

One template makes both the HTML and the PDF, so they cannot drift apart; Chromium lays out
Japanese with the system's CJK fonts (fonts-noto-cjk, installed by scripts/install_browser.sh). No
browser is ever downloaded: Playwright drives /usr/bin/chromium, offline (the report is
self-contained, and the page may fetch nothing). When Chromium or Playwright is missing,
`PdfUnavailable` says so and the other exports still work.
"""

from __future__ import annotations

import os
from pathlib import Path

from render.quote.html_report import quote_html
from render.quote.report import QuoteReport

CHROMIUM = os.environ.get("SERVERLESS_PLANNER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-gpu"]


class PdfUnavailable(RuntimeError):
    """No PDF renderer on this machine (Chromium or Playwright missing, or Chromium would not start)."""


def pdf_available() -> bool:
    """True when Chromium and Playwright are installed (the PDF download can be offered)."""
    if not Path(CHROMIUM).is_file():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def html_to_pdf(html: str) -> bytes:
    """A4 PDF bytes of a self-contained HTML document (its @page and print CSS apply)."""
    if not Path(CHROMIUM).is_file():
        raise PdfUnavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as err:
        raise PdfUnavailable("Playwright is not installed") from err
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                # nothing may be fetched: the report carries its styles and chart inline
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load")
                return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except Error as err:
        raise PdfUnavailable(f"Chromium could not make the PDF: {err}") from err


def quote_pdf(report: QuoteReport) -> bytes:
    """The quote as PDF bytes: the same document as `quote_html`, printed on A4."""
    return html_to_pdf(quote_html(report))
