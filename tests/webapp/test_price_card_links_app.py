"""A phone's price cards link their source as the desktop grid's link column does: the address is the link's
target, never markdown-escaped text (a 390-px phone showed `pricing\\.us\\-east\\-1\\.amazonaws\\.com`), in both
languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cards_support import block, grid
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
LINK = re.compile(r"\[([^\]]+)\]\((https://[^)\s\\]+)\)")


@pytest.mark.parametrize(("lang", "label"), [("en", "Source"), ("ja", "出典")])
def test_each_price_card_links_its_source_without_escapes_in_the_address(lang, label):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("webapp/pages/prices.py").run()
    assert not at.exception
    markdown = block(at._tree, "narrow_prices").markdown[0].value
    lines = [line for line in markdown.split("  \n") if line.startswith(label)]
    sources = list(grid(at, "prices")[label].iloc[:len(lines)])
    assert lines and len(lines) == len(sources)
    for line, source in zip(lines, sources, strict=True):
        found = LINK.search(line)
        assert found, line
        assert found.group(2) == source  # the grid's address, whole, as the link's target
        shown = found.group(1).replace("\\", "")
        assert "https" not in shown and source.partition("://")[2].startswith(shown.removesuffix("…"))
