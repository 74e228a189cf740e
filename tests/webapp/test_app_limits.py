"""The Limits page through AppTest: the same checks as `cli.py check`, and what-if controls that change them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from models.design.text import load_design_data
from service import check_data
from templates import template_text
from webapp.charts import limit_figures, peak_caption

SVG = "{http://www.w3.org/2000/svg}"
APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def limits_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.switch_page("webapp/pages/limits.py").run()
    assert not at.exception
    return at


def test_the_page_shows_the_same_checks_as_the_cli(limits_page):
    report, _ = check_data(load_design_data(template_text("photo_thumbnails")))
    table = limits_page.dataframe[0].value
    assert len(table) == len(report.checks)
    cli_affected = {(c.id, c.component): c.affected_requests_per_month for c in report.checks}
    page_affected = {(r["id"], r["Component"]): r["Affected requests / month"] for _, r in table.iterrows()}
    assert page_affected == cli_affected
    assert limits_page.metric[0].value.endswith(report.worst_status)


def test_lowering_account_concurrency_fails_the_tv_spike(limits_page):
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(10).run()
    assert not limits_page.exception
    assert limits_page.metric[0].value == "🔴 fail"
    table = limits_page.dataframe[0].value
    assert table.iloc[0]["Status"] == "🔴 fail"


def test_what_if_does_not_change_the_design(limits_page):
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(10).run()
    assert "limits" not in limits_page.session_state["design"]


def _source_of(at, check_id: str) -> str:
    table = at.dataframe[0].value
    return table[table["id"] == check_id].iloc[0]["Limit source"]


def test_a_what_if_limit_is_credited_to_the_what_if_and_an_untouched_panel_keeps_aws_source(limits_page):
    """ux.md L2: an untouched panel shows AWS's quota page as the account concurrency's source; a value typed
    into the what-if says "what-if", not "design file (limits block)"."""
    untouched = _source_of(limits_page, "lambda.account_concurrency")
    assert untouched.startswith("https://docs.aws.amazon.com/"), untouched
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(400).run()
    assert _source_of(limits_page, "lambda.account_concurrency") == "what-if (this page only)"
    assert "limits block" not in " ".join(limits_page.dataframe[0].value["Limit source"])
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(1000).run()  # back to AWS's default
    assert _source_of(limits_page, "lambda.account_concurrency") == untouched


def test_japanese_limits_page(limits_page):
    # AppTest's switch_page runs the page script alone (without app.py's sidebar), so set the language directly
    limits_page.session_state["lang"] = "ja"
    limits_page.run()
    assert not limits_page.exception
    assert limits_page.metric[0].label == "総合"


def _svg(text: str) -> ET.Element:
    return ET.fromstring(text)


def _points(svg: ET.Element) -> list[tuple[float, float]]:
    line = svg.find(f"{SVG}polyline")
    return [tuple(map(float, pair.split(","))) for pair in line.get("points").split()]


def _texts(svg: ET.Element) -> list[str]:
    return [node.text for node in svg.iter(f"{SVG}text")]


def test_limit_figures_show_the_month_and_the_peak_day():
    demand = np.ones(43_800)
    demand[11 * 1440 + 1200:11 * 1440 + 1230] = 6.0
    month, day = (_svg(text) for text in limit_figures(demand, 5.0, unit="concurrent executions"))
    assert len(_points(month)) == 730 and len(_points(day)) == 1440
    assert _texts(day)[0].endswith("day 12") and "concurrent executions" in _texts(month)
    # a linear axis 0..8 (ticks of 2 above a peak of 6 and a limit of 5) in a plot 34..236 px high (280 - 34 - 44):
    # 6 sits at 34 + (1 - 6/8) x 202 = 84.5 px, the limit 5 at 34 + (1 - 5/8) x 202 = 109.75 px, 1 at 210.75 px
    assert {"0", "2", "4", "6", "8"} <= set(_texts(month))
    for svg in (month, day):
        ys = [y for _, y in _points(svg)]
        assert min(ys) == pytest.approx(84.5, abs=0.06) and max(ys) == pytest.approx(210.75, abs=0.06)
        limit = svg.find(f"{SVG}line[@class='limit']")
        assert float(limit.get("y1")) == pytest.approx(109.75, abs=0.06)
    # the peak day: 20:00-20:30 of day 12 is 6, drawn from x = 56 + 20/23.983 x 228 px (a 300-wide chart less its
    # 56 + 16 px margins; the day's last minute is 23:59)
    peak_xs = [x for x, y in _points(day) if y < 100]
    assert min(peak_xs) == pytest.approx(56 + 20 / (1439 / 60) * 228, abs=0.06)


def test_a_limit_far_above_the_demand_gets_a_log_axis():
    """13 concurrent executions under a 1,000 limit drew a flat line at 0 on a linear axis (UX review L3)."""
    demand = np.full(43_800, 13.0)
    month, day = (_svg(text) for text in limit_figures(demand, 1000.0, unit="concurrent executions"))
    for svg in (month, day):
        assert {"10", "100", "1,000", "10,000"} <= set(_texts(svg))  # powers of ten: a log axis
        # log10 from 10 to 10,000: 13 sits at 34 + (1 - (log 13 - 1) / 3) x 202 px
        assert [y for _, y in _points(svg)] == \
            [pytest.approx(34 + (1 - (np.log10(13) - 1) / 3) * 202, abs=0.06)] * len(_points(svg))
    linear = _svg(limit_figures(demand, 100.0, unit="u")[0])  # 13 % of the limit: linear from 0
    assert "0" in _texts(linear) and "1,000" not in _texts(linear)


def test_the_charts_caption_gives_the_peak_its_time_and_the_limit():
    demand = np.ones(43_800)
    demand[11 * 1440 + 1200] = 6.0  # day 12, 20:00
    assert peak_caption(demand, 5.0, "concurrent executions") == \
        "Peak 6 concurrent executions on day 12 at 20:00; limit 5 (the peak is 120.0 % of it)."
    assert peak_caption(demand, None, "u") == "Peak 6 u on day 12 at 20:00."
    assert peak_caption(demand, 5.0, "同時実行数", "ja") == "ピーク 6 同時実行数（12 日目 20:00）、上限 5（ピークは上限の 120.0 %）。"


def test_chart_text_is_escaped():
    svg = limit_figures(np.ones(43_800), 5.0, unit="<b>&units</b>")[0]
    assert "<b>" not in svg and "&lt;b&gt;&amp;units&lt;/b&gt;" in svg
    _svg(svg)  # well-formed


def test_a_tiny_demand_under_a_big_limit_labels_at_most_seven_powers_of_ten():
    """1e-9 under a limit of 1,000 spans 10^-9..10^4: fourteen labels would overlap in a 202 px plot."""
    month = _svg(limit_figures(np.full(43_800, 1e-9), 1000.0, unit="u")[0])
    ticks = [text for text in _texts(month) if text in {"1e-08", "1e-06", "0.0001", "0.01", "1", "100", "10,000"}]
    assert ticks == ["1e-08", "1e-06", "0.0001", "0.01", "1", "100", "10,000"]  # every other power, the top kept
    assert "1e-07" not in _texts(month) and "1,000" not in _texts(month) and "limit" in _texts(month)


def test_a_peak_below_one_keeps_two_significant_digits():
    demand = np.zeros(43_800)
    demand[100] = 0.0042  # day 1, 01:40
    assert peak_caption(demand, 1000.0, "u") == "Peak 0.0042 u on day 1 at 01:40; limit 1,000 (the peak is 0.0 % of it)."
