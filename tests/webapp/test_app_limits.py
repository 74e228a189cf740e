"""The Limits page through AppTest: the same checks as `cli.py check`, and what-if controls that change them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from models.design.text import load_design_data
from service import check_data
from templates import template_text
from webapp.charts import limit_figures

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
    page_affected = {(r["id"], r["component"]): r["affected / month"] for _, r in table.iterrows()}
    assert page_affected == cli_affected
    assert limits_page.metric[0].value.endswith(report.worst_status)


def test_lowering_account_concurrency_fails_the_tv_spike(limits_page):
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(10).run()
    assert not limits_page.exception
    assert limits_page.metric[0].value == "🔴 fail"
    table = limits_page.dataframe[0].value
    assert table.iloc[0]["status"] == "🔴 fail"


def test_what_if_does_not_change_the_design(limits_page):
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(10).run()
    assert "limits" not in limits_page.session_state["design"]


def _source_of(at, check_id: str) -> str:
    table = at.dataframe[0].value
    return table[table["id"] == check_id].iloc[0]["limit source"]


def test_a_what_if_limit_is_credited_to_the_what_if_and_an_untouched_panel_keeps_aws_source(limits_page):
    """ux.md L2: an untouched panel shows AWS's quota page as the account concurrency's source; a value typed
    into the what-if says "what-if", not "design file (limits block)"."""
    untouched = _source_of(limits_page, "lambda.account_concurrency")
    assert untouched.startswith("https://docs.aws.amazon.com/"), untouched
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(400).run()
    assert _source_of(limits_page, "lambda.account_concurrency") == "what-if (this page only)"
    assert "limits block" not in " ".join(limits_page.dataframe[0].value["limit source"])
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(1000).run()  # back to AWS's default
    assert _source_of(limits_page, "lambda.account_concurrency") == untouched


def test_japanese_limits_page(limits_page):
    # AppTest's switch_page runs the page script alone (without app.py's sidebar), so set the language directly
    limits_page.session_state["lang"] = "ja"
    limits_page.run()
    assert not limits_page.exception
    assert limits_page.metric[0].label == "総合"


def test_limit_figures_show_the_month_and_the_peak_day():
    demand = np.ones(43_800)
    demand[11 * 1440 + 1200:11 * 1440 + 1230] = 6.0
    month, day = limit_figures(demand, 5.0, unit="concurrent executions")
    assert len(month.data[0].y) == 730 and max(month.data[0].y) == 6.0
    assert len(day.data[0].y) == 1440 and day.layout.title.text.endswith("day 12")
    assert month.layout.yaxis.type in (None, "linear")  # demand reaches the limit: a linear axis
    assert [shape.y0 for fig in (month, day) for shape in fig.layout.shapes] == [5.0, 5.0]  # the limit on both


def test_a_limit_far_above_the_demand_gets_a_log_axis():
    """13 concurrent executions under a 1,000 limit drew a flat line at 0 on a linear axis (UX review L3)."""
    demand = np.full(43_800, 13.0)
    month, day = limit_figures(demand, 1000.0, unit="concurrent executions")
    assert month.layout.yaxis.type == "log" and day.layout.yaxis.type == "log"
    assert limit_figures(demand, 100.0, unit="u")[0].layout.yaxis.type in (None, "linear")  # 13 % of it
